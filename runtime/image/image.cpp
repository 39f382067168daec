#include "image/image.hpp"

#include <cstring>

namespace tc::image {
namespace {

uint32_t read_u32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

uint16_t read_u16(const uint8_t* p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}

// A name is 1..15 printable ASCII characters followed by NUL padding only.
bool valid_name(const uint8_t* p, std::size_t& length) {
  length = 0;
  while (length < kEntryNameSize && p[length] != 0) {
    if (p[length] < 0x21 || p[length] > 0x7e) return false;
    ++length;
  }
  if (length == 0 || length == kEntryNameSize) return false;
  for (std::size_t i = length; i < kEntryNameSize; ++i) {
    if (p[i] != 0) return false;
  }
  return true;
}

ImageReason check_entries(const ImageView& view) {
  const uint32_t insns = static_cast<uint32_t>(view.text.size() / 8);
  for (uint16_t i = 0; i < view.entry_count; ++i) {
    const uint8_t* e = view.entry_table.data() + i * kEntrySize;
    std::size_t length = 0;
    if (!valid_name(e, length)) return ImageReason::bad_entry_name;
    if (read_u32(e + kEntryNameSize) >= insns) return ImageReason::entry_out_of_range;
    for (uint16_t j = 0; j < i; ++j) {
      if (std::memcmp(e, view.entry_table.data() + j * kEntrySize, kEntryNameSize) == 0) {
        return ImageReason::duplicate_entry;
      }
    }
  }
  return ImageReason::ok;
}

}  // namespace

const char* describe(ImageReason reason) {
  switch (reason) {
    case ImageReason::ok:
      return "ok";
    case ImageReason::truncated:
      return "image is truncated";
    case ImageReason::bad_magic:
      return "not a TinyContainer image (bad magic)";
    case ImageReason::unsupported_version:
      return "unsupported image format version";
    case ImageReason::reserved_not_zero:
      return "reserved header field is not zero";
    case ImageReason::bad_text_size:
      return "text size is zero or not a multiple of 8";
    case ImageReason::section_too_large:
      return "a section exceeds the size limit";
    case ImageReason::too_many_entries:
      return "too many entries";
    case ImageReason::bad_entry_name:
      return "malformed entry name";
    case ImageReason::duplicate_entry:
      return "duplicate entry name";
    case ImageReason::entry_out_of_range:
      return "entry points outside the text";
    case ImageReason::size_mismatch:
      return "image size does not match its header";
  }
  return "unknown image error";
}

Entry ImageView::entry(uint16_t index) const {
  const uint8_t* e = entry_table.data() + static_cast<std::size_t>(index) * kEntrySize;
  std::size_t length = 0;
  while (length < kEntryNameSize && e[length] != 0)
    ++length;
  return {std::string_view(reinterpret_cast<const char*>(e), length), read_u32(e + kEntryNameSize)};
}

bool ImageView::find_entry(std::string_view name, uint32_t& pc) const {
  for (uint16_t i = 0; i < entry_count; ++i) {
    const Entry e = entry(i);
    if (e.name == name) {
      pc = e.pc;
      return true;
    }
  }
  return false;
}

ImageReason parse(std::span<const uint8_t> bytes, ImageView& out) {
  out = {};
  if (bytes.size() < kHeaderSize) return ImageReason::truncated;
  const uint8_t* h = bytes.data();
  if (std::memcmp(h, kMagic, sizeof kMagic) != 0) return ImageReason::bad_magic;
  if (h[4] != kImageVersion) return ImageReason::unsupported_version;
  if (h[5] != 0 || read_u32(h + 28) != 0) return ImageReason::reserved_not_zero;

  const uint16_t entries = read_u16(h + 6);
  const uint32_t text = read_u32(h + 8);
  const uint32_t rodata = read_u32(h + 12);
  const uint32_t data = read_u32(h + 16);
  const uint32_t bss = read_u32(h + 20);
  if (entries > kMaxEntries) return ImageReason::too_many_entries;
  if (text == 0 || text % 8 != 0) return ImageReason::bad_text_size;
  if (text > kMaxSectionSize || rodata > kMaxSectionSize || data > kMaxSectionSize ||
      bss > kMaxSectionSize) {
    return ImageReason::section_too_large;
  }

  // Each term is below 2^24, so the sum cannot overflow 64 bits.
  const uint64_t start = text_offset(entries);
  const uint64_t total = start + uint64_t{text} + rodata + data;
  if (bytes.size() < total) return ImageReason::truncated;
  if (bytes.size() != total) return ImageReason::size_mismatch;
  for (std::size_t i = kHeaderSize + kEntrySize * entries; i < start; ++i) {
    if (h[i] != 0) return ImageReason::reserved_not_zero;
  }

  ImageView view;
  view.entry_count = entries;
  view.entry_table = bytes.subspan(kHeaderSize, kEntrySize * entries);
  view.text = bytes.subspan(start, text);
  view.rodata = bytes.subspan(start + text, rodata);
  view.data = bytes.subspan(start + text + rodata, data);
  view.bss_size = bss;
  view.stack_size = read_u32(h + 24);
  const ImageReason entries_ok = check_entries(view);
  if (entries_ok != ImageReason::ok) return entries_ok;
  out = view;
  return ImageReason::ok;
}

}  // namespace tc::image
