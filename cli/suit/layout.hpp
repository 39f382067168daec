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
  std::string uri;  // "#tc.image" (an integrated payload) or where the device fetches it
};

struct ManifestLayout {
  uint64_t sequence = 1;
  Uuid vendor_id{};
  Uuid class_id{};
  bool vendor_condition = true;
  bool class_condition = true;  // and the class-id parameter with it
  std::vector<ComponentLayout> components;
  std::size_t invoke_component = 0;
};

// An integrated payload: an envelope member with a text key ("#tc.image").
struct IntegratedPayload {
  std::string key;
  std::vector<uint8_t> bytes;
};

inline constexpr const char* kImageKey = "#tc.image";
inline constexpr const char* kManifestKey = "#tc.manifest";

// The container profile's layout for a release: components ["tc", name, "image"] and
// ["tc", name, "manifest"] with their digests, sizes and URIs; the class condition only when the
// class id is not all zeros. EnvelopeError for an empty name.
ManifestLayout container_layout(const ContainerRelease& release);
// The payloads a release integrates: those without a URI of their own.
std::vector<IntegratedPayload> container_payloads(const ContainerRelease& release);

// The SUIT_Manifest map (not yet bstr-wrapped): shared sequence, install, validate, invoke.
std::vector<uint8_t> encode_manifest(const ManifestLayout& layout);

// The envelope around `manifest`: its SHA-256 digest, one COSE_Sign1 per signer over it, the
// manifest, then the payloads (in the order given; deterministic CBOR wants them sorted).
std::vector<uint8_t> sign_envelope(std::span<const uint8_t> manifest,
                                   std::span<const IntegratedPayload> payloads,
                                   std::span<const keys::PrivateKey* const> signers);

// SHA-256 by the host crypto port.
std::vector<uint8_t> sha256(std::span<const uint8_t> bytes);

}  // namespace tc::suit_host
