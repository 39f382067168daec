#include "coap/discovery.hpp"

#include "coap/link_format.hpp"
#include "core/text.hpp"

namespace tc::coap {
namespace {

// RFC 6690 4.1: a value ending in '*' matches by prefix.
bool value_matches(std::string_view attribute, std::string_view pattern) {
  if (!pattern.empty() && pattern.back() == '*') {
    pattern.remove_suffix(1);
    return attribute.substr(0, pattern.size()) == pattern;
  }
  return attribute == pattern;
}

// rt and if hold space-separated lists: one matching token is enough.
bool any_token_matches(std::string_view list, std::string_view pattern) {
  while (!list.empty()) {
    const std::size_t space = list.find(' ');
    if (value_matches(list.substr(0, space), pattern)) return true;
    if (space == std::string_view::npos) break;
    list.remove_prefix(space + 1);
  }
  return false;
}

bool number_matches(std::optional<uint32_t> value, std::string_view pattern) {
  if (!value) return false;
  char digits[kMaxDecimalDigits];
  return value_matches(std::string_view(digits, to_decimal(*value, digits)), pattern);
}

std::optional<uint32_t> widen(std::optional<uint16_t> value) {
  if (!value) return std::nullopt;
  return *value;
}

}  // namespace

LinkFilter link_filter(const Message& request) {
  const Option* query = request.find(OptionNumber::uri_query);
  if (query == nullptr) return {};
  const std::string_view text = query->text();
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) return {text, {}};
  return {text.substr(0, eq), text.substr(eq + 1)};
}

bool link_matches(const Resource& resource, const LinkFilter& filter) {
  const std::string_view name = filter.name;
  if (name.empty()) return true;
  if (name == "href") return value_matches(resource.path, filter.value);
  if (name == "rt") return any_token_matches(resource.rt, filter.value);
  if (name == "if") return any_token_matches(resource.if_, filter.value);
  if (name == "ct") return number_matches(widen(resource.ct), filter.value);
  if (name == "sz") return number_matches(resource.sz, filter.value);
  if (name == "obs") return resource.observable;
  return false;  // an attribute the device never emits matches nothing
}

std::size_t write_discovery(std::span<const Resource> resources, const LinkFilter& filter,
                            PayloadWriter& out) {
  std::size_t matched = 0;
  for (const Resource& r : resources) {
    if (r.handler == nullptr || r.hidden || !link_matches(r, filter)) continue;
    // One link at a time through the bounded writer; a link too long for it is left out.
    char text[192];
    LinkFormatWriter w(text);
    if (!w.add({.path = r.path,
                .rt = r.rt,
                .if_ = r.if_,
                .ct = r.ct,
                .sz = r.sz,
                .obs = r.observable})
             .ok()) {
      continue;
    }
    if (matched++ > 0) out.append(",");
    out.append(w.text());
  }
  return matched;
}

}  // namespace tc::coap
