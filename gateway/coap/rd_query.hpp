// The Uri-Query parameters of RFC 9176 registration requests, parsed and validated, with an error
// text for the 4.00 answer when they are wrong:
//   POST /rd?ep=NAME[&d=SECTOR][&lt=SECONDS][&base=coap://ADDRESS:PORT]   (registration, 5.3)
//   POST /rd/<n>[?lt=SECONDS][&base=...]                                  (update, 5.3.1)
// Endpoint and sector names: 1..63 characters of [A-Za-z0-9._-]. lt: 1..4294967295 seconds (the
// directory clamps it to its own bounds later). Other parameters (endpoint attributes such as
// et=) are accepted and ignored; a parameter given twice is an error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "coap/ip_endpoint.hpp"

namespace tc::gw {

inline constexpr std::size_t kMaxEndpointName = 63;
inline constexpr std::size_t kMaxQueryParameters = 16;

struct RegistrationQuery {
  std::string endpoint;
  std::string sector;                // empty when absent
  std::optional<uint32_t> lifetime;  // seconds
  std::optional<IpEndpoint> base;
};

struct UpdateQuery {
  std::optional<uint32_t> lifetime;
  std::optional<IpEndpoint> base;
};

template <typename T>
struct QueryParse {
  std::optional<T> value;
  std::string error;  // when !value
};

// `options`: the request's Uri-Query options, one "name=value" (or "name") each.
[[nodiscard]] QueryParse<RegistrationQuery> parse_registration_query(
    std::span<const std::string_view> options);
[[nodiscard]] QueryParse<UpdateQuery> parse_update_query(std::span<const std::string_view> options);

// Whether `name` is a valid endpoint or sector name (see above).
[[nodiscard]] bool is_valid_endpoint_name(std::string_view name);

}  // namespace tc::gw
