// The manifest as tenants write it: JSON (docs/manifest.md, "JSON format") <-> the device's
// Manifest value. Reading reports every error it finds, each with its JSON path, then runs the
// device's own validate() so host and device agree on what is valid.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "manifest/board.hpp"
#include "manifest/error.hpp"
#include "manifest/json_error.hpp"
#include "manifest/manifest.hpp"

namespace tc::manifest_json {

struct ManifestResult {
  manifest::Manifest manifest;  // meaningful only when errors is empty
  JsonErrors errors;

  [[nodiscard]] bool ok() const { return errors.empty(); }
};

// JSON text -> Manifest: syntax, duplicate fields, unknown fields, types and ranges, then every
// semantic rule (validate_all), then the board (validate_against_board_all) when one is given.
[[nodiscard]] ManifestResult parse_manifest(std::string_view text,
                                            const manifest::BoardProfile* board = nullptr);
// The same from an already parsed document (no duplicate-key check: the caller parsed it).
[[nodiscard]] ManifestResult read_manifest(const nlohmann::json& document,
                                           const manifest::BoardProfile* board = nullptr);

// Every field, defaults included, in the JSON format above (fields in documentation order).
[[nodiscard]] nlohmann::ordered_json to_json(const manifest::Manifest& manifest);

// A device-side error as a JSON error: "$." + its field path, with the limit named where one
// applies ("above the maximum (65536)").
[[nodiscard]] JsonError to_json_error(const manifest::ManifestError& error);

}  // namespace tc::manifest_json
