// Levelled logging of the gateway's CoAP side, to stderr, one line per message:
//   tc-gateway coap: warning: device coap://127.0.0.1:5701: ...
// Quiet by default (errors only). Messages are built only when their level is on:
//   if (log.on(LogLevel::info)) log.write(LogLevel::info, "registered " + ep);
#pragma once

#include <cstdint>
#include <string_view>

namespace tc::gw {

enum class LogLevel : uint8_t { error, warning, info, debug };

class Log {
 public:
  explicit Log(LogLevel level = LogLevel::error) : level_(level) {}

  [[nodiscard]] bool on(LogLevel level) const { return level <= level_; }
  void write(LogLevel level, std::string_view text) const;

 private:
  LogLevel level_;
};

}  // namespace tc::gw
