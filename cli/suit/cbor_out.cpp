#include "suit/cbor_out.hpp"

#include <string>

#include "cbor/writer.hpp"
#include "suit/envelope_builder.hpp"

namespace tc::suit_host {
namespace {

constexpr std::size_t kMaxHead = 9;  // initial byte and an 8-byte argument

// Runs `write` on a cbor::Writer over a buffer with room for a head and `content` bytes, and
// appends what it wrote.
template <typename Write>
void emit(std::vector<uint8_t>& out, std::size_t content, Write write) {
  std::vector<uint8_t> buffer(kMaxHead + content);
  cbor::Writer w(buffer);
  write(w);
  if (w.error() != cbor::Error::ok)
    throw EnvelopeError(std::string("CBOR encoding: ") + cbor::describe(w.error()));
  out.insert(out.end(), w.written().begin(), w.written().end());
}

}  // namespace

CborOut& CborOut::uint(uint64_t value) {
  emit(bytes_, 0, [&](cbor::Writer& w) { w.write_uint(value); });
  return *this;
}

CborOut& CborOut::integer(int64_t value) {
  emit(bytes_, 0, [&](cbor::Writer& w) { w.write_int(value); });
  return *this;
}

CborOut& CborOut::bytes(std::span<const uint8_t> value) {
  emit(bytes_, value.size(), [&](cbor::Writer& w) { w.write_bytes(value); });
  return *this;
}

CborOut& CborOut::text(std::string_view value) {
  emit(bytes_, value.size(), [&](cbor::Writer& w) { w.write_text(value); });
  return *this;
}

CborOut& CborOut::array(uint64_t count) {
  emit(bytes_, 0, [&](cbor::Writer& w) { w.write_array(count); });
  return *this;
}

CborOut& CborOut::map(uint64_t pairs) {
  emit(bytes_, 0, [&](cbor::Writer& w) { w.write_map(pairs); });
  return *this;
}

CborOut& CborOut::tag(uint64_t tag) {
  emit(bytes_, 0, [&](cbor::Writer& w) { w.write_tag(tag); });
  return *this;
}

CborOut& CborOut::boolean(bool value) {
  emit(bytes_, 0, [&](cbor::Writer& w) { w.write_bool(value); });
  return *this;
}

CborOut& CborOut::null() {
  emit(bytes_, 0, [&](cbor::Writer& w) { w.write_null(); });
  return *this;
}

CborOut& CborOut::raw(std::span<const uint8_t> encoded) {
  bytes_.insert(bytes_.end(), encoded.begin(), encoded.end());
  return *this;
}

}  // namespace tc::suit_host
