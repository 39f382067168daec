// Port: a small persistent key -> blob store (flash on a microcontroller, files on the native
// port).
//
// Contract the agent relies on (DESIGN.md 2.4, "never a mix"):
// - put() is atomic across power loss: afterwards the key holds either its old value or the new
//   one, never a mix (the native port writes a temporary file, fsyncs it and renames it).
// - put() takes the value as a list of parts written back to back, so that the agent can persist
//   a record (header, manifest, image) without assembling it in a buffer.
// - Keys are at most kMaxKeyLength bytes of printable ASCII without spaces.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/status.hpp"

namespace tc::agent {

inline constexpr std::size_t kMaxKeyLength = 80;

using Bytes = std::span<const uint8_t>;

// Receives keys during Storage::list. Return false to end the listing early.
class KeyVisitor {
 public:
  virtual bool visit(std::string_view key, uint32_t size) = 0;

 protected:
  ~KeyVisitor() = default;
};

class Storage {
 public:
  virtual ~Storage() = default;
  // The size of the value of `key`, or not_found.
  virtual Result<uint32_t> size(std::string_view key) = 0;
  // Copies up to out.size() bytes of the value from `offset`; returns the count, or not_found.
  virtual Result<uint32_t> read(std::string_view key, uint32_t offset, std::span<uint8_t> out) = 0;
  // Replaces the value of `key` by the concatenation of `parts`, atomically.
  virtual Status put(std::string_view key, std::span<const Bytes> parts) = 0;
  // Removes `key`; not_found when absent.
  virtual Status remove(std::string_view key) = 0;
  // Visits every key that starts with `prefix` (in no particular order). The agent never
  // modifies the store from inside a visit.
  virtual Status list(std::string_view prefix, KeyVisitor& visitor) = 0;
  // Bytes still available for new values (an estimate; put() may still fail).
  [[nodiscard]] virtual uint64_t free_bytes() const = 0;
};

}  // namespace tc::agent
