// The manifest's CBOR encoding (docs/manifest.md, "CBOR encoding"): maps with small unsigned
// integer keys (schema.hpp), nested maps for memory, timing, failure and limits, arrays for
// endpoints and exports. The encoder writes every field, keys ascending, in preferred
// serialization, so one manifest has one encoding (its SUIT digest is stable).
//
// Decoding is strict because the manifest is authoritative: an unknown key, a duplicate key, a
// missing field, a wrong type, an overlong string, too many endpoints or exports, an integer
// beyond its field or an unknown enumerated value is refused with the path of the field. Silently
// skipping a field the device does not understand would drop a limit the owner signed.
//
// decode() checks the encoding only; call validate() (validate.hpp) before trusting the values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.hpp"
#include "manifest/error.hpp"
#include "manifest/manifest.hpp"

namespace tc::manifest {

// Enough for any manifest that fits the value type (every string at capacity, every integer at
// its widest, all endpoint and export slots used).
inline constexpr std::size_t kMaxEncodedSize = 1200;

// Writes `manifest` into `out`; the number of bytes written. resource_exhausted when `out` is too
// small; invalid_argument when a count exceeds its capacity or a string is not UTF-8.
[[nodiscard]] Result<std::size_t> encode(const Manifest& manifest, std::span<uint8_t> out);

// Reads exactly one manifest from `encoded` into `out` (unused endpoint and export slots left
// default-constructed). On error `out` holds a partial manifest that must not be used.
[[nodiscard]] ManifestError decode(std::span<const uint8_t> encoded, Manifest& out);

}  // namespace tc::manifest
