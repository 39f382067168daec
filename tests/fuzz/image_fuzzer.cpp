// Fuzzes the .tcx image parser, then verifies whatever text it accepts.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "image/image.hpp"
#include "vm/vm.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  // An 8-aligned exact-size copy: the verifier requires aligned code, ASan sees overreads.
  std::vector<uint64_t> words((size + 7) / 8);
  if (size > 0) __builtin_memcpy(words.data(), data, size);
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(words.data()), size);
  tc::image::ImageView view;
  if (tc::image::parse(bytes, view) != tc::image::ImageReason::ok) return 0;
  for (uint16_t i = 0; i < view.entry_count; ++i)
    (void)view.entry(i);
  const tc::vm::HelperTable helpers;
  tc::vm::Program program;
  (void)tc::vm::verify(view.text, helpers, program);
  return 0;
}
