// Parses JSON text, refusing duplicate object keys: nlohmann keeps the last of two equal keys
// silently, and in a manifest that would hide which of two limits the author meant.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "manifest/json_error.hpp"

namespace tc::manifest_json {

// The document, or a null value with at least one error (a syntax error at "$" with its line
// and column, or each duplicate key at its path).
[[nodiscard]] nlohmann::json parse_strict(std::string_view text, JsonErrors& errors);

}  // namespace tc::manifest_json
