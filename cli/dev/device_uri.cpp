#include "dev/device_uri.hpp"

#include <charconv>

namespace tc::dev {

std::string DeviceUri::display() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

namespace {

UriResult fail(std::string_view text, const std::string& why) {
  return {std::nullopt, "bad device URI '" + std::string(text) + "': " + why +
                            " (expected coap://HOST[:PORT], e.g. coap://127.0.0.1:5683)"};
}

bool host_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_';
}

}  // namespace

UriResult parse_device_uri(std::string_view text) {
  constexpr std::string_view kScheme = "coap://";
  if (text.starts_with("coaps://")) return fail(text, "coaps (DTLS) is not supported yet");
  if (!text.starts_with(kScheme)) return fail(text, "the scheme must be coap://");
  std::string_view rest = text.substr(kScheme.size());
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest.find_first_of("/?#") != std::string_view::npos)
    return fail(text, "a path or query is not allowed");
  if (rest.find('@') != std::string_view::npos)
    return fail(text, "user information is not allowed");
  DeviceUri uri;
  std::string_view port_text;
  bool has_port = false;
  if (rest.starts_with('[')) {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return fail(text, "unclosed '[' in the host");
    uri.host = std::string(rest.substr(1, close - 1));
    for (char c : uri.host) {
      if (!(host_char(c) || c == ':' || c == '%'))
        return fail(text, "bad character in the IPv6 address");
    }
    rest.remove_prefix(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return fail(text, "unexpected text after the host");
      port_text = rest.substr(1);
      has_port = true;
    }
  } else {
    const std::size_t colon = rest.find(':');
    uri.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) {
      port_text = rest.substr(colon + 1);
      has_port = true;
    }
    for (char c : uri.host) {
      if (!host_char(c)) return fail(text, "bad character in the host");
    }
  }
  if (uri.host.empty()) return fail(text, "the host is missing");
  if (has_port) {
    unsigned value = 0;
    const auto [end, ec] =
        std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
    if (port_text.empty() || ec != std::errc{} || end != port_text.data() + port_text.size() ||
        value == 0 || value > 65535) {
      return fail(text, "the port must be a number from 1 to 65535");
    }
    uri.port = static_cast<uint16_t>(value);
  }
  return {uri, {}};
}

}  // namespace tc::dev
