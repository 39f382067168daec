// The converter: a BPF ELF relocatable object (what clang -target bpf -c produces) becomes a .tcx
// container image. Relocations are resolved against the VM's fixed slots, anything the device
// cannot run is rejected with a message naming the source symbol, and the result is verified
// with the device's own verifier before it is returned.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "builder/build_error.hpp"
#include "builder/image_writer.hpp"

namespace tc::builder {

struct BuiltImage {
  std::vector<uint8_t> bytes;  // the .tcx file
  uint32_t text_size = 0;
  uint32_t rodata_size = 0;
  uint32_t data_size = 0;
  uint32_t bss_size = 0;
  uint32_t stack_size = 0;  // bytes of one frame (the header's stack field)
  uint32_t call_depth = 0;  // longest chain of local calls below an entry
  std::vector<ImageEntry> entries;

  // The stack a device must map so that the deepest call chain fits: one frame per level.
  [[nodiscard]] uint32_t stack_needed() const { return stack_size * (call_depth + 1); }
};

// Minimum and granularity of the header's stack size.
inline constexpr uint32_t kMinStackFrame = 64;

// Throws BuildError (or ElfError for malformed input) with a message for the container author.
[[nodiscard]] BuiltImage build_image(std::span<const uint8_t> object);

}  // namespace tc::builder
