// ports/crypto/host_digest: SHA-256 as hex against FIPS 180-2's known answers, and random hex of
// the asked length that differs between calls.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "host_digest.hpp"

namespace tc::crypto {
namespace {

TEST(HostDigest, Sha256HexMatchesKnownAnswers) {
  EXPECT_EQ(sha256_hex(std::string_view("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256_hex(std::string_view("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  const std::vector<uint8_t> bytes{'a', 'b', 'c'};
  EXPECT_EQ(sha256_hex(bytes), sha256_hex(std::string_view("abc")));
}

TEST(HostDigest, RandomHexHasTheLengthAndVaries) {
  const std::string a = random_hex(32);
  const std::string b = random_hex(32);
  EXPECT_EQ(a.size(), 64u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
  EXPECT_EQ(random_hex(0), "");
}

}  // namespace
}  // namespace tc::crypto
