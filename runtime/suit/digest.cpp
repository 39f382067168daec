#include "suit/digest.hpp"

#include "suit/labels.hpp"
#include "suit/read.hpp"

namespace tc::suit::detail {

Report parse_digest(Bytes encoded, Digest& out, const char* where) {
  Read r(encoded, where);
  uint64_t count = 0;
  Report rep = r.array(count);
  if (rep.ok() && count < 2) rep = r.error(Error::malformed);
  if (rep.ok()) rep = r.integer(out.algorithm);
  if (rep.ok()) rep = r.bytes(out.bytes);
  for (uint64_t i = 2; rep.ok() && i < count; ++i)
    rep = r.skip();  // $$SUIT_Digest-extensions
  if (rep.ok()) rep = r.finish();
  return rep;
}

Report check_digest(crypto::Crypto& crypto, const Digest& digest, std::span<const Bytes> parts,
                    Error mismatch, const char* where) {
  if (digest.algorithm != label::kSha256) return fail(Error::unsupported, where);
  uint8_t computed[crypto::kSha256Size];
  if (!crypto.sha256(parts, computed).ok()) return fail(Error::unsupported, where);
  if (!same_bytes(digest.bytes, computed)) return fail(mismatch, where);
  return ok();
}

}  // namespace tc::suit::detail
