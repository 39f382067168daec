#include "coap/ip_endpoint.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <cstring>

#include "coap/decimal.hpp"

namespace tc::gw {
namespace {

constexpr std::string_view kScheme = "coap://";

// The canonical text of an IP literal, or nullopt when `text` is not one.
std::optional<std::string> canonical_literal(std::string_view text, bool ipv6) {
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  const std::string copy(text);
  std::array<unsigned char, sizeof(in6_addr)> binary{};
  const int family = ipv6 ? AF_INET6 : AF_INET;
  if (inet_pton(family, copy.c_str(), binary.data()) != 1) return std::nullopt;
  std::array<char, INET6_ADDRSTRLEN> out{};
  if (inet_ntop(family, binary.data(), out.data(), out.size()) == nullptr) return std::nullopt;
  return std::string(out.data());
}

struct SplitAuthority {
  std::string_view host;
  std::optional<std::string_view> port;  // the text after ':', when there is one
  bool bracketed = false;
  std::string error;
};

// "host[:port]" or "[v6][:port]".
SplitAuthority split_authority(std::string_view text) {
  SplitAuthority out;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos) {
      out.error = "an IPv6 address must end with ']'";
      return out;
    }
    out.host = text.substr(1, close - 1);
    out.bracketed = true;
    const std::string_view rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') {
        out.error = "unexpected text after the IPv6 address";
        return out;
      }
      out.port = rest.substr(1);
    }
    return out;
  }
  const std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    out.host = text;
    return out;
  }
  if (text.find(':') != colon) {
    out.error = "an IPv6 address must be written in brackets: [::1]:5683";
    return out;
  }
  out.host = text.substr(0, colon);
  out.port = text.substr(colon + 1);
  return out;
}

}  // namespace

IpEndpointParse parse_coap_uri(std::string_view text) {
  IpEndpointParse out;
  if (text.substr(0, kScheme.size()) != kScheme) {
    out.error = "must start with coap:// (got \"" + std::string(text.substr(0, 40)) + "\")";
    return out;
  }
  std::string_view rest = text.substr(kScheme.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find_first_of("/?#@") != std::string_view::npos) {
    out.error = "must be coap://ADDRESS:PORT without a path, query or user";
    return out;
  }
  const SplitAuthority authority = split_authority(rest);
  if (!authority.error.empty()) {
    out.error = authority.error;
    return out;
  }
  if (authority.host.empty()) {
    out.error = "the host is missing";
    return out;
  }
  const bool ipv6 = authority.bracketed;
  const std::optional<std::string> host = canonical_literal(authority.host, ipv6);
  if (!host) {
    out.error = ipv6 ? "\"" + std::string(authority.host) + "\" is not an IPv6 address"
                     : "the host must be an IPv4 address or a bracketed IPv6 address, not \"" +
                           std::string(authority.host) + "\"";
    return out;
  }
  uint64_t port = kDefaultCoapPort;
  if (authority.port) {
    const std::optional<uint64_t> parsed = parse_decimal(*authority.port, 65535);
    if (!parsed || *parsed == 0) {
      out.error = "the port must be a number from 1 to 65535";
      return out;
    }
    port = *parsed;
  }
  out.endpoint = IpEndpoint{*host, static_cast<uint16_t>(port), ipv6};
  return out;
}

std::string format_host_port(const IpEndpoint& endpoint) {
  const std::string port = std::to_string(endpoint.port);
  return endpoint.ipv6 ? "[" + endpoint.host + "]:" + port : endpoint.host + ":" + port;
}

std::string format_coap_uri(const IpEndpoint& endpoint) {
  return std::string(kScheme) + format_host_port(endpoint);
}

HostPortParse parse_host_port(std::string_view text) {
  HostPortParse out;
  const SplitAuthority authority = split_authority(text);
  if (!authority.error.empty()) {
    out.error = authority.error;
    return out;
  }
  if (authority.host.empty() || !authority.port) {
    out.error = "expected HOST:PORT (e.g. 0.0.0.0:5683), got \"" + std::string(text) + "\"";
    return out;
  }
  const std::optional<uint64_t> port = parse_decimal(*authority.port, 65535);
  if (!port) {
    out.error = "the port must be a number from 0 to 65535";
    return out;
  }
  out.value = HostPort{std::string(authority.host), static_cast<uint16_t>(*port)};
  return out;
}

std::optional<IpEndpoint> endpoint_from_sockaddr(const sockaddr* address, socklen_t length) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (address->sa_family == AF_INET && length >= static_cast<socklen_t>(sizeof(sockaddr_in))) {
    sockaddr_in in{};
    std::memcpy(&in, address, sizeof in);
    if (inet_ntop(AF_INET, &in.sin_addr, text.data(), text.size()) == nullptr) return std::nullopt;
    return IpEndpoint{text.data(), ntohs(in.sin_port), false};
  }
  if (address->sa_family == AF_INET6 && length >= static_cast<socklen_t>(sizeof(sockaddr_in6))) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, address, sizeof in6);
    if (inet_ntop(AF_INET6, &in6.sin6_addr, text.data(), text.size()) == nullptr) {
      return std::nullopt;
    }
    return IpEndpoint{text.data(), ntohs(in6.sin6_port), true};
  }
  return std::nullopt;
}

SocketAddress to_sockaddr(const IpEndpoint& endpoint) {
  SocketAddress out;
  if (endpoint.ipv6) {
    sockaddr_in6 in6{};
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(endpoint.port);
    if (inet_pton(AF_INET6, endpoint.host.c_str(), &in6.sin6_addr) != 1) return out;
    std::memcpy(&out.storage, &in6, sizeof in6);
    out.length = sizeof in6;
  } else {
    sockaddr_in in{};
    in.sin_family = AF_INET;
    in.sin_port = htons(endpoint.port);
    if (inet_pton(AF_INET, endpoint.host.c_str(), &in.sin_addr) != 1) return out;
    std::memcpy(&out.storage, &in, sizeof in);
    out.length = sizeof in;
  }
  return out;
}

}  // namespace tc::gw
