// Fuzzes the CBOR reader, writer and diagnostic renderer together: arbitrary bytes are read item
// by item (skip and render must agree on where each item ends); input that reads cleanly is
// re-encoded in preferred form, which must mean the same (same diagnostic text) and be stable
// (re-encoding it again changes nothing).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "cbor/diagnostic.hpp"
#include "cbor/reader.hpp"
#include "cbor/writer.hpp"

namespace {

using tc::cbor::Error;

void check(bool condition) {
  if (!condition) __builtin_trap();
}

// Renders every top-level item into text (bounded); the reader's final status.
Error render_all(std::span<const uint8_t> bytes, std::vector<char>& text) {
  tc::cbor::Reader render_reader(bytes);
  tc::cbor::Reader skip_reader(bytes);
  char buffer[512];
  for (;;) {
    tc::TextBuilder out(buffer);
    const Error rendered = tc::cbor::render_diagnostic(render_reader, out);
    const Error skipped = skip_reader.skip();
    check(render_reader.offset() == skip_reader.offset());
    if (rendered == Error::buffer_full) {
      check(skipped == Error::ok);
    } else {
      check(rendered == skipped);
    }
    if (rendered == Error::end_of_input) return Error::ok;
    if (rendered != Error::ok && rendered != Error::buffer_full) return rendered;
    text.insert(text.end(), out.c_str(), out.c_str() + out.size());
    text.push_back('\n');
  }
}

std::vector<uint8_t> reencode(std::span<const uint8_t> bytes) {
  // Preferred serialization never grows an item: heads and floats only get shorter.
  std::vector<uint8_t> out(bytes.size());
  tc::cbor::Writer w(out);
  tc::cbor::Reader r(bytes);
  tc::cbor::Item item;
  while (r.next(item) == Error::ok)
    w.write(item);
  check(r.finish() == Error::ok);
  check(w.error() == Error::ok);
  out.resize(w.size());
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  // An exact-size copy so that ASan sees any read past the end.
  std::vector<uint8_t> input(data, data + size);
  std::vector<char> text;
  if (render_all(input, text) != Error::ok) return 0;

  const std::vector<uint8_t> once = reencode(input);
  check(once.size() <= input.size());
  std::vector<char> again;
  check(render_all(once, again) == Error::ok);
  check(again == text);
  check(reencode(once) == once);
  return 0;
}
