// tcctl manifest check|encode|decode: the container manifest from JSON to the device's CBOR and
// back (docs/manifest.md).
//   check MANIFEST.json [--board BOARD.json] [-o table|json]   exit 0 valid, 1 invalid
//   encode MANIFEST.json -o OUT.cbor [--board BOARD.json]      check, then write the CBOR
//   decode IN.cbor                                             the device decoder, printed as JSON
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "manifest/codec.hpp"
#include "manifest/manifest_json.hpp"
#include "manifest/validate.hpp"
#include "tcctl/commands.hpp"
#include "tcctl/file_io.hpp"
#include "tcctl/input_files.hpp"

namespace tc::cli {
namespace {

using nlohmann::json;
namespace mj = manifest_json;

struct ManifestArgs {
  std::string input;
  std::string board;
  std::string output;
  std::string format = "table";
};

// Reads, checks and (with a board) checks against the board; errors printed unless as_json.
std::optional<mj::ManifestResult> check_manifest(const ManifestArgs& args, bool as_json) {
  std::optional<manifest::BoardProfile> board;
  if (!load_optional_board(args.board, board)) return std::nullopt;
  const std::optional<std::string> text = read_text(args.input);
  if (!text) {
    std::fprintf(stderr, "%s: cannot read the file\n", args.input.c_str());
    return std::nullopt;
  }
  mj::ManifestResult result = mj::parse_manifest(*text, board ? &*board : nullptr);
  if (!as_json) print_json_errors(args.input, result.errors);
  return result;
}

std::string endpoint_line(const manifest::Endpoint& e) {
  static constexpr const char* kDirections[] = {"?", "read", "write", "read_write"};
  std::string line = "  endpoint " + std::to_string(e.id) + ": " + std::string(e.target.view()) +
                     " " + kDirections[static_cast<uint8_t>(e.direction) & 3];
  if (e.limits.has_bounds) {
    line +=
        " [" + std::to_string(e.limits.min_value) + ".." + std::to_string(e.limits.max_value) + "]";
  }
  if (e.limits.calls_per_second != 0)
    line += ", " + std::to_string(e.limits.calls_per_second) + "/s";
  return line;
}

void print_summary(const ManifestArgs& args, const manifest::Manifest& m) {
  std::printf("%s: valid: %s version %u (tenant %s)%s\n", args.input.c_str(), m.name.c_str(),
              m.version, m.tenant.c_str(), args.board.empty() ? "" : ", fits the board");
  std::printf("  memory: stack %u, data %u, storage %u bytes\n", m.memory.stack_bytes,
              m.memory.data_bytes, m.memory.storage_bytes);
  std::printf("  timing: loop every %u ms, max loop %u ms, fuel %llu, cpu %u permille\n",
              m.timing.loop_period_ms, m.timing.max_loop_ms,
              static_cast<unsigned long long>(m.timing.fuel), m.timing.cpu_share_permille);
  for (uint8_t i = 0; i < m.endpoint_count; ++i)
    std::printf("%s\n", endpoint_line(m.endpoints[i]).c_str());
  for (uint8_t i = 0; i < m.export_count; ++i)
    std::printf("  export %s\n", m.exports[i].path.c_str());
}

json errors_json(const mj::JsonErrors& errors) {
  json list = json::array();
  for (const mj::JsonError& e : errors)
    list.push_back({{"path", e.path}, {"message", e.message}});
  return list;
}

int run_check(const ManifestArgs& args) {
  const bool as_json = args.format == "json";
  const std::optional<mj::ManifestResult> result = check_manifest(args, as_json);
  if (!result) return 1;
  if (as_json) {
    nlohmann::ordered_json out = {
        {"file", args.input}, {"valid", result->ok()}, {"errors", errors_json(result->errors)}};
    if (result->ok()) out["manifest"] = mj::to_json(result->manifest);
    std::printf("%s\n", out.dump(2).c_str());
  } else if (result->ok()) {
    print_summary(args, result->manifest);
  }
  return result->ok() ? 0 : 1;
}

int run_encode(const ManifestArgs& args) {
  std::optional<manifest::BoardProfile> board;
  if (!load_optional_board(args.board, board)) return 1;
  const std::optional<ManifestFile> file =
      load_manifest_file(args.input, board ? &*board : nullptr);
  if (!file) return 1;
  const std::string error = write_atomically(args.output, file->cbor);
  if (!error.empty()) {
    std::fprintf(stderr, "%s: %s\n", args.output.c_str(), error.c_str());
    return 1;
  }
  std::printf("%s: %zu bytes\n", args.output.c_str(), file->cbor.size());
  return 0;
}

bool collect(void* context, const manifest::ManifestError& error) {
  static_cast<mj::JsonErrors*>(context)->push_back(mj::to_json_error(error));
  return true;
}

int run_decode(const ManifestArgs& args) {
  const std::optional<std::vector<uint8_t>> bytes = read_bytes(args.input);
  if (!bytes) {
    std::fprintf(stderr, "%s: cannot read the file\n", args.input.c_str());
    return 1;
  }
  manifest::Manifest m;
  const manifest::ManifestError error = manifest::decode(*bytes, m);
  if (!error.ok()) {
    std::fprintf(stderr, "%s: %s\n", args.input.c_str(), mj::to_json_error(error).text().c_str());
    return 1;
  }
  std::printf("%s\n", mj::to_json(m).dump(2).c_str());
  mj::JsonErrors errors;
  (void)manifest::validate_all(m, collect, &errors);
  print_json_errors(args.input, errors);
  return errors.empty() ? 0 : 1;
}

void add_check(CLI::App& manifest) {
  auto args = std::make_shared<ManifestArgs>();
  CLI::App* cmd = manifest.add_subcommand("check", "validate a manifest (JSON)");
  cmd->add_option("manifest", args->input, "manifest file (JSON)")->required();
  cmd->add_option("--board", args->board, "also check against this board profile (JSON)");
  cmd->add_option("-o,--output", args->format, "output format")
      ->check(CLI::IsMember({"table", "json"}));
  cmd->callback([args] {
    if (const int rc = run_check(*args); rc != 0) throw CLI::RuntimeError(rc);
  });
}

void add_encode(CLI::App& manifest) {
  auto args = std::make_shared<ManifestArgs>();
  CLI::App* cmd = manifest.add_subcommand("encode", "check a manifest, then write its CBOR");
  cmd->add_option("manifest", args->input, "manifest file (JSON)")->required();
  cmd->add_option("-o,--output", args->output, "CBOR file to write")->required();
  cmd->add_option("--board", args->board, "also check against this board profile (JSON)");
  cmd->callback([args] {
    if (const int rc = run_encode(*args); rc != 0) throw CLI::RuntimeError(rc);
  });
}

void add_decode(CLI::App& manifest) {
  auto args = std::make_shared<ManifestArgs>();
  CLI::App* cmd = manifest.add_subcommand("decode", "decode a CBOR manifest (device decoder)");
  cmd->add_option("cbor", args->input, "manifest file (CBOR)")->required();
  cmd->callback([args] {
    if (const int rc = run_decode(*args); rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace

void add_manifest_command(CLI::App& app) {
  CLI::App* manifest = app.add_subcommand("manifest", "check, encode and decode manifests");
  manifest->require_subcommand(1);
  add_check(*manifest);
  add_encode(*manifest);
  add_decode(*manifest);
}

}  // namespace tc::cli
