// The persistence layout in Storage (docs/agent.md, "Persistence"):
//
//   c/<name>          the container record, written in one atomic put at install and at the
//                     commit of an update: RecordHeader, Manifest snapshot, CBOR, image
//   s/<name>          its desired state (one byte, DesiredState), rewritten on start/stop/fault
//   k/<name>/<key>    its key-value entries (tc_kv_*), one atomic put each
//   q/<name>          the highest SUIT sequence number accepted for the name (8 bytes, little
//                     endian); outlives a remove, so that an old envelope cannot come back
//
// An install, update or key-value write cut by a power loss leaves the old or the new value of
// each key. The record is what defines a container: remove deletes it first, so a cut remove
// leaves at worst orphan s/ and k/ keys, which begin() deletes.
#pragma once

#include <cstdint>
#include <string_view>

#include "agent/storage.hpp"
#include "manifest/manifest.hpp"

namespace tc::agent {

inline constexpr uint8_t kRecordMagic[4] = {'T', 'C', 'R', '1'};
inline constexpr uint8_t kRecordFormat = 1;

struct RecordHeader {
  uint8_t magic[4];
  uint8_t format;
  uint8_t reserved[3];
  uint32_t manifest_size;  // sizeof(Manifest) of the firmware that wrote it
  uint32_t cbor_size;
  uint32_t image_size;
  // The SUIT sequence number it was installed with (0: an unsigned development install), in two
  // halves so that the header keeps 4-byte alignment and its size across targets.
  uint32_t sequence_low;
  uint32_t sequence_high;
  uint32_t reserved2;
};
static_assert(sizeof(RecordHeader) == 32);

[[nodiscard]] constexpr uint64_t record_sequence(const RecordHeader& h) {
  return (uint64_t{h.sequence_high} << 32) | h.sequence_low;
}

enum class DesiredState : uint8_t { installed = 0, running = 1, stopped = 2, faulted = 3 };

[[nodiscard]] constexpr uint32_t align8(uint64_t n) {
  return static_cast<uint32_t>((n + 7) & ~uint64_t{7});
}
// Offsets inside the record.
[[nodiscard]] constexpr uint32_t record_manifest_offset() {
  return sizeof(RecordHeader);
}
[[nodiscard]] constexpr uint32_t record_blob_offset(uint32_t manifest_size) {
  return align8(uint64_t{sizeof(RecordHeader)} + manifest_size);
}

// A storage key built in place: "<prefix><name>[/<suffix>]".
class Key {
 public:
  Key(std::string_view prefix, std::string_view name, std::string_view suffix = {});
  [[nodiscard]] std::string_view view() const { return {text_, size_}; }
  [[nodiscard]] bool ok() const { return ok_; }

 private:
  void append(std::string_view part);
  char text_[kMaxKeyLength] = {};
  std::size_t size_ = 0;
  bool ok_ = true;
};

// Container names and key-value keys become storage keys: [A-Za-z0-9._-], non-empty.
[[nodiscard]] bool is_key_text(std::string_view text);

}  // namespace tc::agent
