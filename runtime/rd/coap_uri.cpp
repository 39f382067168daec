#include "rd/coap_uri.hpp"

#include <algorithm>
#include <span>

namespace tc::rd {
namespace {

constexpr std::string_view kScheme = "coap://";
constexpr std::string_view kSecureScheme = "coaps://";

Status bad(const char* why) {
  return {StatusCode::invalid_argument, why};
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool starts_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_nocase(text.substr(0, prefix.size()), prefix);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one path segment or query parameter into `out`.
Result<std::span<const uint8_t>> decode(std::string_view text,
                                        std::array<uint8_t, kMaxUriSegment>& out) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (n == out.size()) return bad("a URI path segment or query is longer than 255 bytes");
    if (text[i] != '%') {
      out[n++] = static_cast<uint8_t>(text[i]);
      continue;
    }
    const int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
    const int low = high >= 0 ? hex_digit(text[i + 2]) : -1;
    if (low < 0) return bad("a '%' in the URI is not followed by two hex digits");
    out[n++] = static_cast<uint8_t>(high * 16 + low);
    i += 2;
  }
  return std::span<const uint8_t>(out.data(), n);
}

// Calls `each` with every segment of `path` ("/a/b" -> "a", "b"; "/a/" -> "a", ""); "" and "/"
// have none (RFC 7252 6.4 step 8). Stops at the first error.
template <typename Each>
Status for_each_segment(std::string_view path, Each each) {
  if (path.empty() || path == "/") return Status::Ok();
  path.remove_prefix(1);
  for (;;) {
    const std::size_t slash = path.find('/');
    if (Status st = each(path.substr(0, slash)); !st.ok()) return st;
    if (slash == std::string_view::npos) return Status::Ok();
    path.remove_prefix(slash + 1);
  }
}

template <typename Each>
Status for_each_parameter(std::string_view query, Each each) {
  if (query.empty()) return Status::Ok();
  for (;;) {
    const std::size_t amp = query.find('&');
    if (Status st = each(query.substr(0, amp)); !st.ok()) return st;
    if (amp == std::string_view::npos) return Status::Ok();
    query.remove_prefix(amp + 1);
  }
}

Result<uint16_t> parse_port(std::string_view text) {
  if (text.empty()) return kCoapDefaultPort;  // "coap://host:/x": RFC 3986 3.2.3, the default
  uint32_t port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || port > 65535) return bad("the URI's port is not a number");
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) return bad("the URI's port is out of range");
  return static_cast<uint16_t>(port);
}

// Decodes every segment and parameter once, so that a bad URI fails before anything is sent.
Status check_encoding(const CoapUri& uri) {
  std::array<uint8_t, kMaxUriSegment> scratch{};
  Status st = for_each_segment(uri.path, [&](std::string_view segment) {
    if (segment == "." || segment == "..")
      return bad("dot segments in a coap:// URI are not supported");
    const Result<std::span<const uint8_t>> d = decode(segment, scratch);
    return d.ok() ? Status::Ok() : d.status();
  });
  if (!st.ok()) return st;
  return for_each_parameter(uri.query, [&](std::string_view parameter) {
    const Result<std::span<const uint8_t>> d = decode(parameter, scratch);
    return d.ok() ? Status::Ok() : d.status();
  });
}

}  // namespace

bool equals_nocase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::optional<Ipv4> parse_ipv4(std::string_view text) {
  Ipv4 out{};
  for (std::size_t part = 0; part < out.size(); ++part) {
    if (part != 0) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
    std::size_t digits = 0;
    uint32_t value = 0;
    while (digits < text.size() && digits < 4 && text[digits] >= '0' && text[digits] <= '9')
      value = value * 10 + static_cast<uint32_t>(text[digits++] - '0');
    // "01" is refused like inet_pton refuses it: some parsers read it as octal.
    if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text[0] == '0'))
      return std::nullopt;
    out[part] = static_cast<uint8_t>(value);
    text.remove_prefix(digits);
  }
  if (!text.empty()) return std::nullopt;
  return out;
}

Status parse_coap_uri(std::string_view uri, CoapUri& out) {
  out = CoapUri{};
  if (starts_nocase(uri, kSecureScheme))
    return bad("coaps:// (DTLS) is not supported: only coap:// URIs are");
  if (!starts_nocase(uri, kScheme)) return bad("only coap:// URIs are supported");
  std::string_view rest = uri.substr(kScheme.size());
  if (rest.find('#') != std::string_view::npos)
    return bad("a coap:// URI cannot have a fragment (RFC 7252 6.4)");
  const std::size_t authority_end = std::min(rest.find_first_of("/?"), rest.size());
  const std::string_view authority = rest.substr(0, authority_end);
  rest.remove_prefix(authority_end);
  if (authority.find('@') != std::string_view::npos)
    return bad("user information in a coap:// URI is not supported");
  if (authority.starts_with('['))
    return bad("IPv6 hosts are not supported: the device is IPv4 only");
  const std::size_t colon = authority.rfind(':');
  out.host = authority.substr(0, colon);
  if (out.host.empty()) return bad("the coap:// URI has no host");
  if (colon != std::string_view::npos) {
    const Result<uint16_t> port = parse_port(authority.substr(colon + 1));
    if (!port.ok()) return port.status();
    out.port = *port;
    out.explicit_port = colon + 1 < authority.size();
  }
  out.ipv4 = parse_ipv4(out.host);
  const std::size_t question = rest.find('?');
  out.path = rest.substr(0, question);
  out.query = question == std::string_view::npos ? std::string_view{} : rest.substr(question + 1);
  return check_encoding(out);
}

Status add_request_options(coap::MessageBuilder& builder, const CoapUri& uri) {
  std::array<uint8_t, kMaxUriSegment> scratch{};
  const Status st = for_each_segment(uri.path, [&](std::string_view segment) {
    const Result<std::span<const uint8_t>> d = decode(segment, scratch);
    if (d.ok()) builder.option(coap::OptionNumber::uri_path, *d);
    return d.ok() ? Status::Ok() : d.status();
  });
  if (!st.ok()) return st;
  return for_each_parameter(uri.query, [&](std::string_view parameter) {
    const Result<std::span<const uint8_t>> d = decode(parameter, scratch);
    if (d.ok()) builder.option(coap::OptionNumber::uri_query, *d);
    return d.ok() ? Status::Ok() : d.status();
  });
}

}  // namespace tc::rd
