#include "builder/image_writer.hpp"

#include <algorithm>

#include "image/image.hpp"

namespace tc::builder {
namespace {

void put_u16(std::vector<uint8_t>& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v));
  out.push_back(static_cast<uint8_t>(v >> 8));
}

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void append(std::vector<uint8_t>& out, const std::vector<uint8_t>& bytes) {
  out.insert(out.end(), bytes.begin(), bytes.end());
}

}  // namespace

std::vector<uint8_t> write_image(const ImageParts& parts) {
  const auto entry_count = static_cast<uint16_t>(parts.entries.size());
  std::vector<uint8_t> out(std::begin(image::kMagic), std::end(image::kMagic));
  out.push_back(image::kImageVersion);
  out.push_back(0);  // flags
  put_u16(out, entry_count);
  put_u32(out, static_cast<uint32_t>(parts.text.size()));
  put_u32(out, static_cast<uint32_t>(parts.rodata.size()));
  put_u32(out, static_cast<uint32_t>(parts.data.size()));
  put_u32(out, parts.bss_size);
  put_u32(out, parts.stack_size);
  put_u32(out, 0);  // reserved
  for (const ImageEntry& e : parts.entries) {
    uint8_t name[image::kEntryNameSize] = {};
    std::copy_n(e.name.begin(), std::min(e.name.size(), image::kEntryNameSize - 1), name);
    out.insert(out.end(), std::begin(name), std::end(name));
    put_u32(out, e.pc);
  }
  out.resize(image::text_offset(entry_count), 0);
  append(out, parts.text);
  append(out, parts.rodata);
  append(out, parts.data);
  return out;
}

}  // namespace tc::builder
