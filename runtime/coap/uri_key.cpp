#include "coap/uri_key.hpp"

#include <algorithm>

namespace tc::coap {
namespace {

bool is_key_option(OptionNumber n, bool with_accept) {
  return n == OptionNumber::uri_path || n == OptionNumber::uri_query ||
         (with_accept && n == OptionNumber::accept);
}

// One byte per number: the three key options are all below 256.
struct Entry {
  OptionNumber number;
  std::span<const uint8_t> value;
};

// Walks the triples in `bytes`; returns false at the end.
bool next_entry(std::span<const uint8_t> bytes, std::size_t& at, Entry& out) {
  if (bytes.size() - at < 2) return false;
  const std::size_t length = bytes[at + 1];
  out = {static_cast<OptionNumber>(bytes[at]), bytes.subspan(at + 2, length)};
  at += 2 + length;
  return true;
}

}  // namespace

Status UriKey::capture(const Message& request, bool with_accept) {
  length_ = 0;
  with_accept_ = with_accept;
  std::size_t at = 0;
  for (const Option& o : request.options()) {
    if (!is_key_option(o.number, with_accept)) continue;
    if (o.value.size() > 0xff || bytes_.size() - at < 2 + o.value.size()) {
      length_ = 0;
      return Status(StatusCode::out_of_range, "request URI too long to remember");
    }
    bytes_[at] = static_cast<uint8_t>(to_u16(o.number));
    bytes_[at + 1] = static_cast<uint8_t>(o.value.size());
    std::copy(o.value.begin(), o.value.end(), bytes_.begin() + static_cast<std::ptrdiff_t>(at + 2));
    at += 2 + o.value.size();
  }
  length_ = static_cast<uint8_t>(at);
  return Status::Ok();
}

bool UriKey::matches(const Message& request) const {
  const std::span<const uint8_t> bytes(bytes_.data(), length_);
  std::size_t at = 0;
  Entry e{};
  for (const Option& o : request.options()) {
    if (!is_key_option(o.number, with_accept_)) continue;
    if (!next_entry(bytes, at, e) || e.number != o.number ||
        !std::equal(e.value.begin(), e.value.end(), o.value.begin(), o.value.end())) {
      return false;
    }
  }
  return at == length_;
}

Status UriKey::append_to(Message& message) const {
  const std::span<const uint8_t> bytes(bytes_.data(), length_);
  std::size_t at = 0;
  Entry e{};
  while (next_entry(bytes, at, e)) {
    const Status s = message.add_option(e.number, e.value);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace tc::coap
