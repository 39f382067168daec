// SUIT envelopes (draft-ietf-suit-manifest, DESIGN.md 3) on the device: parse an envelope, check
// its COSE_Sign1 signatures against the device's trust anchors, and run its command sequences to
// find what a container deployment installs. Portable device core: no heap, no exceptions, fixed
// capacities; every view below points into the caller's envelope bytes, which must outlive it.
//
//   suit::Envelope env;
//   suit::Report r = suit::parse(bytes, env);                     // structure only
//   suit::Authentication auth;
//   if (r.ok()) r = suit::authenticate(env, crypto, policy, auth);  // digest + signatures
//   suit::Deployment d;
//   if (r.ok()) r = suit::process(env, context, d);                 // conditions, fetch, digests
//
// TinyContainer's container profile of SUIT (docs/suit.md): two components, the image
// ["tc", NAME, "i"] and its permissions manifest ["tc", NAME, "m"], each bound by a SHA-256 image
// digest and size; payloads integrated in the envelope ("#i", "#m") or fetched by URI; vendor
// and class identifier conditions; invoke starts it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "crypto/crypto.hpp"

namespace tc::suit {

using Bytes = std::span<const uint8_t>;

inline constexpr std::size_t kMaxSignatures = 4;
inline constexpr std::size_t kMaxComponents = 4;
inline constexpr std::size_t kMaxIdSegments = 4;    // bstr segments of one component identifier
inline constexpr std::size_t kMaxPayloads = 4;      // integrated payloads ("#..." keys)
inline constexpr std::size_t kMaxToBeSigned = 512;  // a COSE Sig_structure is built in this much
inline constexpr std::size_t kUuidSize = 16;

// The container profile's component identifiers: [kContainerPrefix, NAME, kImageKind] is the
// .tcx image, [kContainerPrefix, NAME, kManifestKind] its permissions manifest (one-byte kinds:
// docs/suit.md, "Envelope size").
inline constexpr std::string_view kContainerPrefix = "tc";
inline constexpr std::string_view kImageKind = "i";
inline constexpr std::string_view kManifestKind = "m";

// Why an envelope is refused. Each has a stable token (token()) for the CoAP error body and the
// event stream, and a sentence (describe()).
enum class Error : uint8_t {
  ok = 0,
  malformed,          // not well-formed CBOR, or not the structure SUIT defines there
  truncated,          // the bytes end inside an item
  too_large,          // more signatures, components, payloads or nesting than the fixed capacities
  unsupported,        // a manifest version, algorithm, command or parameter not implemented
  unsigned_envelope,  // no signature at all (an unsigned envelope is never installed)
  unknown_key,        // no trust anchor of the operator role matches any signer
  bad_signature,      // a signature by a known key does not verify
  digest_mismatch,    // the manifest is not the one the signed digest names
  severed_mismatch,   // a severable member does not match the digest in the manifest
  missing_member,     // a severed member the processing needs is not in the envelope
  wrong_vendor,       // condition-vendor-identifier failed
  wrong_class,        // condition-class-identifier failed
  image_mismatch,     // a component's digest or size is not what the manifest says
  missing_payload,    // a fetch names an integrated payload the envelope does not carry
  not_a_container,    // the components are not TinyContainer's image + manifest pair
  name_mismatch,      // the component identifiers and the permissions name different containers
  tenant_signature,   // the policy requires the tenant's signature and it is absent or invalid
  rollback,           // the sequence number is not above the installed one (set by the caller)
  fetch_failed,       // a fetch by URI failed (or no fetcher is available)
};

[[nodiscard]] const char* token(Error e);     // "bad_signature"
[[nodiscard]] const char* describe(Error e);  // "a signature does not verify"

// An error with where it was found ("authentication-wrapper: digest", "install: command 3").
struct [[nodiscard]] Report {
  Error error = Error::ok;
  const char* where = "";  // static text, never owned
  [[nodiscard]] constexpr bool ok() const { return error == Error::ok; }
};

// SUIT_Digest: [algorithm-id, digest-bytes]. Only SHA-256 (-16) is processed.
struct Digest {
  int64_t algorithm = 0;
  Bytes bytes;
};

// One COSE_Sign1 (RFC 9052) as it appears in an authentication wrapper or a COSE test vector.
struct Sign1 {
  bool tagged = false;     // CBOR tag 18 present
  Bytes protected_header;  // the content of the protected bstr (a serialized map), as signed
  int64_t algorithm = 0;   // label 1, protected or (as RFC 9052 allows) unprotected
  Bytes kid;               // label 4, protected or unprotected; empty when absent
  bool detached = false;   // payload is nil (SUIT: the payload is the digest)
  Bytes payload;           // when attached
  Bytes signature;
};

// Parses one COSE_Sign1 (tagged or not) from its encoded bytes.
Report parse_sign1(Bytes encoded, Sign1& out);

// Verifies a COSE_Sign1 with a public key: builds Sig_structure ["Signature1", protected,
// external_aad, payload] (payload = `detached_payload` when the Sign1 is detached) and asks the
// crypto port. The algorithm must match the key's (COSE -7/-9 ES256, -8/-19 EdDSA); a mismatch
// or another algorithm is Verdict::unsupported.
crypto::Verdict verify_sign1(crypto::Crypto& crypto, const Sign1& sign1, crypto::Algorithm key_alg,
                             Bytes public_key, Bytes detached_payload, Bytes external_aad = {});

struct ComponentId {
  Bytes segments[kMaxIdSegments];
  uint8_t count = 0;
};

// A severable manifest member (install, payload-fetch, text, dependency-resolution): absent,
// embedded in the manifest, or severed (the manifest holds its digest; the envelope may carry it).
struct Member {
  enum class Form : uint8_t { absent, embedded, severed };
  Form form = Form::absent;
  Digest digest;         // severed: the digest in the manifest
  Bytes value;           // the bstr content (a command sequence or text map); empty when missing
  Bytes encoded;         // severed and carried: the bstr with its CBOR head, what the digest covers
  bool present = false;  // the value is available (embedded, or severed and carried)
};

struct Payload {
  std::string_view key;  // "#i"
  Bytes value;
};

struct Envelope {
  // Authentication wrapper (key 2).
  Bytes digest_item;  // content of the first bstr: the encoded SUIT_Digest, the signed payload
  Digest manifest_digest;
  Sign1 signatures[kMaxSignatures];
  uint8_t signature_count = 0;
  // Manifest (key 3).
  Bytes manifest_encoded;  // the bstr with its CBOR head: what the digest covers
  uint64_t version = 0;    // must be 1
  uint64_t sequence = 0;
  Bytes common;  // content of suit-common
  ComponentId components[kMaxComponents];
  uint8_t component_count = 0;
  Bytes shared_sequence;  // command sequences: bstr contents, empty when absent
  Bytes validate;
  Bytes load;
  Bytes invoke;
  std::string_view reference_uri;
  Member install;
  Member payload_fetch;
  Member dependency_resolution;
  Member text;
  // Integrated payloads (text keys of the envelope).
  Payload payloads[kMaxPayloads];
  uint8_t payload_count = 0;

