// Bounded text building without printf (which costs kilobytes of flash on a microcontroller).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tc {

inline constexpr std::size_t kMaxDecimalDigits = 20;  // 2^64 - 1

// Writes `value` in decimal, most significant digit first; returns the number of digits.
inline std::size_t to_decimal(uint64_t value, char (&out)[kMaxDecimalDigits]) {
  char reversed[kMaxDecimalDigits];
  std::size_t n = 0;
  do {
    reversed[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  for (std::size_t i = 0; i < n; ++i)
    out[i] = reversed[n - 1 - i];
  return n;
}

// Appends into a fixed buffer, always NUL-terminated, silently truncating.
class TextBuilder {
 public:
  explicit TextBuilder(std::span<char> out) : out_(out) {
    if (!out_.empty()) out_[0] = '\0';
  }

  TextBuilder& append(const char* text) {
    while (*text != '\0')
      put(*text++);
    return *this;
  }

  TextBuilder& append(uint64_t value) {
    char digits[kMaxDecimalDigits];
    const std::size_t n = to_decimal(value, digits);
    for (std::size_t i = 0; i < n; ++i)
      put(digits[i]);
    return *this;
  }

  TextBuilder& append_char(char c) {
    put(c);
    return *this;
  }

  // Two lower-case hex digits.
  TextBuilder& append_hex(uint8_t byte) {
    constexpr char kHex[] = "0123456789abcdef";
    put(kHex[byte >> 4]);
    put(kHex[byte & 0xf]);
    return *this;
  }

  [[nodiscard]] const char* c_str() const { return out_.data(); }
  [[nodiscard]] std::size_t size() const { return length_; }
  // Whether some text did not fit and was dropped.
  [[nodiscard]] bool truncated() const { return truncated_; }

 private:
  void put(char c) {
    if (length_ + 1 >= out_.size()) {
      truncated_ = true;
      return;
    }
    out_[length_++] = c;
    out_[length_] = '\0';
  }

  std::span<char> out_;
  std::size_t length_ = 0;
  bool truncated_ = false;
};

}  // namespace tc
