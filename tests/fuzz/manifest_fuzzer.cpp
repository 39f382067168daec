// Fuzzes the manifest decoder with arbitrary bytes. Whatever decodes and validates must encode
// again, decode to the same manifest and re-encode to the same bytes (one manifest, one
// encoding); every error must render.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "manifest/codec.hpp"
#include "manifest/validate.hpp"

namespace {

void check(bool condition) {
  if (!condition) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  // An exact-size copy so that ASan sees any read past the end.
  const std::vector<uint8_t> input(data, data + size);
  tc::manifest::Manifest m;
  const tc::manifest::ManifestError error = tc::manifest::decode(input, m);
  char text[128];
  tc::TextBuilder out(text);
  error.render(out);
  if (!error.ok() || !tc::manifest::validate(m).ok()) return 0;

  std::vector<uint8_t> once(tc::manifest::kMaxEncodedSize);
  const tc::Result<std::size_t> n = tc::manifest::encode(m, once);
  check(n.ok());
  once.resize(*n);
  tc::manifest::Manifest again;
  check(tc::manifest::decode(once, again).ok());
  check(again == m);
  std::vector<uint8_t> twice(tc::manifest::kMaxEncodedSize);
  const tc::Result<std::size_t> n2 = tc::manifest::encode(again, twice);
  check(n2.ok());
  twice.resize(*n2);
  check(twice == once);
  return 0;
}
