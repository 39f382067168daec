// The manifest build_envelope writes, as data (docs/suit.md, "Envelope layout"): build_envelope
// is container_layout() -> encode_manifest() -> sign_envelope(). Tests and tools may change a
// layout between the steps to make envelopes the profile must refuse.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "suit/envelope_builder.hpp"

namespace tc::suit_host {

struct ComponentLayout {
  std::vector<std::vector<uint8_t>> id;  // the bstr segments of the component identifier
  std::vector<uint8_t> digest;           // SHA-256 of the payload
  uint64_t size = 0;
  std::string uri;  // "#i" (an integrated payload) or where the device fetches it
};

struct ManifestLayout {
  uint64_t sequence = 1;
  Uuid vendor_id{};
  Uuid class_id{};
  bool vendor_condition = true;             // and the vendor-id parameter with it
  bool class_condition = true;              // and the class-id parameter with it
  std::vector<ComponentLayout> components;  // at least one (EnvelopeError otherwise)
  std::size_t invoke_component = 0;
};

// An integrated payload: an envelope member with a text key ("#i").
struct IntegratedPayload {
  std::string key;
  std::vector<uint8_t> bytes;
};

// The integrated payloads' keys, and the uris that name them (docs/suit.md, "Envelope size": short
// because each is written twice).
inline constexpr const char* kImageKey = "#i";
inline constexpr const char* kManifestKey = "#m";

// The container profile's layout for a release: components ["tc", name, "i"] (the image) and
// ["tc", name, "m"] (the permissions manifest) with their digests, sizes and URIs; the class
// condition only when the class id is not all zeros. EnvelopeError for an empty name.
ManifestLayout container_layout(const ContainerRelease& release);
// The payloads a release integrates: those without a URI of their own.
std::vector<IntegratedPayload> container_payloads(const ContainerRelease& release);

// The SUIT_Manifest map (not yet bstr-wrapped): shared sequence, install, validate, invoke.
// EnvelopeError for a layout without components.
std::vector<uint8_t> encode_manifest(const ManifestLayout& layout);

// The envelope around `manifest`: its SHA-256 digest, one COSE_Sign1 per signer over it, the
// manifest, then the payloads (in the order given; deterministic CBOR wants them sorted).
std::vector<uint8_t> sign_envelope(std::span<const uint8_t> manifest,
                                   std::span<const IntegratedPayload> payloads,
                                   std::span<const keys::PrivateKey* const> signers);

// SHA-256 by the host crypto port.
std::vector<uint8_t> sha256(std::span<const uint8_t> bytes);

}  // namespace tc::suit_host
