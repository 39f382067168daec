// The container image (.tcx): what `tcctl build` produces and a device installs.
//
// Layout, all integers little-endian:
//   offset  size  field
//   0       4     magic "TCX1"
//   4       1     format version (kImageVersion)
//   5       1     flags (reserved, 0)
//   6       2     entry count
//   8       4     text size in bytes (a non-zero multiple of 8)
//   12      4     rodata size
//   16      4     data size
//   20      4     bss size
//   24      4     stack bytes the code needs (measured by the builder; the manifest may give more)
//   28      4     reserved (0)
//   32      20*n  entry table: name (16 bytes, NUL-padded, 1..15 chars), instruction index (u32)
//   ...           zero padding to a multiple of 8, then text, rodata, data; nothing after.
//
// Addresses inside the code are already resolved against the VM's fixed slots (vm.hpp):
// rodata at slot_base(kSlotRodata), data then bss at slot_base(kSlotData).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/status.hpp"

namespace tc::image {

inline constexpr uint8_t kMagic[4] = {'T', 'C', 'X', '1'};
inline constexpr uint8_t kImageVersion = 1;
inline constexpr std::size_t kHeaderSize = 32;
inline constexpr std::size_t kEntrySize = 20;
inline constexpr std::size_t kEntryNameSize = 16;  // including at least one NUL
inline constexpr uint16_t kMaxEntries = 16;
inline constexpr uint32_t kMaxSectionSize = 1u << 24;

enum class ImageReason : uint8_t {
  ok = 0,
  truncated,
  bad_magic,
  unsupported_version,
  reserved_not_zero,
  bad_text_size,
  section_too_large,
  too_many_entries,
  bad_entry_name,
  duplicate_entry,
  entry_out_of_range,
  size_mismatch,
};

[[nodiscard]] const char* describe(ImageReason reason);

struct Entry {
  std::string_view name;  // points into the image bytes
  uint32_t pc = 0;
};

// A parsed image: views into the caller's bytes, which must outlive it.
struct ImageView {
  std::span<const uint8_t> text;
  std::span<const uint8_t> rodata;
  std::span<const uint8_t> data;
  uint32_t bss_size = 0;
  uint32_t stack_size = 0;
  uint16_t entry_count = 0;
  std::span<const uint8_t> entry_table;

  [[nodiscard]] Entry entry(uint16_t index) const;
  // The instruction index of the named entry, or false when the image has no such entry.
  [[nodiscard]] bool find_entry(std::string_view name, uint32_t& pc) const;
};

// Parses and bounds-checks an image. Does not verify the code; vm::verify does that.
ImageReason parse(std::span<const uint8_t> bytes, ImageView& out);

// The size of the header plus entry table plus padding, i.e. where text starts.
[[nodiscard]] constexpr std::size_t text_offset(uint16_t entry_count) {
  return (kHeaderSize + kEntrySize * entry_count + 7) & ~static_cast<std::size_t>(7);
}

}  // namespace tc::image
