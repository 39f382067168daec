// The CBOR labels of draft-ietf-suit-manifest-37 (its CDDL, appendix A) and their names: the one
// table the device parser, the command interpreter, the host builder and the inspector share.
// Labels not in draft 37 come from draft-ietf-suit-trust-domains (dependency-resolution,
// set-parameters) and are marked so.
#pragma once

#include <cstdint>
#include <span>

#include "crypto/crypto.hpp"

namespace tc::suit::label {

// SUIT_Envelope.
inline constexpr int64_t kAuthenticationWrapper = 2;
inline constexpr int64_t kManifest = 3;
inline constexpr uint64_t kEnvelopeTag = 107;

// SUIT_Manifest. The severable members (15, 16, 20, 23) may also sit in the envelope.
inline constexpr int64_t kVersion = 1;
inline constexpr int64_t kSequenceNumber = 2;
inline constexpr int64_t kCommon = 3;
inline constexpr int64_t kReferenceUri = 4;
inline constexpr int64_t kValidate = 7;
inline constexpr int64_t kLoad = 8;
inline constexpr int64_t kInvoke = 9;
inline constexpr int64_t kDependencyResolution = 15;  // trust-domains
inline constexpr int64_t kPayloadFetch = 16;
inline constexpr int64_t kInstall = 20;
inline constexpr int64_t kText = 23;
inline constexpr int64_t kSeverableMembers[] = {kDependencyResolution, kPayloadFetch, kInstall,
                                                kText};

// SUIT_Common.
inline constexpr int64_t kDependencies = 1;  // trust-domains
inline constexpr int64_t kComponents = 2;
inline constexpr int64_t kSharedSequence = 4;

// SUIT_Digest algorithms (COSE).
inline constexpr int64_t kSha256 = -16;

// COSE (RFC 9052) header labels, tags and the algorithms TinyContainer verifies.
inline constexpr int64_t kCoseAlg = 1;
inline constexpr int64_t kCoseCrit = 2;
inline constexpr int64_t kCoseKid = 4;
inline constexpr uint64_t kCoseSign1Tag = 18;
inline constexpr uint64_t kCoseSignTag = 98;
inline constexpr uint64_t kCoseMac0Tag = 17;
inline constexpr uint64_t kCoseMacTag = 97;
inline constexpr int64_t kEs256 = -7;
inline constexpr int64_t kEsp256 = -9;  // fully specified ES256 (RFC 9864)
inline constexpr int64_t kEdDsa = -8;
inline constexpr int64_t kEd25519 = -19;  // fully specified EdDSA on Ed25519 (RFC 9864)

// The crypto port's algorithm for a COSE algorithm: -7 and -9 are ES256, -8 and -19 EdDSA on
// Ed25519 (the only EdDSA curve TinyContainer knows). False for any other.
constexpr bool to_crypto(int64_t cose_alg, crypto::Algorithm& out) {
  switch (cose_alg) {
    case kEs256:
    case kEsp256:
      out = crypto::Algorithm::es256;
      return true;
    case kEdDsa:
    case kEd25519:
      out = crypto::Algorithm::eddsa;
      return true;
    default:
      return false;
  }
}

// What TinyContainer's signer writes: the polymorphic identifiers every COSE library knows.
constexpr int64_t to_cose(crypto::Algorithm alg) {
  return alg == crypto::Algorithm::eddsa ? kEdDsa : kEs256;
}

// Commands: conditions and directives of a SUIT_Command_Sequence.
enum class Command : int64_t {
  vendor_identifier = 1,
  class_identifier = 2,
  image_match = 3,
  component_slot = 5,
  check_content = 6,
  abort = 14,
  device_identifier = 24,
  set_component_index = 12,
  try_each = 15,
  write = 18,
  set_parameters = 19,  // trust-domains
  override_parameters = 20,
  fetch = 21,
  copy = 22,
  invoke = 23,
  swap = 31,
  run_sequence = 32,
};

// SUIT_Parameters.
enum class Parameter : int64_t {
  vendor_identifier = 1,
  class_identifier = 2,
  image_digest = 3,
  component_slot = 5,
  strict_order = 12,
  soft_failure = 13,
  image_size = 14,
  content = 18,
  uri = 21,
  source_component = 22,
  invoke_args = 23,
  device_identifier = 24,
  fetch_arguments = 25,
};

inline constexpr uint64_t kPenTag = 112;  // cbor-pen: a vendor id given as an IANA PEN

struct Name {
  int64_t label;
  const char* name;
};

// Names as the draft's diagnostic dumps print them.
inline constexpr Name kEnvelopeNames[] = {
    {kAuthenticationWrapper, "authentication-wrapper"},
    {kManifest, "manifest"},
    {kDependencyResolution, "dependency-resolution"},
    {kPayloadFetch, "payload-fetch"},
    {kInstall, "install"},
    {kText, "text"},
};

inline constexpr Name kManifestNames[] = {
    {kVersion, "manifest-version"},
    {kSequenceNumber, "manifest-sequence-number"},
    {kCommon, "common"},
    {kReferenceUri, "reference-uri"},
    {kValidate, "validate"},
    {kLoad, "load"},
    {kInvoke, "invoke"},
    {kDependencyResolution, "dependency-resolution"},
    {kPayloadFetch, "payload-fetch"},
    {kInstall, "install"},
    {kText, "text"},
};

inline constexpr Name kCommonNames[] = {
    {kDependencies, "dependencies"},
    {kComponents, "components"},
    {kSharedSequence, "shared-sequence"},
};

inline constexpr Name kCommandNames[] = {
    {1, "condition-vendor-identifier"},
    {2, "condition-class-identifier"},
    {3, "condition-image-match"},
    {5, "condition-component-slot"},
    {6, "condition-check-content"},
    {14, "condition-abort"},
    {24, "condition-device-identifier"},
    {12, "directive-set-component-index"},
    {15, "directive-try-each"},
    {18, "directive-write"},
    {19, "directive-set-parameters"},
    {20, "directive-override-parameters"},
    {21, "directive-fetch"},
    {22, "directive-copy"},
    {23, "directive-invoke"},
    {31, "directive-swap"},
    {32, "directive-run-sequence"},
};

inline constexpr Name kParameterNames[] = {
    {1, "vendor-id"},         {2, "class-id"},      {3, "image-digest"},
    {5, "component-slot"},    {12, "strict-order"}, {13, "soft-failure"},
    {14, "image-size"},       {18, "content"},      {21, "uri"},
    {22, "source-component"}, {23, "invoke-args"},  {24, "device-id"},
    {25, "fetch-arguments"},
};

inline constexpr Name kTextNames[] = {
    {1, "manifest-description"},
    {2, "update-description"},
    {3, "manifest-json-source"},
    {4, "manifest-yaml-source"},
};

inline constexpr Name kTextComponentNames[] = {
    {1, "vendor-name"},           {2, "model-name"},        {3, "vendor-domain"}, {4, "model-info"},
    {5, "component-description"}, {6, "component-version"},
};

inline constexpr Name kDigestAlgorithmNames[] = {
    {-16, "sha256"}, {-18, "shake128"}, {-43, "sha384"}, {-44, "sha512"}, {-45, "shake256"},
};

inline constexpr Name kCoseAlgorithmNames[] = {
    {kEs256, "ES256"},     {kEsp256, "ESP256"}, {kEdDsa, "EdDSA"},
    {kEd25519, "Ed25519"}, {-35, "ES384"},      {-36, "ES512"},
};

inline constexpr Name kCoseHeaderNames[] = {
    {kCoseAlg, "alg"},
    {kCoseCrit, "crit"},
    {3, "content type"},
    {kCoseKid, "kid"},
};

// The name of `label` in `table`, or nullptr.
constexpr const char* find_name(std::span<const Name> table, int64_t label) {
  for (const Name& n : table) {
    if (n.label == label) return n.name;
  }
  return nullptr;
}

}  // namespace tc::suit::label
