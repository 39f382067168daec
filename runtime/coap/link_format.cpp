#include "coap/link_format.hpp"

#include "core/text.hpp"

namespace tc::coap {
namespace {

// Appends to `out` from `at` without bounds trouble: counts past the end, writes only inside.
class Cursor {
 public:
  Cursor(std::span<char> out, std::size_t at) : out_(out), at_(at) {}
  void put(char c) {
    if (at_ < out_.size()) out_[at_] = c;
    ++at_;
  }
  void put(std::string_view text) {
    for (char c : text)
      put(c);
  }
  void put_number(uint32_t value) {
    char digits[kMaxDecimalDigits];
    put(std::string_view(digits, to_decimal(value, digits)));
  }
  // A quoted-string (RFC 2616 2.2 as RFC 6690 uses it): '"' and '\' are escaped.
  void put_quoted(std::string_view text) {
    put('"');
    for (char c : text) {
      if (c == '"' || c == '\\') put('\\');
      put(c);
    }
    put('"');
  }
  [[nodiscard]] std::size_t at() const { return at_; }

 private:
  std::span<char> out_;
  std::size_t at_;
};

bool valid_target(std::string_view path) {
  if (path.empty()) return false;
  for (char c : path) {
    if (c == '>' || static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

void write_link(Cursor& c, const Link& link, bool first) {
  if (!first) c.put(',');
  c.put('<');
  c.put(link.path);
  c.put('>');
  if (!link.rt.empty()) {
    c.put(";rt=");
    c.put_quoted(link.rt);
  }
  if (!link.if_.empty()) {
    c.put(";if=");
    c.put_quoted(link.if_);
  }
  if (link.ct) {
    c.put(";ct=");
    c.put_number(*link.ct);
  }
  if (link.sz) {
    c.put(";sz=");
    c.put_number(*link.sz);
  }
  if (link.obs) c.put(";obs");
}

}  // namespace

Status LinkFormatWriter::add(const Link& link) {
  if (!valid_target(link.path)) return Status(StatusCode::invalid_argument, "bad link target");
  const bool fitted_so_far = complete();
  Cursor c(out_, required_);
  write_link(c, link, links_ == 0);
  ++links_;
  required_ = c.at();
  if (fitted_so_far && required_ <= out_.size()) {
    written_ = required_;
    return Status::Ok();
  }
  return Status(StatusCode::out_of_range, "link-format document does not fit");
}

}  // namespace tc::coap
