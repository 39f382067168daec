// Firmware self-test: the crypto port on the target (FirmwareCrypto: mbedTLS built from Debian's
// source package, the firmware's configuration and arena) against Wycheproof's ECDSA P-256 /
// SHA-256 vectors in P1363 form (ecdsa_vectors.hpp, generated at build time). Verdict: every
// "valid" vector verifies and no "invalid" one does (a wrong size or key is a refusal too).
#include "console.hpp"
#include "ecdsa_vectors.hpp"
#include "firmware_crypto.hpp"
#include "firmware_main.hpp"
#include "self_test.hpp"

namespace {

using namespace tc;
using namespace tc::cortex_m;

// Static: the port holds its 3 KiB arena.
FirmwareCrypto port;

struct Tally {
  uint32_t valid = 0;    // "valid" vectors run
  uint32_t invalid = 0;  // "invalid" vectors run
  uint32_t wrong = 0;    // verdicts against Wycheproof's
};

void check(const firmware_test::EcdsaVector& v, Tally& tally) {
  const crypto::Verdict got =
      port.verify(crypto::Algorithm::es256, v.public_key, v.message, v.signature);
  ++(v.valid ? tally.valid : tally.invalid);
  if ((got == crypto::Verdict::valid) == v.valid) return;
  ++tally.wrong;
  firmware_test::fail_values("wycheproof ecdsa p1363", "tcId", v.tc_id, v.tc_id);
  console::print("  verdict: ");
  console::line(crypto::describe(got));
}

}  // namespace

extern "C" int tc_firmware_main() {
  firmware_test::begin("selftest_es256");
  Tally tally;
  for (std::size_t i = 0; i < firmware_test::kEcdsaVectorCount; ++i)
    check(firmware_test::kEcdsaVectors[i], tally);
  console::print("wycheproof ecdsa secp256r1 sha256 p1363: ");
  console::print_dec(tally.valid);
  console::print(" valid and ");
  console::print_dec(tally.invalid);
  console::print(" invalid vectors of ");
  console::print_dec(firmware_test::kEcdsaVectorsInFile);
  console::print(", ");
  console::print_dec(tally.wrong);
  console::line(" verdicts wrong");
  console::print("crypto arena high-water ");
  console::print_dec(port.figures().arena_high_water);
  console::print(" of ");
  console::print_dec(kCryptoArenaBytes);
  console::line(" B");
  firmware_test::expect(tally.valid > 0 && tally.invalid > 0, "both kinds of vector ran");
  firmware_test::expect(tally.wrong == 0, "every verdict is Wycheproof's");
  return firmware_test::end();
}
