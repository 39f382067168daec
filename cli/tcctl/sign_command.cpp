// tcctl sign IMAGE.tcx MANIFEST.json --key K [--key K2 ...] -o ENVELOPE.suit [--seq N]
//            [--board BOARD.json | [--vendor-id UUID] [--class-id UUID]]
//            [--image-uri URI] [--manifest-uri URI]
// Checks the image and the manifest, then writes the signed SUIT envelope a device installs
// (DESIGN.md 3, docs/tcctl.md). Exit 0 written, 1 refused (nothing written).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ebpf/hex.hpp"
#include "image/image.hpp"
#include "keys/keys.hpp"
#include "suit/board_identity.hpp"
#include "suit/envelope_builder.hpp"
#include "tcctl/command_error.hpp"
#include "tcctl/commands.hpp"
#include "tcctl/file_io.hpp"
#include "tcctl/input_files.hpp"

namespace tc::cli {
namespace {

constexpr int kExitRefused = 1;

struct SignArgs {
  std::string image;
  std::string manifest;
  std::vector<std::string> keys;
  std::string output;
  std::optional<uint64_t> sequence;
  std::string board;
  std::string vendor_id;
  std::string class_id;
  std::string image_uri;
  std::string manifest_uri;
};

[[noreturn]] void refuse(const std::string& message) {
  fail("sign", kExitRefused, message);
}

std::vector<uint8_t> read_image(const std::string& path) {
  std::optional<std::vector<uint8_t>> bytes = read_bytes(path);
  if (!bytes) refuse(path + ": cannot read the file");
  image::ImageView view;
  const image::ImageReason reason = image::parse(*bytes, view);
  if (reason != image::ImageReason::ok)
    refuse(path + ": not a .tcx container image: " + image::describe(reason));
  return std::move(*bytes);
}

std::vector<keys::PrivateKey> load_keys(const std::vector<std::string>& paths) {
  // Not refused: such an envelope is how one tests that devices refuse it (too_large).
  if (paths.size() > suit::kMaxSignatures) {
    std::fprintf(stderr,
                 "tcctl sign: note: %zu signatures: devices check at most %zu and will refuse "
                 "this envelope (too_large)\n",
                 paths.size(), suit::kMaxSignatures);
  }
  std::vector<keys::PrivateKey> loaded;
  std::vector<std::string> kids;
  for (const std::string& path : paths) {
    try {
      loaded.push_back(keys::PrivateKey::load(path));
    } catch (const keys::KeyError& e) {
      refuse(e.what());  // names the file
    }
    const std::string kid = ebpf_host::format_hex_bytes(loaded.back().public_key().kid());
    for (const std::string& seen : kids) {
      if (seen == kid) refuse(path + ": the same key is given twice");
    }
    kids.push_back(kid);
  }
  return loaded;
}

uint64_t sequence_number(const SignArgs& args, const manifest::Manifest& manifest) {
  const uint64_t sequence = args.sequence.value_or(manifest.version);
  // A device installs only a sequence number above the one it holds, and holds 0 before the
  // first install: an envelope numbered 0 could never install.
  if (sequence == 0) refuse("--seq must be at least 1");
  return sequence;
}

suit_host::Uuid parse_uuid_option(const char* option, const std::string& text) {
  try {
    return suit_host::parse_uuid(text);
  } catch (const suit_host::EnvelopeError& e) {
    refuse(std::string(option) + ": " + e.what());  // quotes the text
  }
}

// The vendor and class conditions: the board's, explicit ones, or the vendor's alone. Returns
// whether the envelope has no class condition (it then fits every class of the vendor).
bool set_identity(const SignArgs& args, const std::optional<manifest::BoardProfile>& board,
                  suit_host::ContainerRelease& release) {
  if (board) {
    const suit_host::BoardIdentity id = suit_host::board_identity(*board);
    release.vendor_id = id.vendor_id;
    release.class_id = id.class_id;
    return false;
  }
  release.vendor_id = args.vendor_id.empty() ? suit_host::default_vendor_id()
                                             : parse_uuid_option("--vendor-id", args.vendor_id);
  // An all-zero class id (the nil UUID) makes build_envelope write no class condition.
  release.class_id = {};
  if (args.class_id.empty()) return true;
  release.class_id = parse_uuid_option("--class-id", args.class_id);
  return false;
}

std::string signer_list(const std::vector<keys::PrivateKey>& keys) {
  std::string text;
  for (const keys::PrivateKey& key : keys) {
    const keys::PublicKey pub = key.public_key();
    if (!text.empty()) text += ", ";
    text += ebpf_host::format_hex_bytes(pub.kid()) + " (" + keys::algorithm_name(pub.alg) + ")";
  }
  return text;
}

std::vector<uint8_t> build(const suit_host::ContainerRelease& release,
                           const std::vector<keys::PrivateKey>& keys) {
  std::vector<const keys::PrivateKey*> signers;
  signers.reserve(keys.size());
  for (const keys::PrivateKey& key : keys)
    signers.push_back(&key);
  try {
    return suit_host::build_envelope(release, signers);
  } catch (const suit_host::EnvelopeError& e) {
    refuse(std::string("cannot build the envelope: ") + e.what());
  } catch (const keys::KeyError& e) {
    refuse(std::string("cannot sign: ") + e.what());
  }
}

void print_summary(const SignArgs& args, const suit_host::ContainerRelease& release,
                   const std::vector<keys::PrivateKey>& keys, std::size_t size) {
  // Overhead: what the envelope adds to the payloads it carries (a payload fetched by URI is
  // not carried).
  std::size_t carried = 0;
  if (release.image_uri.empty()) carried += release.image.size();
  if (release.manifest_uri.empty()) carried += release.manifest_cbor.size();
  std::printf("%s: %s sequence %llu signed by %s; %zu bytes, overhead %zu bytes\n",
              args.output.c_str(), release.name.c_str(),
              static_cast<unsigned long long>(release.sequence), signer_list(keys).c_str(), size,
              size - carried);
}

void run_sign(const SignArgs& args) {
  std::optional<manifest::BoardProfile> board;
  if (!load_optional_board(args.board, board)) throw CLI::RuntimeError(kExitRefused);
  suit_host::ContainerRelease release;
  release.image = read_image(args.image);
  std::optional<ManifestFile> manifest =
      load_manifest_file(args.manifest, board ? &*board : nullptr);
  if (!manifest) throw CLI::RuntimeError(kExitRefused);  // its errors are printed
  release.name = std::string(manifest->manifest.name.view());
  release.manifest_cbor = std::move(manifest->cbor);
  release.sequence = sequence_number(args, manifest->manifest);
  release.image_uri = args.image_uri;
  release.manifest_uri = args.manifest_uri;
  const bool every_class = set_identity(args, board, release);
  const std::vector<keys::PrivateKey> keys = load_keys(args.keys);
  const std::vector<uint8_t> envelope = build(release, keys);
  const std::string error = write_atomically(args.output, envelope);
  if (!error.empty()) refuse(args.output + ": " + error);
  print_summary(args, release, keys, envelope.size());
  if (every_class) {
    std::fflush(stdout);  // the note follows the summary, also in one pipe
    std::fprintf(stderr,
                 "tcctl sign: note: no --board or --class-id: the envelope has no class "
                 "condition and fits every class of the vendor's devices\n");
  }
}

}  // namespace

void add_sign_command(CLI::App& app) {
  auto args = std::make_shared<SignArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sign", "sign an image and its manifest into a SUIT envelope a device installs");
  cmd->add_option("IMAGE", args->image, "container image (.tcx)")->required();
  cmd->add_option("MANIFEST", args->manifest, "manifest (JSON), checked as `manifest check` does")
      ->required();
  cmd->add_option("-k,--key", args->keys,
                  "private key (PEM); repeat for several signatures (the device needs one by an "
                  "operator key it trusts)")
      ->required()
      ->allow_extra_args(false);  // one file per --key: positionals may follow it
  cmd->add_option("-o,--output", args->output, "envelope file to write (atomically)")->required();
  cmd->add_option("--seq", args->sequence,
                  "sequence number, at least 1 (default: the manifest's \"version\"); a device "
                  "installs only a number above the one it holds for the container");
  CLI::Option* board = cmd->add_option(
      "--board", args->board,
      "bind to this board: its vendor_id/class_id, else the defaults derived from its model; "
      "the manifest is checked against it too");
  CLI::Option* vendor = cmd->add_option("--vendor-id", args->vendor_id,
                                        "vendor UUID (default: TinyContainer's vendor id)");
  CLI::Option* cls = cmd->add_option(
      "--class-id", args->class_id,
      "class UUID (default without --board: no class condition, any class of the vendor)");
  board->excludes(vendor)->excludes(cls);
  cmd->add_option("--image-uri", args->image_uri,
                  "the device fetches the image from here instead of the envelope carrying it");
  cmd->add_option("--manifest-uri", args->manifest_uri,
                  "the device fetches the manifest from here instead of the envelope carrying it");
  cmd->callback([args] { run_sign(*args); });
}

}  // namespace tc::cli
