#include "commands/command.hpp"

#include <array>
#include <utility>

#include "common/wall_clock.hpp"

namespace tc::gw {
namespace {

constexpr std::array<std::pair<CommandKind, std::string_view>, 5> kKinds = {{
    {CommandKind::install, "install"},
    {CommandKind::start, "start"},
    {CommandKind::stop, "stop"},
    {CommandKind::restart, "restart"},
    {CommandKind::remove, "remove"},
}};

constexpr std::array<std::pair<CommandStatus, std::string_view>, 5> kStatuses = {{
    {CommandStatus::queued, "queued"},
    {CommandStatus::sending, "sending"},
    {CommandStatus::done, "done"},
    {CommandStatus::failed, "failed"},
    {CommandStatus::cancelled, "cancelled"},
}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum e) {
  for (const auto& [value, text] : table)
    if (value == e) return text;
  return "?";
}

template <typename Enum, std::size_t N>
std::optional<Enum> value_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                             std::string_view text) {
  for (const auto& [value, name] : table)
    if (name == text) return value;
  return std::nullopt;
}

}  // namespace

std::string_view name(CommandKind kind) {
  return name_of(kKinds, kind);
}

std::string_view name(CommandStatus status) {
  return name_of(kStatuses, status);
}

std::optional<CommandKind> command_kind(std::string_view text) {
  return value_of(kKinds, text);
}

std::optional<CommandStatus> command_status(std::string_view text) {
  return value_of(kStatuses, text);
}

Json to_json(const DeviceCommand& c) {
  Json out = {{"id", c.id},
              {"device", c.device},
              {"kind", name(c.kind)},
              {"status", name(c.status)},
              {"attempts", c.attempts},
              {"created_at", rfc3339(c.created_ms)},
              {"updated_at", rfc3339(c.updated_ms)}};
  if (!c.container.empty()) out["container"] = c.container;
  if (!c.blob.empty()) out["envelope_sha256"] = c.blob;
  if (c.status == CommandStatus::queued) out["next_attempt_at"] = rfc3339(c.next_attempt_ms);
  if (!c.last_error.empty()) out["last_error"] = c.last_error;
  if (!c.coap_code.empty()) out["coap_code"] = c.coap_code;
  if (c.result) out["result"] = *c.result;
  return out;
}

}  // namespace tc::gw
