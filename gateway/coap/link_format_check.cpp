#include "coap/link_format_check.hpp"

#include <cstdint>

namespace tc::gw {
namespace {

bool is_alpha_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// RFC 3986 unreserved / reserved characters ('%' is checked separately as pct-encoded).
bool is_uri_char(char c) {
  if (is_alpha_digit(c)) return true;
  switch (c) {
    case '-':
    case '.':
    case '_':
    case '~':  // unreserved
    case ':':
    case '/':
    case '?':
    case '#':
    case '[':
    case ']':
    case '@':  // gen-delims
    case '!':
    case '$':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':  // sub-delims
    case '+':
    case ',':
    case ';':
    case '=':
      return true;
    default:
      return false;
  }
}

// RFC 5987 attr-char, the characters of a parmname.
bool is_parmname_char(char c) {
  if (is_alpha_digit(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '&':
    case '+':
    case '-':
    case '.':
    case '^':
    case '_':
    case '`':
    case '|':
    case '~':
      return true;
    default:
      return false;
  }
}

// RFC 6690 ptokenchar.
bool is_ptoken_char(char c) {
  if (is_alpha_digit(c)) return true;
  switch (c) {
    case '!':
    case '#':
    case '$':
    case '%':
    case '&':
    case '\'':
    case '(':
    case ')':
    case '*':
    case '+':
    case '-':
    case '.':
    case '/':
    case ':':
    case '<':
    case '=':
    case '>':
    case '?':
    case '@':
    case '[':
    case ']':
    case '^':
    case '_':
    case '`':
    case '{':
    case '|':
    case '}':
    case '~':
      return true;
    default:
      return false;
  }
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Inside a quoted string: any byte but '"', '\' and the ASCII controls (UTF-8 passes).
bool is_qdtext(char c) {
  const auto byte = static_cast<uint8_t>(c);
  return byte != '"' && byte != '\\' && byte >= 0x20 && byte != 0x7f;
}

class Checker {
 public:
  Checker(std::string_view text, const LinkFormatLimits& limits) : text_(text), limits_(limits) {}

  LinkFormatCheck run() {
    if (text_.size() > limits_.max_bytes) {
      return fail_text("the link format is " + std::to_string(text_.size()) +
                       " bytes, more than the limit of " + std::to_string(limits_.max_bytes));
    }
    while (pos_ < text_.size()) {
      if (links_ > 0) {
        if (!expect(',', "expected ',' between links")) return result_;
        while (pos_ < text_.size() && is_space(text_[pos_]))
          ++pos_;
      }
      if (links_ == limits_.max_links) {
        return fail_text("more than " + std::to_string(limits_.max_links) + " links");
      }
      if (!link_value()) return result_;
      ++links_;
    }
    result_.ok = true;
    result_.links = links_;
    return result_;
  }

 private:
  bool link_value() {
    if (!expect('<', "expected '<' to start a link")) return false;
    if (!uri_reference()) return false;
    if (!expect('>', "expected '>' to close the link's URI")) return false;
    std::size_t params = 0;
    while (pos_ < text_.size() && text_[pos_] == ';') {
      ++pos_;
      if (++params > limits_.max_params_per_link) {
        return fail("more than " + std::to_string(limits_.max_params_per_link) +
                    " parameters on one link");
      }
      if (!link_param()) return false;
    }
    return true;
  }

  bool uri_reference() {
    while (pos_ < text_.size() && text_[pos_] != '>') {
      const char c = text_[pos_];
      if (c == '%') {
        if (pos_ + 2 >= text_.size() || !is_hex(text_[pos_ + 1]) || !is_hex(text_[pos_ + 2])) {
          return fail("'%' in a URI must be followed by two hex digits");
        }
        pos_ += 3;
        continue;
      }
      if (!is_uri_char(c)) return fail("character not allowed in a URI");
      ++pos_;
    }
    return true;
  }

  bool link_param() {
    const std::size_t start = pos_;
    while (pos_ < text_.size() && is_parmname_char(text_[pos_]))
      ++pos_;
    if (pos_ == start) return fail("expected a parameter name after ';'");
    if (pos_ < text_.size() && text_[pos_] == '*') ++pos_;        // RFC 8288 ext-name-star
    if (pos_ >= text_.size() || text_[pos_] != '=') return true;  // a flag such as "obs"
    ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '"') return quoted_string();
    const std::size_t value = pos_;
    while (pos_ < text_.size() && is_ptoken_char(text_[pos_]))
      ++pos_;
    if (pos_ == value) return fail("expected a value after '='");
    return true;
  }

  bool quoted_string() {
    ++pos_;  // the opening '"'
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        if (pos_ + 1 >= text_.size() || static_cast<uint8_t>(text_[pos_ + 1]) < 0x20 ||
            static_cast<uint8_t>(text_[pos_ + 1]) == 0x7f) {
          return fail("'\\' in a quoted string must escape a printable character");
        }
        pos_ += 2;
        continue;
      }
      if (!is_qdtext(c)) return fail("control character in a quoted string");
      ++pos_;
    }
    return fail("a quoted string is not closed");
  }

  bool expect(char c, const char* what) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return fail(what);
  }

  bool fail(const std::string& what) {
    result_.error = "byte " + std::to_string(pos_) + ": " + what;
    return false;
  }

  LinkFormatCheck fail_text(std::string what) {
    result_.error = std::move(what);
    return result_;
  }

  std::string_view text_;
  const LinkFormatLimits& limits_;
  std::size_t pos_ = 0;
  std::size_t links_ = 0;
  LinkFormatCheck result_;
};

}  // namespace

LinkFormatCheck check_link_format(std::string_view text, const LinkFormatLimits& limits) {
  return Checker(text, limits).run();
}

}  // namespace tc::gw
