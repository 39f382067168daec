// A grant as the API reads and shows it (docs/api/platform.yaml, "Grant"):
//   {"tenant": "radiomap",
//    "devices": {"ids": ["box-1"], "labels": {"site": "harbour"}},
//    "endpoints": [{"target": "radio/scanner", "direction": "read", "calls_per_second": 1,
//                   "bytes_per_window": 8192, "window_ms": 60000, "energy_per_window_uj": 200000,
//                   "bounds": {"min": 0, "max": 100}}],
//    "limits": {"cpu_share_permille": 100, "memory_bytes": 4096, "storage_bytes": 1024,
//               "containers": 2},
//    "valid_from_ms": 0, "valid_until_ms": 1767225600000}
// Every error is reported with its JSON path; unknown fields are errors (with a suggestion).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "grants/grant.hpp"
#include "manifest/json_error.hpp"

namespace tc::platform {

struct GrantParse {
  Grant grant;  // meaningful only when errors is empty
  manifest_json::JsonErrors errors;

  [[nodiscard]] bool ok() const { return errors.empty(); }
};

[[nodiscard]] GrantParse parse_grant(std::string_view text);
[[nodiscard]] nlohmann::json grant_to_json(const Grant& grant);

}  // namespace tc::platform
