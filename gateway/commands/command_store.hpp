// The commands table: every command, its status and its outcome. The queue writes it on each
// change so that nothing queued is lost across a restart.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "commands/command.hpp"
#include "store/database.hpp"

namespace tc::gw {

struct CommandFilter {
  std::string device;                   // empty: every device
  std::optional<CommandStatus> status;  // empty: every status
  std::size_t limit = 100;
};

class CommandStore {
 public:
  explicit CommandStore(Database& db) : db_(db) {}

  // Stores a new command and sets its id.
  void insert(DeviceCommand& command);
  void update(const DeviceCommand& command);
  [[nodiscard]] std::optional<DeviceCommand> find(int64_t id) const;
  // Newest first.
  [[nodiscard]] std::vector<DeviceCommand> list(const CommandFilter& filter) const;
  // Queued and sending commands, oldest first.
  [[nodiscard]] std::vector<DeviceCommand> unfinished() const;
  // Deletes finished commands beyond the newest `keep` of them.
  void prune(std::size_t keep);

 private:
  Database& db_;
};

}  // namespace tc::gw
