#include "tcctl/input_files.hpp"

#include <cstdio>

#include "manifest/board_json.hpp"
#include "manifest/codec.hpp"
#include "manifest/manifest_json.hpp"
#include "tcctl/file_io.hpp"

namespace tc::cli {
namespace {

namespace mj = manifest_json;

std::optional<std::string> read_reported(const std::string& path) {
  std::optional<std::string> text = read_text(path);
  if (!text) std::fprintf(stderr, "%s: cannot read the file\n", path.c_str());
  return text;
}

}  // namespace

void print_json_errors(const std::string& file, const mj::JsonErrors& errors) {
  for (const mj::JsonError& e : errors)
    std::fprintf(stderr, "%s: %s\n", file.c_str(), e.text().c_str());
}

bool load_optional_board(const std::string& path, std::optional<manifest::BoardProfile>& board) {
  if (path.empty()) return true;
  const std::optional<std::string> text = read_reported(path);
  if (!text) return false;
  mj::BoardResult result = mj::parse_board(*text);
  if (!result.ok()) {
    print_json_errors(path, result.errors);
    return false;
  }
  board = result.board;
  return true;
}

std::optional<ManifestFile> load_manifest_file(const std::string& path,
                                               const manifest::BoardProfile* board) {
  const std::optional<std::string> text = read_reported(path);
  if (!text) return std::nullopt;
  mj::ManifestResult result = mj::parse_manifest(*text, board);
  if (!result.ok()) {
    print_json_errors(path, result.errors);
    return std::nullopt;
  }
  ManifestFile file{.manifest = result.manifest, .cbor = {}};
  file.cbor.resize(manifest::kMaxEncodedSize);
  const Result<std::size_t> size = manifest::encode(file.manifest, file.cbor);
  if (!size.ok()) {
    std::fprintf(stderr, "%s: cannot encode: %s\n", path.c_str(), size.status().message());
    return std::nullopt;
  }
  file.cbor.resize(*size);
  return file;
}

}  // namespace tc::cli
