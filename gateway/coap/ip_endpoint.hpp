// Addresses as the gateway's CoAP side writes and reads them: a device's base URI
// ("coap://127.0.0.1:5701", "coap://[::1]:5701"), the listen option ("HOST:PORT") and socket
// addresses. Only IP literals are accepted in URIs: the CoAP thread never waits for DNS, and a
// device registers the address it can be reached at, not a name.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tc::gw {

inline constexpr uint16_t kDefaultCoapPort = 5683;

// An IP address in canonical text form (inet_ntop) and a port.
struct IpEndpoint {
  std::string host;  // "127.0.0.1", "::1" (no brackets)
  uint16_t port = 0;
  bool ipv6 = false;

  bool operator==(const IpEndpoint&) const = default;
};

struct IpEndpointParse {
  std::optional<IpEndpoint> endpoint;
  std::string error;  // when !endpoint: what is wrong, for a person
};

// "coap://IPv4[:PORT][/]" or "coap://[IPv6][:PORT][/]"; port 1..65535, default 5683. No path,
// query, user info or host names.
[[nodiscard]] IpEndpointParse parse_coap_uri(std::string_view text);

// "coap://127.0.0.1:5701", "coap://[::1]:5701".
[[nodiscard]] std::string format_coap_uri(const IpEndpoint& endpoint);

// "127.0.0.1:5701", "[::1]:5701".
[[nodiscard]] std::string format_host_port(const IpEndpoint& endpoint);

struct HostPort {
  std::string host;  // a literal or a name; brackets of an IPv6 literal removed
  uint16_t port = 0;
};

struct HostPortParse {
  std::optional<HostPort> value;
  std::string error;
};

// The listen option: "HOST:PORT" or "[IPv6]:PORT"; port 0..65535 (0 = any free port).
[[nodiscard]] HostPortParse parse_host_port(std::string_view text);

// The endpoint of an AF_INET / AF_INET6 socket address; nullopt for other families.
[[nodiscard]] std::optional<IpEndpoint> endpoint_from_sockaddr(const sockaddr* address,
                                                               socklen_t length);

// A socket address for `endpoint` (which holds a canonical literal, so this does not fail for
// the results of parse_coap_uri); the length is 0 when the host is not a literal.
struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
};
[[nodiscard]] SocketAddress to_sockaddr(const IpEndpoint& endpoint);

}  // namespace tc::gw
