#include "coap/log.hpp"

#include <cstdio>
#include <string>

namespace tc::gw {
namespace {

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::error:
      return "error";
    case LogLevel::warning:
      return "warning";
    case LogLevel::info:
      return "info";
    case LogLevel::debug:
      break;
  }
  return "debug";
}

}  // namespace

void Log::write(LogLevel level, std::string_view text) const {
  if (!on(level)) return;
  // One fwrite per line so that lines from several threads do not interleave.
  std::string line = "tc-gateway coap: ";
  line += level_name(level);
  line += ": ";
  line += text;
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace tc::gw
