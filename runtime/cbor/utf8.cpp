#include "cbor/utf8.hpp"

namespace tc::cbor {
namespace {

// Length of the sequence a lead byte starts, and the allowed range of its second byte, which is
// where table 3-7 excludes overlong forms, surrogates and code points above U+10FFFF. Zero for a
// byte that cannot start a sequence.
struct Lead {
  uint8_t length = 0;
  uint8_t low = 0x80;
  uint8_t high = 0xbf;
};

Lead classify(uint8_t c) {
  if (c >= 0xc2 && c <= 0xdf) return {2, 0x80, 0xbf};
  if (c == 0xe0) return {3, 0xa0, 0xbf};
  if (c == 0xed) return {3, 0x80, 0x9f};
  if (c >= 0xe1 && c <= 0xef) return {3, 0x80, 0xbf};
  if (c == 0xf0) return {4, 0x90, 0xbf};
  if (c >= 0xf1 && c <= 0xf3) return {4, 0x80, 0xbf};
  if (c == 0xf4) return {4, 0x80, 0x8f};
  return {};
}

}  // namespace

bool valid_utf8(std::span<const uint8_t> text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] < 0x80) {
      ++i;
      continue;
    }
    const Lead lead = classify(text[i]);
    if (lead.length == 0 || text.size() - i < lead.length) return false;
    if (text[i + 1] < lead.low || text[i + 1] > lead.high) return false;
    for (std::size_t k = 2; k < lead.length; ++k) {
      if ((text[i + k] & 0xc0) != 0x80) return false;
    }
    i += lead.length;
  }
  return true;
}

}  // namespace tc::cbor
