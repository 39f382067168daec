// Serialises the parts of a container image into the .tcx layout of runtime/image/image.hpp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tc::builder {

struct ImageEntry {
  std::string name;  // 1..15 printable characters (the caller checks)
  uint32_t pc = 0;   // instruction index into text
};

struct ImageParts {
  std::vector<uint8_t> text;
  std::vector<uint8_t> rodata;
  std::vector<uint8_t> data;
  uint32_t bss_size = 0;
  uint32_t stack_size = 0;
  std::vector<ImageEntry> entries;
};

[[nodiscard]] std::vector<uint8_t> write_image(const ImageParts& parts);

}  // namespace tc::builder
