// Writes CBOR (RFC 8949) into a caller's buffer, in preferred serialization: every head in its
// shortest form, every float in the narrowest of binary16/32/64 that holds it exactly.
//
//   uint8_t buffer[64];
//   cbor::Writer w(buffer);
//   w.write_map(1).write_text("a").write_uint(1);
//   if (w.error() != cbor::Error::ok) ...        // checked once: errors are sticky
//   send(w.written());
//
// An item that does not fit is not written at all (written() holds only whole items) and every
// later write is ignored. The writer does not track structure: counts and breaks are the
// caller's to get right (a Reader over written() checks them).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "cbor/error.hpp"
#include "cbor/item.hpp"

namespace tc::cbor {

class Writer {
 public:
  explicit Writer(std::span<uint8_t> out) : out_(out) {}

  Writer& write_uint(uint64_t value);
  Writer& write_int(int64_t value);
  Writer& write_negative(uint64_t argument);  // the value -1 - argument, down to -2^64
  Writer& write_bytes(std::span<const uint8_t> value);
  Writer& write_text(std::string_view value);  // invalid_utf8 unless valid UTF-8
  Writer& write_array(uint64_t count);
  Writer& write_map(uint64_t pairs);
  Writer& write_tag(uint64_t tag);
  Writer& write_bool(bool value);
  Writer& write_null();
  Writer& write_undefined();
  Writer& write_simple(uint8_t value);  // bad_simple_value for 24..31, which have no encoding
  Writer& write_float(double value);

  // Indefinite-length items: begin, then elements (or definite string chunks), then end.
  Writer& begin_bytes();
  Writer& begin_text();
  Writer& begin_array();
  Writer& begin_map();
  Writer& write_break();

  // A byte string head alone; its content follows as raw bytes (e.g. a bstr-wrapped CBOR item
  // written in place, as COSE and SUIT do).
  Writer& write_bytes_header(uint64_t length);
  // Bytes copied as they are, typically an item encoded elsewhere.
  Writer& write_raw(std::span<const uint8_t> encoded);
  // Re-encodes an item head as the Reader yields it (with its string content), in preferred form.
  Writer& write(const Item& item);

  [[nodiscard]] Error error() const { return error_; }
  [[nodiscard]] std::size_t size() const { return size_; }
  [[nodiscard]] std::span<const uint8_t> written() const { return out_.first(size_); }

 private:
  Writer& head(uint8_t major, uint64_t argument, std::span<const uint8_t> content = {});
  // Writes an encoded head and content together, or neither.
  Writer& emit(std::span<const uint8_t> head, std::span<const uint8_t> content);

  std::span<uint8_t> out_;
  std::size_t size_ = 0;
  Error error_ = Error::ok;
};

}  // namespace tc::cbor
