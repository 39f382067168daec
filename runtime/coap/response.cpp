#include <algorithm>

#include "coap/resource.hpp"

namespace tc::coap {

Status Response::add_option(OptionNumber number, std::span<const uint8_t> value) {
  if (count_ == kMaxExtraOptions || option_bytes_.size() - used_ < value.size()) {
    return Status(StatusCode::resource_exhausted, "response option space full");
  }
  const std::span<uint8_t> slot = std::span(option_bytes_).subspan(used_, value.size());
  std::copy(value.begin(), value.end(), slot.begin());
  used_ = static_cast<uint8_t>(used_ + value.size());
  options_[count_++] = {number, slot};
  return Status::Ok();
}

Status Response::add_option(OptionNumber number, std::string_view value) {
  return add_option(number, {reinterpret_cast<const uint8_t*>(value.data()), value.size()});
}

Status Response::add_uint_option(OptionNumber number, uint32_t value) {
  uint8_t bytes[kMaxUintLength];
  return add_option(number, std::span<const uint8_t>(bytes, encode_uint(value, bytes)));
}

Result<Ticket> Response::defer() {
  if (!ticket_) {
    defer_failed_ = true;
    return Status(StatusCode::resource_exhausted, "no free deferred-response slot");
  }
  deferred_ = true;
  return *ticket_;
}

}  // namespace tc::coap
