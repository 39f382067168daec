// The host key tooling's refusals (each KeyError says what is wrong) and its key files:
// write_key_pair's modes and its refusal to overwrite.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <mbedtls/base64.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "crypto_test_support.hpp"
#include "keys/keys.hpp"

namespace tc::test {
namespace {

namespace fs = std::filesystem;
using crypto::Algorithm;
using keys::KeyError;
using keys::PrivateKey;

std::string pem(const std::string& label, const std::vector<uint8_t>& der) {
  std::string base64(4 * ((der.size() + 2) / 3) + 1, '\0');
  std::size_t size = 0;
  mbedtls_base64_encode(reinterpret_cast<unsigned char*>(base64.data()), base64.size(), &size,
                        der.data(), der.size());
  base64.resize(size);
  return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
}

// The KeyError message of `action`, or "" when it does not throw one.
template <typename Action>
std::string error_of(Action action) {
  try {
    action();
  } catch (const KeyError& error) {
    return error.what();
  }
  return "";
}

std::string private_error(const std::string& text) {
  return error_of([&] { (void)PrivateKey::from_pem(text); });
}
std::string public_error(const std::string& text) {
  return error_of([&] { (void)keys::public_key_from_pem(text); });
}

using ::testing::HasSubstr;

TEST(KeyErrors, NotPem) {
  EXPECT_THAT(private_error("hello, world\n"), HasSubstr("not a PEM file"));
  EXPECT_THAT(public_error(""), HasSubstr("not a PEM file"));
}

TEST(KeyErrors, WrongLabel) {
  const PrivateKey key = PrivateKey::generate(Algorithm::eddsa);
  EXPECT_THAT(private_error(key.public_key().pem()),
              HasSubstr("wrong PEM label 'PUBLIC KEY' (expected 'PRIVATE KEY' or "
                        "'EC PRIVATE KEY')"));
  EXPECT_THAT(public_error(key.pem()), HasSubstr("wrong PEM label 'PRIVATE KEY'"));
  EXPECT_THAT(private_error(pem("CERTIFICATE", {0x30, 0x00})), HasSubstr("'CERTIFICATE'"));
}

TEST(KeyErrors, TruncatedBase64) {
  const std::string text = PrivateKey::generate(Algorithm::es256).pem();
  const std::size_t last_line = text.rfind("\n-----END");
  std::string one_char_short = text;
  one_char_short.erase(last_line - 1, 1);
  EXPECT_THAT(private_error(one_char_short), HasSubstr("truncated or corrupt base64"));
  std::string corrupt = text;
  corrupt[last_line - 6] = '*';
  EXPECT_THAT(private_error(corrupt), HasSubstr("truncated or corrupt base64"));
  // A whole base64 quantum short is valid base64 but no longer a valid key.
  std::string quantum_short = text;
  quantum_short.erase(last_line - 8, 4);
  EXPECT_THAT(private_error(quantum_short), HasSubstr("malformed"));
}

TEST(KeyErrors, BrokenArmor) {
  const std::string text = PrivateKey::generate(Algorithm::eddsa).pem();
  EXPECT_THAT(private_error(text.substr(0, text.find("-----END"))), HasSubstr("no '-----END"));
  EXPECT_THAT(private_error("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"),
              HasSubstr("empty PEM block"));
  EXPECT_THAT(private_error("-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                            "-----END EC PRIVATE KEY-----\n"),
              HasSubstr("headers"));
  EXPECT_THAT(private_error(text + text), HasSubstr("more than one key"));
}

TEST(KeyErrors, TextAroundTheBlockAndOtherBlocksAreIgnored) {
  const PrivateKey key = PrivateKey::generate(Algorithm::es256);
  const std::string text =
      "a comment\n" + pem("EC PARAMETERS", from_hex("06082a8648ce3d030107")) + key.pem() + "~~~\n";
  EXPECT_EQ(PrivateKey::from_pem(text).public_key().raw, key.public_key().raw);
}

TEST(KeyErrors, UnsupportedKeyTypes) {
  // RFC 8410 X25519 private key, a P-384 SEC1 key (d = 0x0101...01, public point derived).
  EXPECT_THAT(private_error(pem("PRIVATE KEY", from_hex("302e020100300506032b656e04220420" +
                                                        std::string(64, '1')))),
              HasSubstr("unsupported key type: X25519"));
  EXPECT_THAT(private_error(pem("EC PRIVATE KEY", from_hex("303e0201010430" +
                                                           std::string(96, '0').replace(1, 1, "1") +
                                                           "a00706052b81040022"))),
              HasSubstr("P-256 key expected, got secp384r1"));
  EXPECT_THAT(public_error(pem("PUBLIC KEY", from_hex("300a300506032b656e030100"))),
              HasSubstr("unsupported key type: X25519"));
}

TEST(KeyErrors, InvalidKeys) {
  const std::string spki_prefix = "3059301306072a8648ce3d020106082a8648ce3d03010703420004";
  std::string point(128, '1');  // x = y = 0x1111...: not on P-256
  EXPECT_THAT(public_error(pem("PUBLIC KEY", from_hex(spki_prefix + point))),
              HasSubstr("malformed EC public key"));
  // The Ed25519 neutral element: small order.
  EXPECT_THAT(public_error(pem("PUBLIC KEY", from_hex("302a300506032b6570032100"
                                                      "01" +
                                                      std::string(62, '0')))),
              HasSubstr("not a valid Ed25519 public key"));
  EXPECT_THAT(private_error(pem("PRIVATE KEY", from_hex("302d020100300506032b657004210420" +
                                                        std::string(62, '1')))),
              HasSubstr("unsupported Ed25519 private key encoding"));
  EXPECT_THAT(private_error(pem("PRIVATE KEY", from_hex("3000"))), HasSubstr("malformed PKCS#8"));
}

class KeyFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "tc-keys-test-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  static unsigned mode_of(const fs::path& path) {
    struct stat info {};
    EXPECT_EQ(::stat(path.c_str(), &info), 0);
    return info.st_mode & 0777u;
  }

