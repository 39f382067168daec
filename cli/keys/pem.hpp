// PEM armor (RFC 7468): a label and base64 DER between BEGIN and END lines. Internal to cli/keys.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "keys/secret.hpp"

namespace tc::keys::detail {

struct PemBlock {
  std::string label;
  SecretBytes der;  // may be a private key
};

// 64-character lines, as OpenSSL and mbedTLS write them.
std::string pem_encode(std::string_view label, std::span<const uint8_t> der);

// The single block of `text` whose label is one of `accepted`. Text outside the blocks is ignored
// (RFC 7468 allows explanatory text; the SUIT draft's public_key.pem has some) and so are blocks
// with other labels (OpenSSL puts "EC PARAMETERS" before "EC PRIVATE KEY"). KeyError when there is
// no block, no accepted one, more than one, a block without its END line, a header (encrypted
// PEM) or broken base64.
PemBlock pem_decode(std::string_view text, std::span<const std::string_view> accepted);

}  // namespace tc::keys::detail
