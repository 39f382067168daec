// Wall-clock time as the gateway stores and shows it: milliseconds since the Unix epoch in
// SQLite (survive a restart, unlike a steady clock), RFC 3339 text in the API.
#pragma once

#include <cstdint>
#include <string>

namespace tc::gw {

[[nodiscard]] int64_t now_ms();

// "2024-05-01T12:00:00.123Z"; an empty string for 0 (never happened).
[[nodiscard]] std::string rfc3339(int64_t ms);

}  // namespace tc::gw