  [[nodiscard]] const Payload* find_payload(std::string_view key) const;
};

// Checks the structure of an envelope (tag 107 optional) and of its manifest. Severed members the
// envelope carries are recorded (present) but not yet matched: that needs the crypto port.
Report parse(Bytes envelope, Envelope& out);
// Matches each carried severed member against its digest in the manifest (severed_mismatch).
// authenticate() calls it; inspection tools may call it alone.
Report check_severed(crypto::Crypto& crypto, const Envelope& env);

struct Policy {
  std::span<const crypto::TrustAnchor> anchors;
  bool require_tenant_signature = false;
};

// Who signed: bit i set when policy.anchors[i] verified one of the signatures.
struct Authentication {
  uint32_t signed_by = 0;
  bool operator_signed = false;
};

// Checks the manifest against the signed digest, the carried severed members against theirs
// (check_severed), then every signature: each must verify with a
// trusted key (chosen by kid when present, else every anchor of the algorithm is tried); at
// least one operator signature is required. A signature by an unknown key is unknown_key unless
// an operator signature verified; a known key whose signature fails is always bad_signature.
Report authenticate(const Envelope& env, crypto::Crypto& crypto, const Policy& policy,
                    Authentication& out);

// After process(): when the policy asks for it, a tenant anchor for `tenant` (the permissions
// manifest's tenant) must be among the signers.
Report check_tenant(const Policy& policy, const Authentication& auth, std::string_view tenant);

struct DeviceIdentity {
  uint8_t vendor_id[kUuidSize] = {};
  uint8_t class_id[kUuidSize] = {};
};

// Fetches a payload by URI (the native port through the gateway). Optional: without one, only
// integrated payloads install.
class Fetcher {
 public:
  // Writes the resource at `uri` into `into`; returns the bytes written.
  virtual Result<Bytes> fetch(std::string_view uri, std::span<uint8_t> into) = 0;

 protected:
  ~Fetcher() = default;
};

struct Context {
  crypto::Crypto& crypto;
  const DeviceIdentity& identity;
  Fetcher* fetcher = nullptr;
  std::span<uint8_t> fetch_buffer;  // where fetched payloads land (both components, back to back)
};

// What a verified container envelope installs.
struct Deployment {
  uint64_t sequence = 0;
  std::string_view name;  // from the component identifiers
  Bytes image;            // the .tcx bytes (in the envelope or the fetch buffer)
  Bytes manifest;         // the permissions manifest, CBOR
  bool invoke = false;    // the invoke sequence starts the container
};

// The container the envelope's first component names in this profile (["tc", NAME, kind]), before
// anything vouches for it: what a report about an envelope refused early can name. Empty when
// the component is not the profile's.
[[nodiscard]] std::string_view claimed_name(const Envelope& env);

// Runs shared-sequence, install (or payload-fetch), validate and invoke for TinyContainer's
// container profile: vendor and class conditions against `identity`, each component fetched and
// matched against its digest and size. Call only after authenticate() succeeded.
Report process(const Envelope& env, const Context& context, Deployment& out);

}  // namespace tc::suit
