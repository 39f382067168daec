// A command for a device (install, start, stop, restart, remove), as the queue persists and the
// API shows it. Its life: queued -> sending -> done | failed, back to queued (with a later
// next_attempt_at) when the device did not answer, cancelled by a person while queued.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace tc::gw {

enum class CommandKind : uint8_t { install, start, stop, restart, remove };
enum class CommandStatus : uint8_t { queued, sending, done, failed, cancelled };

[[nodiscard]] std::string_view name(CommandKind kind);
[[nodiscard]] std::string_view name(CommandStatus status);
[[nodiscard]] std::optional<CommandKind> command_kind(std::string_view text);
[[nodiscard]] std::optional<CommandStatus> command_status(std::string_view text);
[[nodiscard]] constexpr bool is_final(CommandStatus s) {
  return s == CommandStatus::done || s == CommandStatus::failed || s == CommandStatus::cancelled;
}

struct DeviceCommand {
  int64_t id = 0;
  std::string device;
  CommandKind kind = CommandKind::start;
  std::string container;  // empty for install (the envelope names it)
  std::string blob;       // install: the stored envelope's key (its SHA-256, hex)
  CommandStatus status = CommandStatus::queued;
  int64_t attempts = 0;  // sends so far
  int64_t created_ms = 0;
  int64_t updated_ms = 0;
  int64_t next_attempt_ms = 0;  // while queued: not sent before this time
  std::string last_error;       // why the last attempt did not succeed
  std::string coap_code;        // the device's answer code, "2.04", "4.12"
  std::optional<Json> result;   // the device's answer payload as JSON
};

[[nodiscard]] Json to_json(const DeviceCommand& command);

}  // namespace tc::gw
