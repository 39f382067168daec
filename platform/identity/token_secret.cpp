#include "identity/token_secret.hpp"

#include <algorithm>

#include "host_digest.hpp"

namespace tc::platform {
namespace {

constexpr std::string_view kTokenPrefix = "tcp_";
constexpr std::size_t kTokenRandomBytes = 32;

}  // namespace

std::string new_token_secret() {
  return std::string(kTokenPrefix) + crypto::random_hex(kTokenRandomBytes);
}

bool looks_like_token(std::string_view secret) {
  if (!secret.starts_with(kTokenPrefix)) return false;
  const std::string_view digits = secret.substr(kTokenPrefix.size());
  return digits.size() == kTokenRandomBytes * 2 && std::ranges::all_of(digits, [](char ch) {
           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
         });
}

std::string token_hash(std::string_view secret) {
  return crypto::sha256_hex(secret);
}

}  // namespace tc::platform
