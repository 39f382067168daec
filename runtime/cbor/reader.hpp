// A pull reader for CBOR (RFC 8949) over a byte span: no heap, no recursion, zero-copy strings.
//
//   cbor::Reader r(bytes);
//   uint64_t pairs = 0;
//   if (r.read_map_header(pairs) != cbor::Error::ok) ...
//   for (uint64_t i = 0; i < pairs; ++i) { r.read_text(key); r.read_uint(value); }
//   if (r.finish() != cbor::Error::ok) ...       // nothing left over
//
// The reader checks well-formedness as it goes (RFC 8949 appendix F) plus UTF-8 of text strings.
// It tracks open containers and tags up to kMaxDepth, so a break, a string chunk or the end of
// input is judged in context. Non-preferred encodings (overlong heads, wide floats) are accepted
// and flagged in Item::preferred. Duplicate map keys and tag content types are not checked: that
// is the schema's job.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "cbor/error.hpp"
#include "cbor/item.hpp"

namespace tc::cbor {

// Open arrays, maps, tags and indefinite-length strings at one time.
inline constexpr std::size_t kMaxDepth = 16;

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> input) : input_(input) {}

  // The next item head (string content included), or why there is none. A malformed input
  // error is sticky; end_of_input means the top level is complete and the input consumed.
  [[nodiscard]] Error next(Item& item);
  // As next(), without consuming.
  [[nodiscard]] Error peek(Item& item) const;

  // Typed reads. On wrong_type or integer_overflow nothing is consumed.
  [[nodiscard]] Error read_uint(uint64_t& value);
  [[nodiscard]] Error read_int(int64_t& value);  // major type 0 or 1 within int64
  [[nodiscard]] Error read_bytes(std::span<const uint8_t>& value);  // definite length only
  [[nodiscard]] Error read_text(std::string_view& value);           // definite length only
  [[nodiscard]] Error read_bool(bool& value);
  [[nodiscard]] Error read_null();
  [[nodiscard]] Error read_float(double& value);  // any width; integers are not floats
  [[nodiscard]] Error read_tag(uint64_t& tag);
  [[nodiscard]] Error read_array_header(uint64_t& count);  // kIndefinite if indefinite
  [[nodiscard]] Error read_map_header(uint64_t& pairs);    // kIndefinite if indefinite
  [[nodiscard]] Error read_break();
  [[nodiscard]] bool at_break() const;

  // Consumes one whole data item with everything nested in it.
  [[nodiscard]] Error skip();
  // As skip(), and yields the item's encoded bytes (to hash or verify them, e.g. COSE).
  [[nodiscard]] Error read_raw(std::span<const uint8_t>& encoded);

  // True when the input is consumed and no container is open.
  [[nodiscard]] bool at_end() const { return depth_ == 0 && offset_ == input_.size(); }
  // ok at the end, truncated inside an open container, trailing_bytes otherwise.
  [[nodiscard]] Error finish() const;

  [[nodiscard]] std::size_t depth() const { return depth_; }
  [[nodiscard]] std::size_t offset() const { return offset_; }
  [[nodiscard]] Error error() const { return error_; }

 private:
  // An open container, tag or indefinite string. count is the number of items still due in a
  // definite one (never more than the input bytes left); an indefinite one counts items seen.
  struct Frame {
    std::size_t count = 0;
    Type type = Type::array;
    bool indefinite = false;
  };

  Error decode(Item& item, std::size_t& end) const;
  Error check_context(const Item& item) const;
  void commit(const Item& item, std::size_t end);
  void complete_item();
  using Check = Error (*)(const Item&);
  // Decodes the next item and consumes it only if check accepts it.
  Error read_checked(Check check, Item& item);

  std::span<const uint8_t> input_;
  std::size_t offset_ = 0;
  std::size_t depth_ = 0;
  Error error_ = Error::ok;
  Frame frames_[kMaxDepth];
};

}  // namespace tc::cbor
