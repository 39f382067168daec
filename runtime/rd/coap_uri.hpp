// coap:// URIs as the device's own CoAP clients take them: the payload fetcher, the uplink of
// remote endpoints and the gateway address of the registration (RFC 3986, RFC 7252 6.4).
//
//   coap://HOST[:PORT][/path][?query]      PORT 5683 when absent
//
// Restricted to what a constrained device needs: no IPv6 literal, no user information, no
// fragment, no dot segments. Nothing is resolved here: the result says whether HOST is an IPv4
// literal, and what another name means ("localhost", "gateway") is the caller's decision. The
// path and query stay percent-encoded in the result; add_request_options() decodes them into
// the Uri-Path and Uri-Query options of a request, one option per segment or parameter.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "coap/builder.hpp"
#include "core/status.hpp"

namespace tc::rd {

inline constexpr uint16_t kCoapDefaultPort = 5683;  // RFC 7252 6.1
// Uri-Path and Uri-Query values are at most 255 bytes (RFC 7252 5.10).
inline constexpr std::size_t kMaxUriSegment = 255;

using Ipv4 = std::array<uint8_t, 4>;

struct CoapUri {
  std::string_view host;     // as written (not lower-cased)
  std::optional<Ipv4> ipv4;  // when `host` is a dotted-quad IPv4 literal
  uint16_t port = kCoapDefaultPort;
  bool explicit_port = false;  // the URI named a port
  std::string_view path;       // "" or starting with '/', percent-encoded
  std::string_view query;      // without the '?', percent-encoded
};

// Splits and checks `uri`; every segment and parameter must decode (a '%' needs two hex digits,
// a decoded value fits in 255 bytes). On failure the Status message says what is wrong, e.g.
// "only coap:// URIs are supported".
[[nodiscard]] Status parse_coap_uri(std::string_view uri, CoapUri& out);

// A dotted-quad IPv4 literal ("192.0.2.1": four decimal numbers 0..255 without leading zeros).
[[nodiscard]] std::optional<Ipv4> parse_ipv4(std::string_view text);

// ASCII case-insensitive equality (URI schemes and host names are case-insensitive).
[[nodiscard]] bool equals_nocase(std::string_view a, std::string_view b);

// Adds the URI's path segments as Uri-Path and its parameters as Uri-Query, percent-decoded (RFC
// 7252 6.4 steps 8 and 9). Uri-Host and Uri-Port are the caller's: they depend on how it reaches
// the host.
[[nodiscard]] Status add_request_options(coap::MessageBuilder& builder, const CoapUri& uri);

}  // namespace tc::rd
