// The board profile and manifest files tcctl's commands take, read and checked. Every problem is
// printed on stderr as "FILE: $.path: message", as `tcctl manifest check` prints it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "manifest/board.hpp"
#include "manifest/json_error.hpp"
#include "manifest/manifest.hpp"

namespace tc::cli {

void print_json_errors(const std::string& file, const manifest_json::JsonErrors& errors);

// The profile of an optional --board: `board` stays empty when `path` is; false (reported) when
// the file cannot be read or is not a valid profile.
[[nodiscard]] bool load_optional_board(const std::string& path,
                                       std::optional<manifest::BoardProfile>& board);

struct ManifestFile {
  manifest::Manifest manifest;
  std::vector<uint8_t> cbor;  // the canonical encoding the device decodes
};

// The manifest (JSON) checked as `tcctl manifest check` does (against `board` when given) and
// encoded, or nullopt (reported) when it cannot be read, is invalid or cannot be encoded.
[[nodiscard]] std::optional<ManifestFile> load_manifest_file(const std::string& path,
                                                             const manifest::BoardProfile* board);

}  // namespace tc::cli
