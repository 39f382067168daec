#include "common/log.hpp"

#include <atomic>
#include <cstdio>
#include <string>

namespace tc::gw::log {
namespace {

std::atomic<int> g_level{static_cast<int>(Level::warning)};

const char* prefix(Level level) {
  switch (level) {
    case Level::error:
      return "tc-gateway: error: ";
    case Level::warning:
      return "tc-gateway: warning: ";
    case Level::info:
      return "tc-gateway: ";
    case Level::debug:
      return "tc-gateway: debug: ";
  }
  return "tc-gateway: ";
}

}  // namespace

void set_level(Level level) {
  g_level.store(static_cast<int>(level));
}

bool enabled(Level level) {
  return static_cast<int>(level) <= g_level.load(std::memory_order_relaxed);
}

void write(Level level, std::string_view text) {
  if (!enabled(level)) return;
  std::string line(prefix(level));
  line.append(text);
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace tc::gw::log
