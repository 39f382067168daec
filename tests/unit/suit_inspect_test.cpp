// The envelope dump (cli/suit/inspect.hpp) of the draft's examples and of a built envelope.
#include <gtest/gtest.h>

#include "suit/envelope_builder.hpp"
#include "suit/inspect.hpp"
#include "suit/layout.hpp"
#include "suit/names.hpp"
#include "suit_test_support.hpp"

namespace tc::suit_test {
namespace {

using suit_host::EnvelopeError;

std::string dump_of(const std::string& file) {
  return suit_host::inspect(read_file(file));
}

void expect_lines(const std::string& dump, const std::vector<std::string>& expected) {
  for (const std::string& text : expected)
    EXPECT_NE(dump.find(text), std::string::npos) << "missing: " << text << "\nin:\n" << dump;
}

TEST(SuitInspect, Example2ShowsEveryPart) {
  const std::string manifest_digest =
      "6a5197ed8f9dccf733d1c89a359441708e070b4c6dcb9a1c2c82c6165f609b90";
  const std::string install_digest =
      "cfa90c5c58595e7f5119a72f803fd0370b3e6abbec6315cd38f63135281bc498";
  const std::string text_digest =
      "302196d452bce5e8bfeaf71e395645ede6d365e63507a081379721eeecf00007";
  expect_lines(
      dump_of(draft_path("example2.signed.cbor")),
      {"SUIT_Envelope (tag 107), 923 bytes",
       "authentication-wrapper (2):",
       "digest: sha256 " + manifest_digest + " (matches the manifest)",
       "signature 1: COSE_Sign1 (tag 18)",
       "alg (1): ES256 (-7)",
       "unprotected: (empty)",
       "payload: detached (nil)",
       "signature: 64 bytes 073d8d80ca67d61cdf04d813c748b2de98fe786fc67b764431307c8dbcbe91dc",
       "manifest (3): 209 bytes",
       "manifest-sequence-number (2): 2",
       "[0] [h'00']",
       "vendor-id (1): fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe",
       "class-id (2): 1492af14-2569-5e48-bf42-9b2d51f2ab45",
       "image-digest (3): sha256 00112233445566778899aabbccddeeff0123456789abcdeffedcba9876543210",
       "image-size (14): 34768",
       "condition-vendor-identifier (1): 15",
       "reference-uri (4): \"https://git.io/JJYoj\"",
       "directive-invoke (23): 2",
       "install (20): severed, sha256 " + install_digest,
       "text (23): severed, sha256 " + text_digest,
       "install (20): severed member, 60 bytes (matches its digest)",
       "uri (21): \"http://example.com/very/long/path/to/file/file.bin\"",
       "directive-fetch (21): 2",
       "text (23): severed member, 523 bytes (matches its digest)",
       "\"en-US\":",
       "[h'00']:",
       "vendor-domain (3): \"arm.com\""});
}

TEST(SuitInspect, SeveredEnvelopeShowsDigestsOnly) {
  const std::string dump = dump_of(draft_path("example2.severed-signed.cbor"));
  expect_lines(dump, {"install (20): severed, sha256 cfa90c5c"});
  EXPECT_EQ(dump.find("severed member"), std::string::npos);
}

TEST(SuitInspect, EveryExampleDumps) {
  for (int n = 0; n < 6; ++n) {
    EXPECT_NO_THROW(dump_of(draft_path("example" + std::to_string(n) + ".signed.cbor"))) << n;
    EXPECT_NO_THROW(
        dump_of(vector_path("suit/derived-eddsa/example" + std::to_string(n) + ".eddsa.cbor")));
  }
  expect_lines(dump_of(draft_path("example3.signed.cbor")),
               {"directive-try-each (15):", "alternative 2:", "component-slot (5): 1",
                "condition-component-slot (5): 5", "uri (21): \"http://example.com/file2.bin\""});
  expect_lines(dump_of(draft_path("example4.signed.cbor")),
               {"[1] [h'02']", "load (8):", "directive-copy (22): 2", "source-component (22): 0",
                "payload-fetch (16):"});
  expect_lines(dump_of(vector_path("suit/derived-eddsa/example0.eddsa.cbor")),
               {"alg (1): EdDSA (-8)"});
}

TEST(SuitInspect, ABuiltEnvelopeShowsTheContainerProfile) {
  const keys::PrivateKey key = keys::PrivateKey::generate(crypto::Algorithm::es256);
  suit_host::ContainerRelease release;
  release.name = "climate";
  release.image = std::vector<uint8_t>(300, 0x42);
  release.manifest_cbor = {0xa0};
  release.vendor_id = suit_host::default_vendor_id();
  const std::vector<const keys::PrivateKey*> signers = {&key};
  const std::string dump = suit_host::inspect(suit_host::build_envelope(release, signers));
  expect_lines(
      dump, {"[0] ['tc', 'climate', 'i']", "[1] ['tc', 'climate', 'm']",
             "kid (4): " + suit_host::hex(key.public_key().kid()),
             "directive-set-component-index (12): true",
             "vendor-id (1): aba57a10-9c8e-5225-b518-cd990b58e6d1", "uri (21): \"#i\"",
             "uri (21): \"#m\"", "directive-fetch (21): 2", "\"#i\": integrated payload, 300 bytes",
             "\"#m\": integrated payload, 1 bytes"});
}

TEST(SuitInspect, MalformedInputThrows) {
  std::vector<uint8_t> bytes = read_file(draft_path("example0.signed.cbor"));
  bytes.pop_back();
  try {
    (void)suit_host::inspect(bytes);
    FAIL() << "no exception";
  } catch (const EnvelopeError& e) {
    EXPECT_NE(std::string(e.what()).find("truncated at"), std::string::npos) << e.what();
  }
  EXPECT_THROW((void)suit_host::inspect(std::vector<uint8_t>{0x82, 0x01, 0x02}), EnvelopeError);
  EXPECT_THROW((void)suit_host::inspect(std::vector<uint8_t>{}), EnvelopeError);
  EXPECT_THROW((void)suit_host::inspect(std::vector<uint8_t>{0xd8, 0x6b, 0xa0, 0x00}),
               EnvelopeError);
}

// What the device would refuse but is well-formed still dumps, with a note saying why.
TEST(SuitInspect, AnEnvelopeBeyondTheDeviceCapacitiesDumpsWithANote) {
  const keys::PrivateKey key = keys::PrivateKey::generate(crypto::Algorithm::es256);
  suit_host::ContainerRelease release;
  release.name = "big";
  release.image = {1};
  release.manifest_cbor = {0xa0};
  suit_host::ManifestLayout layout = suit_host::container_layout(release);
  for (int i = 0; i < 3; ++i)
    layout.components.push_back(layout.components[0]);
  const std::vector<const keys::PrivateKey*> signers = {&key};
  const std::string dump = suit_host::inspect(suit_host::sign_envelope(
      suit_host::encode_manifest(layout), suit_host::container_payloads(release), signers));
  expect_lines(dump, {"[4] ['tc', 'big', 'i']",
                      "note: a TinyContainer device refuses this envelope: too_large (common)"});
}

}  // namespace
}  // namespace tc::suit_test
