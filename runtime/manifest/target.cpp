#include "manifest/target.hpp"

namespace tc::manifest {
namespace {

constexpr bool is_lower_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

// Host: letters, digits, '.', '-' (a DNS name or IPv4 address), or a bracketed IPv6 literal;
// then an optional ":port" of 1..5 digits.
bool is_authority(std::string_view text) {
  std::size_t i = 0;
  if (!text.empty() && text[0] == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close < 3) return false;
    for (i = 1; i < close; ++i) {
      const char c = text[i];
      const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex && c != ':' && c != '.') return false;
    }
    i = close + 1;
  } else {
    for (; i < text.size() && text[i] != ':'; ++i) {
      const char c = text[i];
      const bool ok = is_lower_alnum(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '-';
      if (!ok) return false;
    }
    if (i == 0) return false;
  }
  if (i == text.size()) return true;
  if (text[i] != ':') return false;
  const std::string_view port = text.substr(i + 1);
  if (port.empty() || port.size() > 5) return false;
  uint32_t number = 0;
  for (const char c : port) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + static_cast<uint32_t>(c - '0');
  }
  return number <= 65535;
}

// Printable ASCII without space and the characters URIs never carry unescaped.
bool is_uri_path(std::string_view text) {
  for (const char c : text) {
    if (c <= ' ' || c > '~' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' ||
        c == '`' || c == '{' || c == '}' || c == '|' || c == '#') {
      return false;
    }
  }
  return true;
}

bool is_remote(std::string_view target) {
  constexpr std::string_view kSchemes[] = {"coap://", "coaps://", "http://", "https://"};
  for (const std::string_view scheme : kSchemes) {
    if (!starts_with(target, scheme)) continue;
    const std::string_view rest = target.substr(scheme.size());
    const std::size_t slash = rest.find('/');
    const std::string_view authority = rest.substr(0, slash);
    const std::string_view path = slash == std::string_view::npos ? "" : rest.substr(slash);
    return is_authority(authority) && is_uri_path(path);
  }
  return false;
}

}  // namespace

bool is_segment(std::string_view text) {
  if (text.empty()) return false;
  for (const char c : text) {
    if (!is_lower_alnum(c) && c != '-' && c != '_') return false;
  }
  return true;
}

bool resource_kind(std::string_view target, ResourceKind& kind) {
  const std::size_t slash = target.find('/');
  if (slash == std::string_view::npos || !is_segment(target.substr(slash + 1))) return false;
  const std::string_view prefix = target.substr(0, slash);
  for (std::size_t k = 1; k < sizeof kResourceKindNames / sizeof kResourceKindNames[0]; ++k) {
    if (prefix == kResourceKindNames[k]) {
      kind = static_cast<ResourceKind>(k);
      return true;
    }
  }
  return false;
}

bool classify_target(std::string_view target, TargetKind& kind) {
  ResourceKind resource{};
  if (resource_kind(target, resource)) {
    kind = TargetKind::resource;
    return true;
  }
  if (starts_with(target, "channel/") && is_segment(target.substr(8))) {
    kind = TargetKind::channel;
    return true;
  }
  if (is_remote(target)) {
    kind = TargetKind::remote;
    return true;
  }
  return false;
}

}  // namespace tc::manifest
