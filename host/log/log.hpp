// Levelled log lines on stderr for a host program ("tc-platform: warning: ..."): errors and
// warnings always, information with -v, debug with -vv. One line per call, written whole (several
// threads log).
#pragma once

#include <string_view>

namespace tc::log {

enum class Level : int { error = 0, warning = 1, info = 2, debug = 3 };

// The program's name that starts every line; set once, before any thread logs.
void set_program(std::string_view name);
// -v counted on the command line: 0 warnings, 1 information, 2 or more debug.
void set_verbosity(int verbosity);
[[nodiscard]] bool enabled(Level level);

void write(Level level, std::string_view text);
void error(std::string_view text);
void warning(std::string_view text);
void info(std::string_view text);
void debug(std::string_view text);

}  // namespace tc::log
