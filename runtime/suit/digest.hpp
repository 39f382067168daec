// SUIT_Digest (internal to tc_suit): reading one, and checking bytes against it. One rule for
// the manifest, severed members and payloads: SHA-256 (-16) only, anything else unsupported.
#pragma once

#include <algorithm>
#include <span>

#include "suit/suit.hpp"

namespace tc::suit::detail {

// [algorithm-id, digest-bytes, * extensions] from its encoded bytes.
Report parse_digest(Bytes encoded, Digest& out, const char* where);

// ok when `digest` is the SHA-256 of the concatenation of `parts`, else `mismatch` (unsupported
// for another algorithm, or when the crypto port fails).
Report check_digest(crypto::Crypto& crypto, const Digest& digest, std::span<const Bytes> parts,
                    Error mismatch, const char* where);

inline bool same_bytes(Bytes a, Bytes b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end());
}

}  // namespace tc::suit::detail
