#include "suit/cursor.hpp"

#include <vector>

#include "cbor/diagnostic.hpp"
#include "suit/envelope_builder.hpp"

namespace tc::suit_host {

void Cursor::fail(const std::string& what) const {
  throw EnvelopeError(where_ + ": " + what);
}

void Cursor::check(cbor::Error e) const {
  if (e == cbor::Error::wrong_type) fail("unexpected CBOR type");
  if (e != cbor::Error::ok) fail(cbor::describe(e));
}

uint64_t Cursor::count(cbor::Error e, uint64_t n) const {
  check(e);
  if (n == cbor::kIndefinite) fail("indefinite length (SUIT wants deterministic CBOR)");
  return n;
}

cbor::Item Cursor::peek() const {
  cbor::Item item;
  check(reader_.peek(item));
  return item;
}

bool Cursor::next_is_integer() const {
  const cbor::Type t = peek().type;
  return t == cbor::Type::unsigned_int || t == cbor::Type::negative_int;
}

uint64_t Cursor::array() {
  uint64_t n = 0;
  const cbor::Error e = reader_.read_array_header(n);
  return count(e, n);
}

uint64_t Cursor::map() {
  uint64_t n = 0;
  const cbor::Error e = reader_.read_map_header(n);
  return count(e, n);
}

uint64_t Cursor::uint() {
  uint64_t v = 0;
  check(reader_.read_uint(v));
  return v;
}

int64_t Cursor::integer() {
  int64_t v = 0;
  check(reader_.read_int(v));
  return v;
}

std::span<const uint8_t> Cursor::bytes() {
  std::span<const uint8_t> v;
  check(reader_.read_bytes(v));
  return v;
}

std::string_view Cursor::text() {
  std::string_view v;
  check(reader_.read_text(v));
  return v;
}

uint64_t Cursor::tag() {
  uint64_t v = 0;
  check(reader_.read_tag(v));
  return v;
}

void Cursor::null() {
  check(reader_.read_null());
}

std::span<const uint8_t> Cursor::raw() {
  std::span<const uint8_t> v;
  check(reader_.read_raw(v));
  return v;
}

std::string Cursor::diagnostic() {
  const std::span<const uint8_t> item = raw();
  // Diagnostic text is at most a few times longer than the item: h'..' doubles a byte, \uXXXX
  // takes six characters for one, "undefined, " eleven.
  std::vector<char> text(item.size() * 16 + 64);
  check(cbor::diagnostic(item, text));
  return text.data();
}

void Cursor::finish() {
  const cbor::Error e = reader_.finish();
  if (e == cbor::Error::trailing_bytes) fail("bytes after the item");
  check(e);
}

}  // namespace tc::suit_host
