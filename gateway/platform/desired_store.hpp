// The last desired state the gateway accepted from the platform, kept in its database so that it
// goes on reconciling with it while the platform is unreachable, across restarts too.
#pragma once

#include <optional>
#include <string>

#include "platform/desired_state.hpp"
#include "store/database.hpp"

namespace tc::gw {

class DesiredStore {
 public:
  explicit DesiredStore(Database& db) : db_(db) {}

  // The stored document, parsed; none when there is none (or it no longer parses).
  [[nodiscard]] std::optional<DesiredState> load() const;
  // Replaces the stored document with `text` (already accepted: parse_desired succeeded).
  void save(const std::string& revision, const std::string& text, int64_t now_ms);

 private:
  Database& db_;
};

}  // namespace tc::gw
