#include "coap/uri.hpp"

namespace tc::coap {
namespace {

// RFC 3986 pchar minus pct-encoded: unreserved, sub-delims, ':' and '@' go out literally.
bool is_pchar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  for (char allowed : std::string_view("-._~!$&'()*+,;=:@")) {
    if (c == allowed) return true;
  }
  return false;
}

class Appender {
 public:
  explicit Appender(std::span<char> out) : out_(out) {}
  void put(char c) {
    if (at_ < out_.size()) out_[at_] = c;
    ++at_;
  }
  void put_encoded(char c) {
    constexpr char kHex[] = "0123456789ABCDEF";
    if (is_pchar(c)) return put(c);
    const auto byte = static_cast<uint8_t>(c);
    put('%');
    put(kHex[byte >> 4]);
    put(kHex[byte & 0xf]);
  }
  [[nodiscard]] bool fits() const { return at_ <= out_.size(); }
  [[nodiscard]] std::string_view view() const { return {out_.data(), at_}; }

 private:
  std::span<char> out_;
  std::size_t at_ = 0;
};

}  // namespace

bool path_equals(const Message& message, std::string_view path) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  const OptionRange segments = message.all(OptionNumber::uri_path);
  auto it = segments.begin();
  if (path.empty()) return it == segments.end();
  // A non-empty path has one segment more than it has '/' ("a/" is "a" then "").
  for (;;) {
    const std::size_t slash = path.find('/');
    if (it == segments.end() || it->text() != path.substr(0, slash)) return false;
    ++it;
    if (slash == std::string_view::npos) return it == segments.end();
    path.remove_prefix(slash + 1);
  }
}

Result<std::string_view> join_path(const Message& message, std::span<char> out) {
  Appender a(out);
  bool any = false;
  for (const Option& segment : message.all(OptionNumber::uri_path)) {
    a.put('/');
    for (char c : segment.text())
      a.put_encoded(c);
    any = true;
  }
  if (!any) a.put('/');
  if (!a.fits()) return Status(StatusCode::out_of_range, "path does not fit");
  return a.view();
}

Result<std::string_view> query_value(const Message& message, std::string_view key) {
  for (const Option& query : message.all(OptionNumber::uri_query)) {
    const std::string_view text = query.text();
    if (text == key) return std::string_view{};
    if (text.size() > key.size() && text.substr(0, key.size()) == key && text[key.size()] == '=') {
      return text.substr(key.size() + 1);
    }
  }
  return Status(StatusCode::not_found, "query parameter absent");
}

}  // namespace tc::coap
