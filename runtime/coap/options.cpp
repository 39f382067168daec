#include "coap/options.hpp"

namespace tc::coap {
namespace {

using enum OptionFormat;

// RFC 7252 table 4 plus Observe (RFC 7641 2), Block1/Block2/Size2 (RFC 7959 2.1, 4).
constexpr OptionSpec kSpecs[] = {
    {OptionNumber::if_match, opaque, 0, 8, true},
    {OptionNumber::uri_host, string, 1, 255, false},
    {OptionNumber::etag, opaque, 1, 8, true},
    {OptionNumber::if_none_match, empty, 0, 0, false},
    {OptionNumber::observe, uint, 0, 3, false},
    {OptionNumber::uri_port, uint, 0, 2, false},
    {OptionNumber::location_path, string, 0, 255, true},
    {OptionNumber::uri_path, string, 0, 255, true},
    {OptionNumber::content_format, uint, 0, 2, false},
    {OptionNumber::max_age, uint, 0, 4, false},
    {OptionNumber::uri_query, string, 0, 255, true},
    {OptionNumber::accept, uint, 0, 2, false},
    {OptionNumber::location_query, string, 0, 255, true},
    {OptionNumber::block2, uint, 0, 3, false},
    {OptionNumber::block1, uint, 0, 3, false},
    {OptionNumber::size2, uint, 0, 4, false},
    {OptionNumber::proxy_uri, string, 1, 1034, false},
    {OptionNumber::proxy_scheme, string, 1, 255, false},
    {OptionNumber::size1, uint, 0, 4, false},
};

}  // namespace

const OptionSpec* find_spec(OptionNumber number) {
  for (const OptionSpec& spec : kSpecs) {
    if (spec.number == number) return &spec;
  }
  return nullptr;
}

std::size_t encode_uint(uint32_t value, std::span<uint8_t, kMaxUintLength> out) {
  std::size_t length = 0;
  for (uint32_t v = value; v != 0; v >>= 8)
    ++length;
  for (std::size_t i = 0; i < length; ++i)
    out[i] = static_cast<uint8_t>(value >> (8 * (length - 1 - i)));
  return length;
}

Result<uint32_t> decode_uint(std::span<const uint8_t> value, std::size_t max_length) {
  if (max_length > kMaxUintLength) max_length = kMaxUintLength;
  if (value.size() > max_length) {
    return Status(StatusCode::invalid_argument, "uint option value too long");
  }
  uint32_t result = 0;
  for (uint8_t byte : value)
    result = (result << 8) | byte;
  return result;
}

}  // namespace tc::coap
