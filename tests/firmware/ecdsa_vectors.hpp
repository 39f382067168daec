// Wycheproof's ECDSA P-256 / SHA-256 vectors in P1363 form (r || s), the ES256 self-test runs
// through the firmware's crypto port. The table is generated at build time
// (generate_ecdsa_vectors.cmake) from ../shared/vectors/crypto, possibly a regular subset of the
// file, and lives in flash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tc::firmware_test {

struct EcdsaVector {
  uint32_t tc_id;                       // Wycheproof's test id
  std::span<const uint8_t> public_key;  // SEC1 uncompressed
  std::span<const uint8_t> message;
  std::span<const uint8_t> signature;
  bool valid;  // Wycheproof's "valid"; otherwise "invalid"
};

extern const EcdsaVector kEcdsaVectors[];
extern const std::size_t kEcdsaVectorCount;
extern const std::size_t kEcdsaVectorsInFile;  // the file's numberOfTests

}  // namespace tc::firmware_test
