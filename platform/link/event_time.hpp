// The time of an event pushed on the platform link. The gateway's events carry "time" as RFC 3339
// in UTC with milliseconds ("2025-11-23T01:46:30.123Z", gateway/common/wall_clock); milliseconds
// since the epoch are taken as well.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tc::platform {

// "YYYY-MM-DDTHH:MM:SS[.fff...]Z" -> milliseconds since the Unix epoch; none for anything else.
[[nodiscard]] std::optional<int64_t> rfc3339_utc_ms(std::string_view text);

}  // namespace tc::platform
