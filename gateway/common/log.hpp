// Levelled log lines on stderr: errors and warnings always, information with -v. One line per
// call, written whole (several threads log).
#pragma once

#include <string_view>

namespace tc::gw::log {

enum class Level : int { error = 0, warning = 1, info = 2, debug = 3 };

void set_level(Level level);
[[nodiscard]] bool enabled(Level level);

void write(Level level, std::string_view text);

inline void error(std::string_view text) {
  write(Level::error, text);
}
inline void warning(std::string_view text) {
  write(Level::warning, text);
}
inline void info(std::string_view text) {
  write(Level::info, text);
}
inline void debug(std::string_view text) {
  write(Level::debug, text);
}

}  // namespace tc::gw::log
