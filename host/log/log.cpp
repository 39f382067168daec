#include "log/log.hpp"

#include <array>
#include <atomic>
#include <cstdio>
#include <string>

namespace tc::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::warning)};
std::string g_program = "tc";

// What follows the program's name, by level: information reads as a plain sentence.
constexpr std::array<std::string_view, 4> kLabels = {": error: ", ": warning: ", ": ", ": debug: "};

}  // namespace

void set_program(std::string_view name) {
  g_program = name;
}

void set_verbosity(int verbosity) {
  const Level level = verbosity >= 2 ? Level::debug : verbosity == 1 ? Level::info : Level::warning;
  g_level.store(static_cast<int>(level));
}

bool enabled(Level level) {
  return static_cast<int>(level) <= g_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view text) {
  if (!enabled(level)) return;
  std::string line = g_program;
  line.append(kLabels.at(static_cast<std::size_t>(level)));
  line.append(text);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

void error(std::string_view text) {
  write(Level::error, text);
}
void warning(std::string_view text) {
  write(Level::warning, text);
}
void info(std::string_view text) {
  write(Level::info, text);
}
void debug(std::string_view text) {
  write(Level::debug, text);
}

}  // namespace tc::log
