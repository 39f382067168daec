// Bounded text building without printf (which costs kilobytes of flash on a microcontroller).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tc {

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
    char digits[20];
    std::size_t n = 0;
    do {
      digits[n++] = static_cast<char>('0' + value % 10);
      value /= 10;
    } while (value != 0);
    while (n > 0)
      put(digits[--n]);
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
