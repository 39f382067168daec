#include "crypto/crypto.hpp"

#include <cstring>

namespace tc::crypto {

const char* describe(Verdict verdict) {
  switch (verdict) {
    case Verdict::valid:
      return "valid signature";
    case Verdict::invalid:
      return "signature does not verify";
    case Verdict::bad_key:
      return "not a valid public key for the algorithm";
    case Verdict::bad_size:
      return "signature has the wrong size";
    case Verdict::unsupported:
      return "algorithm not supported by this build";
  }
  return "unknown verdict";
}

Status key_id(Crypto& crypto, Bytes public_key, std::span<uint8_t, kKeyIdSize> out) {
  const Bytes parts[] = {public_key};
  uint8_t digest[kSha256Size];
  Status status = crypto.sha256(parts, digest);
  if (status.ok()) std::memcpy(out.data(), digest, kKeyIdSize);
  return status;
}

}  // namespace tc::crypto