  fs::path dir_;
};

TEST_F(KeyFiles, WritesAPairInANewDirectory) {
  const PrivateKey key = PrivateKey::generate(Algorithm::eddsa);
  const fs::path keydir = dir_ / "nested" / "keys";
  keys::write_key_pair(key, keydir);
  EXPECT_EQ(mode_of(keydir / "private.pem"), 0600u);
  EXPECT_EQ(mode_of(keydir / "public.pem"), 0644u);
  EXPECT_EQ(PrivateKey::load(keydir / "private.pem").pem(), key.pem());
  EXPECT_EQ(keys::load_public_key(keydir / "public.pem").raw, key.public_key().raw);
}

TEST_F(KeyFiles, RefusesToOverwrite) {
  const PrivateKey key = PrivateKey::generate(Algorithm::es256);
  keys::write_key_pair(key, dir_);
  const std::string first = read_text((dir_ / "private.pem").string());
  const PrivateKey other = PrivateKey::generate(Algorithm::es256);
  EXPECT_THAT(error_of([&] { keys::write_key_pair(other, dir_); }),
              HasSubstr((dir_ / "private.pem").string() + " already exists"));
  EXPECT_EQ(read_text((dir_ / "private.pem").string()), first);

  fs::remove(dir_ / "private.pem");  // public.pem alone also blocks, and nothing is written
  EXPECT_THAT(error_of([&] { keys::write_key_pair(other, dir_); }),
              HasSubstr((dir_ / "public.pem").string() + " already exists"));
  EXPECT_FALSE(fs::exists(dir_ / "private.pem"));
}

TEST_F(KeyFiles, LoadErrorsNameTheFile) {
  const fs::path garbage = dir_ / "garbage.pem";
  std::ofstream(garbage) << "\x01\x02 not a key";
  EXPECT_THAT(error_of([&] { (void)PrivateKey::load(garbage); }),
              HasSubstr(garbage.string() + ": not a PEM file"));
  EXPECT_THAT(error_of([&] { (void)keys::load_public_key(dir_ / "missing.pem"); }),
              HasSubstr("cannot read " + (dir_ / "missing.pem").string()));
}

}  // namespace
}  // namespace tc::test
