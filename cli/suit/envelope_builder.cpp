#include "suit/envelope_builder.hpp"

#include "suit/layout.hpp"

namespace tc::suit_host {

std::vector<uint8_t> build_envelope(const ContainerRelease& release,
                                    std::span<const keys::PrivateKey* const> signers) {
  if (signers.empty()) throw EnvelopeError("an envelope needs at least one signer");
  const std::vector<uint8_t> manifest = encode_manifest(container_layout(release));
  return sign_envelope(manifest, container_payloads(release), signers);
}

}  // namespace tc::suit_host
