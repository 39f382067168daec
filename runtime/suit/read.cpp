#include "suit/read.hpp"

namespace tc::suit::detail {

Error from_cbor(cbor::Error error) {
  switch (error) {
    case cbor::Error::ok:
      return Error::ok;
    case cbor::Error::truncated:
    case cbor::Error::end_of_input:  // empty input, or a count promising more than is there
      return Error::truncated;
    case cbor::Error::nesting_too_deep:
      return Error::too_large;
    default:
      return Error::malformed;
  }
}

Report Read::check(cbor::Error e) const {
  if (e == cbor::Error::ok) return ok();
  return {from_cbor(e), where_};
}

Report Read::count(cbor::Error e, uint64_t n) const {
  if (e != cbor::Error::ok) return check(e);
  if (n == cbor::kIndefinite) return error(Error::malformed);
  return ok();
}

Report Read::array(uint64_t& count_out) {
  return count(reader_.read_array_header(count_out), count_out);
}

Report Read::map(uint64_t& pairs) {
  return count(reader_.read_map_header(pairs), pairs);
}

Report Read::uint(uint64_t& value) {
  return check(reader_.read_uint(value));
}

Report Read::integer(int64_t& value) {
  return check(reader_.read_int(value));
}

Report Read::bytes(Bytes& value) {
  return check(reader_.read_bytes(value));
}

Report Read::text(std::string_view& value) {
  return check(reader_.read_text(value));
}

Report Read::bstr(Bytes& encoded, Bytes& content) {
  cbor::Item item;
  const cbor::Error e = reader_.peek(item);
  if (e != cbor::Error::ok) return check(reader_.next(item));  // makes the error sticky
  if (item.type != cbor::Type::byte_string || item.indefinite) return error(Error::malformed);
  content = item.data;
  return raw(encoded);
}

Report Read::boolean(bool& value) {
  return check(reader_.read_bool(value));
}

Report Read::skip() {
  return check(reader_.skip());
}

Report Read::raw(Bytes& encoded) {
  return check(reader_.read_raw(encoded));
}

Report Read::key(int64_t& label, std::string_view& text_out, bool& is_text) {
  is_text = next_is(cbor::Type::text_string);
  if (is_text) return text(text_out);
  return integer(label);
}

Report Read::optional_tag(uint64_t& tag) {
  tag = 0;
  if (!next_is(cbor::Type::tag)) return ok();
  return check(reader_.read_tag(tag));
}

bool Read::next_is(cbor::Type type) const {
  cbor::Item item;
  return reader_.peek(item) == cbor::Error::ok && item.type == type;
}

bool Read::next_is_null() const {
  cbor::Item item;
  return reader_.peek(item) == cbor::Error::ok && item.is_simple(cbor::kSimpleNull);
}

Report Read::null() {
  return check(reader_.read_null());
}

Report Read::finish() {
  const cbor::Error e = reader_.finish();
  if (e == cbor::Error::trailing_bytes) return error(Error::malformed);
  return check(e);
}

Report check_sequence(Bytes sequence, const char* where) {
  Read r(sequence, where);
  uint64_t count = 0;
  Report rep = r.array(count);
  if (rep.ok() && (count == 0 || count % 2 != 0)) rep = r.error(Error::malformed);
  for (uint64_t i = 0; rep.ok() && i < count; ++i)
    rep = r.skip();
  if (rep.ok()) rep = r.finish();
  return rep;
}

}  // namespace tc::suit::detail
