// libFuzzer target: the bounded ELF reader and the converter behind `tcctl build` on arbitrary
// bytes. Any outcome other than an image or a BuildError (a crash, a sanitizer report, another
// exception) is a finding.
#include <cstddef>
#include <cstdint>
#include <span>

#include "builder/build_error.hpp"
#include "builder/image_builder.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  try {
    (void)tc::builder::build_image(std::span<const uint8_t>(data, size));
  } catch (const tc::builder::BuildError&) {
    // Refusing malformed input with a message is the expected outcome.
  }
  return 0;
}
