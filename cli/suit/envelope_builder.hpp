// Builds and signs TinyContainer SUIT envelopes on the host (tcctl sign), in the container
// profile of docs/suit.md: components ["tc", NAME, "i"] (the image) and ["tc", NAME, "m"] (the
// permissions manifest), both payloads integrated ("#i", "#m") unless given a URI, vendor and
// class conditions, image digests and sizes, install / validate / invoke sequences. Host only
// (exceptions, heap).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "keys/keys.hpp"
#include "suit/suit.hpp"

namespace tc::suit_host {

class EnvelopeError : public std::runtime_error {
 public:
  explicit EnvelopeError(const std::string& message) : std::runtime_error(message) {}
};

using Uuid = std::array<uint8_t, suit::kUuidSize>;

// "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe" <-> bytes. EnvelopeError when malformed.
Uuid parse_uuid(const std::string& text);
std::string format_uuid(std::span<const uint8_t, suit::kUuidSize> uuid);
// RFC 9562 name-based UUID, version 5 (SHA-1 from mbedTLS), as RFC 9124 recommends for SUIT
// vendor and class identifiers.
Uuid uuid_v5(const Uuid& name_space, const std::string& name);
// TinyContainer's defaults when a board profile names no identifiers: the vendor is
// uuid_v5(NAMESPACE_DNS, "tinycontainer.dev"), the class uuid_v5(vendor, board name).
Uuid default_vendor_id();
Uuid default_class_id(const Uuid& vendor, const std::string& board_name);

struct ContainerRelease {
  std::string name;                    // the container name (must equal the manifest's)
  std::vector<uint8_t> image;          // .tcx bytes
  std::vector<uint8_t> manifest_cbor;  // the permissions manifest, canonical CBOR
  uint64_t sequence = 1;
  Uuid vendor_id{};
  Uuid class_id{};
  // Where the device fetches the payloads when not integrated (empty: integrated in the envelope).
  std::string image_uri;
  std::string manifest_uri;
};

// The signed envelope: one COSE_Sign1 per key (kid = key.public_key().kid()), in order.
std::vector<uint8_t> build_envelope(const ContainerRelease& release,
                                    std::span<const keys::PrivateKey* const> signers);

}  // namespace tc::suit_host
