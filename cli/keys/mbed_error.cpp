#include "keys/mbed_error.hpp"

#include <mbedtls/error.h>

#include <array>
#include <string>

#include "keys/keys.hpp"

namespace tc::keys::detail {

void check_mbed(int ret, const char* what) {
  if (ret == 0) return;
  std::array<char, 160> text{};
  mbedtls_strerror(ret, text.data(), text.size());
  throw KeyError(std::string(what) + " (mbedTLS: " + text.data() + ")");
}

}  // namespace tc::keys::detail
