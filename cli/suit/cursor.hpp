// A throwing view of the device core's cbor::Reader for the host tools: each read either yields
// its value or throws EnvelopeError naming the place ("manifest: common: ...") and the problem.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "cbor/reader.hpp"

namespace tc::suit_host {

class Cursor {
 public:
  Cursor(std::span<const uint8_t> input, std::string where)
      : reader_(input), where_(std::move(where)) {}

  [[nodiscard]] cbor::Item peek() const;
  [[nodiscard]] bool next_is(cbor::Type type) const { return peek().type == type; }
  [[nodiscard]] bool next_is_null() const { return peek().is_simple(cbor::kSimpleNull); }
  [[nodiscard]] bool next_is_integer() const;

  uint64_t array();  // definite length only
  uint64_t map();    // definite length only
  uint64_t uint();
  int64_t integer();
  std::span<const uint8_t> bytes();
  std::string_view text();
  uint64_t tag();
  void null();
  std::span<const uint8_t> raw();  // one whole item, encoded
  // One whole item in RFC 8949 diagnostic notation.
  std::string diagnostic();
  void finish();  // nothing may follow the item

  [[nodiscard]] const std::string& where() const { return where_; }
  [[noreturn]] void fail(const std::string& what) const;

 private:
  void check(cbor::Error e) const;
  uint64_t count(cbor::Error e, uint64_t n) const;

  cbor::Reader reader_;
  std::string where_;
};

}  // namespace tc::suit_host
