// Reading helpers shared by the envelope, COSE and command parsers (internal to tc_suit): a
// cbor::Reader whose errors come back as suit Reports naming where they happened.
//
// SUIT asks for deterministic CBOR; the helpers refuse indefinite-length arrays and maps (so a
// count read here is always an element count) but accept non-preferred heads, which change no
// meaning and are covered by the digests anyway.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "cbor/reader.hpp"
#include "suit/suit.hpp"

namespace tc::suit::detail {

// truncated for input that ends inside an item (or is empty), too_large for nesting beyond the
// reader's depth, malformed for everything else.
Error from_cbor(cbor::Error error);

[[nodiscard]] constexpr Report fail(Error error, const char* where) {
  return {error, where};
}
[[nodiscard]] constexpr Report ok() {
  return {};
}

class Read {
 public:
  Read(Bytes input, const char* where) : reader_(input), where_(where) {}

  Report array(uint64_t& count);  // definite only
  Report map(uint64_t& pairs);    // definite only
  Report uint(uint64_t& value);
  Report integer(int64_t& value);
  Report bytes(Bytes& value);
  Report text(std::string_view& value);
  Report boolean(bool& value);
  // A bstr with its CBOR head (`encoded`, what SUIT digests cover) and its content.
  Report bstr(Bytes& encoded, Bytes& content);
  Report skip();
  Report raw(Bytes& encoded);
  // A map key: an integer, or (is_text) a text string.
  Report key(int64_t& label, std::string_view& text, bool& is_text);
  // Consumes a tag when one is next; `tag` is 0 (never a SUIT or COSE tag) when there is none.
  Report optional_tag(uint64_t& tag);
  [[nodiscard]] bool next_is(cbor::Type type) const;
  [[nodiscard]] bool next_is_null() const;
  Report null();
  Report finish();  // the input is one whole item: trailing bytes are malformed

  [[nodiscard]] Report error(Error e) const { return {e, where_}; }
  void set_where(const char* where) { where_ = where; }
  [[nodiscard]] const char* where() const { return where_; }

 private:
  Report check(cbor::Error e) const;
  Report count(cbor::Error e, uint64_t n) const;

  cbor::Reader reader_;
  const char* where_;
};

// A command sequence is one definite array of (label, argument) pairs: checks the shape only.
Report check_sequence(Bytes sequence, const char* where);

}  // namespace tc::suit::detail
