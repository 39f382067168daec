// Streams CBOR items into a coap::PayloadWriter, item by item, so that a representation of any
// size (a log, the event ring) is rendered without a buffer of its size: the writer keeps only
// the block being served (docs/coap.md, PayloadWriter). Text from containers is made valid UTF-8
// (bytes outside printable ASCII become '?') so that the CBOR stays well-formed.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "cbor/writer.hpp"
#include "coap/payload_writer.hpp"

namespace tc::mgmt {

class CborOut {
 public:
  explicit CborOut(coap::PayloadWriter& out) : out_(out) {}

  CborOut& map(uint64_t pairs) {
    return head([&](cbor::Writer& w) { w.write_map(pairs); });
  }
  CborOut& array(uint64_t count) {
    return head([&](cbor::Writer& w) { w.write_array(count); });
  }
  CborOut& uint(uint64_t v) {
    return head([&](cbor::Writer& w) { w.write_uint(v); });
  }
  CborOut& sint(int64_t v) {
    return head([&](cbor::Writer& w) { w.write_int(v); });
  }
  CborOut& boolean(bool v) {
    return head([&](cbor::Writer& w) { w.write_bool(v); });
  }
  CborOut& bytes(std::span<const uint8_t> v) {
    head([&](cbor::Writer& w) { w.write_bytes_header(v.size()); });
    out_.append(v);
    return *this;
  }
  // Text as is when it is printable ASCII; other bytes are replaced by '?'.
  CborOut& text(std::string_view v);
  // A map key (text).
  CborOut& key(std::string_view k) { return text(k); }

 private:
  template <typename F>
  CborOut& head(F f) {
    uint8_t buffer[16];
    cbor::Writer w(buffer);
    f(w);
    out_.append(w.written());
    return *this;
  }

  coap::PayloadWriter& out_;
};

inline CborOut& CborOut::text(std::string_view v) {
  uint8_t buffer[16];
  cbor::Writer w(buffer);
  w.write_bytes_header(v.size());
  std::span<const uint8_t> h = w.written();
  if (h.empty()) return *this;
  buffer[0] = static_cast<uint8_t>((buffer[0] & 0x1f) | 0x60);  // major type 3: text
  out_.append(h);
  uint8_t chunk[32];
  std::size_t n = 0;
  for (char c : v) {
    const auto b = static_cast<uint8_t>(c);
    chunk[n++] = (b >= 0x20 && b < 0x7f) || b == '\n' || b == '\t' ? b : uint8_t{'?'};
    if (n == sizeof chunk) {
      out_.append(std::span<const uint8_t>(chunk, n));
      n = 0;
    }
  }
  if (n != 0) out_.append(std::span<const uint8_t>(chunk, n));
  return *this;
}

}  // namespace tc::mgmt
