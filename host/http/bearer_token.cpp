#include "http/bearer_token.hpp"

#include <strings.h>

namespace tc::http {
namespace {

constexpr std::string_view kBearer = "Bearer ";

}  // namespace

std::string_view bearer_token(std::string_view authorization) {
  if (authorization.size() <= kBearer.size() ||
      strncasecmp(authorization.data(), kBearer.data(), kBearer.size()) != 0) {
    return {};
  }
  return authorization.substr(kBearer.size());
}

}  // namespace tc::http
