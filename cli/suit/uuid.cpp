// UUIDs for the SUIT vendor and class identifiers (envelope_builder.hpp): text form, and the
// name-based version 5 RFC 9124 recommends (SHA-1 from mbedTLS).
#include <mbedtls/sha1.h>

#include <algorithm>
#include <array>
#include <string>

#include "suit/envelope_builder.hpp"

namespace tc::suit_host {
namespace {

constexpr char kDigits[] = "0123456789abcdef";
// Where the dashes go in the 36-character text form (8-4-4-4-12).
constexpr std::array<std::size_t, 4> kDashes = {8, 13, 18, 23};

bool is_dash_position(std::size_t i) {
  for (const std::size_t d : kDashes) {
    if (d == i) return true;
  }
  return false;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 9562 section 5.5: NAMESPACE_DNS.
constexpr Uuid kNamespaceDns = {0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1,
                                0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8};

}  // namespace

Uuid parse_uuid(const std::string& text) {
  if (text.size() != 36) throw EnvelopeError("UUID '" + text + "': expected 36 characters");
  Uuid out{};
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_dash_position(i)) {
      if (text[i] != '-')
        throw EnvelopeError("UUID '" + text + "': expected '-' at " + std::to_string(i));
      continue;
    }
    const int high = hex_value(text[i]);
    const int low = hex_value(text[++i]);
    if (high < 0 || low < 0) throw EnvelopeError("UUID '" + text + "': not a hex digit");
    out[n++] = static_cast<uint8_t>(high * 16 + low);
  }
  return out;
}

std::string format_uuid(std::span<const uint8_t, suit::kUuidSize> uuid) {
  std::string out;
  for (std::size_t i = 0; i < uuid.size(); ++i) {
    if (is_dash_position(out.size())) out.push_back('-');
    out.push_back(kDigits[uuid[i] >> 4]);
    out.push_back(kDigits[uuid[i] & 0xf]);
  }
  return out;
}

Uuid uuid_v5(const Uuid& name_space, const std::string& name) {
  std::array<uint8_t, 20> hash{};
  mbedtls_sha1_context ctx;
  mbedtls_sha1_init(&ctx);
  int rc = mbedtls_sha1_starts_ret(&ctx);
  if (rc == 0) rc = mbedtls_sha1_update_ret(&ctx, name_space.data(), name_space.size());
  if (rc == 0) {
    rc = mbedtls_sha1_update_ret(&ctx, reinterpret_cast<const unsigned char*>(name.data()),
                                 name.size());
  }
  if (rc == 0) rc = mbedtls_sha1_finish_ret(&ctx, hash.data());
  mbedtls_sha1_free(&ctx);
  if (rc != 0) throw EnvelopeError("SHA-1 failed");
  Uuid out{};
  std::copy_n(hash.begin(), out.size(), out.begin());
  out[6] = static_cast<uint8_t>((out[6] & 0x0f) | 0x50);  // version 5
  out[8] = static_cast<uint8_t>((out[8] & 0x3f) | 0x80);  // RFC 9562 variant
  return out;
}

Uuid default_vendor_id() {
  return uuid_v5(kNamespaceDns, "tinycontainer.dev");
}

Uuid default_class_id(const Uuid& vendor, const std::string& board_name) {
  return uuid_v5(vendor, board_name);
}

}  // namespace tc::suit_host
