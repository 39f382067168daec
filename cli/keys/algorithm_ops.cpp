#include "keys/algorithm_ops.hpp"

#include <algorithm>
#include <cctype>

#include "keys/keys.hpp"

namespace tc::keys {
namespace detail {

const AlgorithmOps& ops(crypto::Algorithm alg) {
  switch (alg) {
    case crypto::Algorithm::es256:
      return p256_ops();
    case crypto::Algorithm::eddsa:
      return ed25519_ops();
  }
  throw KeyError("unknown algorithm value " + std::to_string(static_cast<int>(alg)));
}

}  // namespace detail

crypto::Algorithm parse_algorithm(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "es256") return crypto::Algorithm::es256;
  if (lower == "eddsa") return crypto::Algorithm::eddsa;
  throw KeyError("unknown algorithm '" + name + "' (expected es256 or eddsa)");
}

const char* algorithm_name(crypto::Algorithm alg) {
  switch (alg) {
    case crypto::Algorithm::es256:
      return "es256";
    case crypto::Algorithm::eddsa:
      return "eddsa";
  }
  return "unknown";
}

}  // namespace tc::keys
