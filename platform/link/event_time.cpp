#include "link/event_time.hpp"

#include <charconv>
#include <chrono>

namespace tc::platform {
namespace {

// The unsigned decimal of exactly `digits` characters at `at`.
std::optional<int> field(std::string_view text, std::size_t at, std::size_t digits) {
  if (at + digits > text.size()) return std::nullopt;
  int value = 0;
  const char* first = text.data() + at;
  const auto [end, ec] = std::from_chars(first, first + digits, value);
  if (ec != std::errc() || end != first + digits || *first == '+' || *first == '-') {
    return std::nullopt;
  }
  return value;
}

bool separator(std::string_view text, std::size_t at, char expected) {
  return at < text.size() && text[at] == expected;
}

// Milliseconds from the fraction after the seconds up to 'Z' (at most 9 digits, rest cut).
std::optional<int64_t> fraction_ms(std::string_view fraction) {
  if (fraction.empty()) return 0;
  if (fraction.front() != '.' || fraction.size() < 2 || fraction.size() > 10) return std::nullopt;
  int64_t ms = 0;
  for (std::size_t i = 1; i < fraction.size(); ++i) {
    if (fraction[i] < '0' || fraction[i] > '9') return std::nullopt;
    if (i <= 3) ms = ms * 10 + (fraction[i] - '0');
  }
  for (std::size_t i = fraction.size(); i <= 3; ++i)
    ms *= 10;
  return ms;
}

}  // namespace

std::optional<int64_t> rfc3339_utc_ms(std::string_view text) {
  constexpr std::size_t kSeconds = 19;  // "YYYY-MM-DDTHH:MM:SS"
  if (text.size() < kSeconds + 1 || text.back() != 'Z') return std::nullopt;
  const auto year = field(text, 0, 4);
  const auto month = field(text, 5, 2);
  const auto day = field(text, 8, 2);
  const auto hour = field(text, 11, 2);
  const auto minute = field(text, 14, 2);
  const auto second = field(text, 17, 2);
  if (!year || !month || !day || !hour || !minute || !second || !separator(text, 4, '-') ||
      !separator(text, 7, '-') || !separator(text, 10, 'T') || !separator(text, 13, ':') ||
      !separator(text, 16, ':') || *hour > 23 || *minute > 59 || *second > 59) {
    return std::nullopt;
  }
  const std::chrono::year_month_day date{std::chrono::year(*year),
                                         std::chrono::month(static_cast<unsigned>(*month)),
                                         std::chrono::day(static_cast<unsigned>(*day))};
  if (!date.ok()) return std::nullopt;
  const auto ms = fraction_ms(text.substr(kSeconds, text.size() - kSeconds - 1));
  if (!ms) return std::nullopt;
  const auto days = std::chrono::sys_days(date).time_since_epoch();
  const auto time =
      std::chrono::hours(*hour) + std::chrono::minutes(*minute) + std::chrono::seconds(*second);
  return std::chrono::duration_cast<std::chrono::milliseconds>(days + time).count() + *ms;
}

}  // namespace tc::platform
