// A growing CBOR encoder for the host tools (deterministic: shortest heads, definite lengths),
// each head written by the device core's cbor::Writer so both sides encode alike.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

namespace tc::suit_host {

class CborOut {
 public:
  CborOut& uint(uint64_t value);
  CborOut& integer(int64_t value);
  CborOut& bytes(std::span<const uint8_t> value);
  CborOut& text(std::string_view value);  // EnvelopeError unless valid UTF-8
  CborOut& array(uint64_t count);
  CborOut& map(uint64_t pairs);
  CborOut& tag(uint64_t tag);
  CborOut& boolean(bool value);
  CborOut& null();
  CborOut& raw(std::span<const uint8_t> encoded);  // an item encoded elsewhere
  // A bstr whose content is `inner` (SUIT's and COSE's bstr-wrapped CBOR).
  CborOut& wrap(const CborOut& inner) { return bytes(inner.data()); }

  [[nodiscard]] const std::vector<uint8_t>& data() const { return bytes_; }
  [[nodiscard]] std::vector<uint8_t> take() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

}  // namespace tc::suit_host
