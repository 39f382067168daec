// The unsigned install request (docs/protocol.md, "Install"): the JSON manifest read and checked
// with cli/manifest, encoded to the device's CBOR, and the body [image: bytes, manifest: bytes].
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "manifest/manifest.hpp"

namespace tc::dev {

struct InstallBody {
  std::vector<uint8_t> body;        // empty on error
  std::vector<std::string> errors;  // "$.version: ..." each, when the manifest is not valid
  manifest::Manifest manifest;      // meaningful when body is not empty
};

// Checks the manifest (JSON text) and builds the body around `image`.
[[nodiscard]] InstallBody make_install_body(std::span<const uint8_t> image,
                                            std::string_view manifest_json);

// [image, manifest_cbor] as CBOR.
[[nodiscard]] std::vector<uint8_t> encode_install_body(std::span<const uint8_t> image,
                                                       std::span<const uint8_t> manifest_cbor);

}  // namespace tc::dev
