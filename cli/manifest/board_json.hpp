// The board profile as a device maker writes it: JSON (docs/manifest.md, "Board profile") ->
// the device's BoardProfile value. Used by tcctl (manifest check --board) and by tc-device,
// which simulates the resources it declares.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "manifest/board.hpp"
#include "manifest/json_error.hpp"

namespace tc::manifest_json {

struct BoardResult {
  manifest::BoardProfile board;  // meaningful only when errors is empty
  JsonErrors errors;

  [[nodiscard]] bool ok() const { return errors.empty(); }
};

// Every error found, each with its JSON path ("$.resources[3].max: ...").
[[nodiscard]] BoardResult parse_board(std::string_view text);
[[nodiscard]] BoardResult read_board(const nlohmann::json& document);

}  // namespace tc::manifest_json
