// Who signed the envelope and whether what they signed is what it carries (DESIGN.md 3). The
// signatures sign the SUIT_Digest (the first bstr of the authentication wrapper), the digest
// covers the manifest bstr with its CBOR head, and each severed member's digest in the manifest
// covers that member's bstr with its head: one chain from the signature to every byte processed.
#include <algorithm>

#include "suit/digest.hpp"
#include "suit/labels.hpp"
#include "suit/manifest.hpp"
#include "suit/read.hpp"
#include "suit/suit.hpp"

namespace tc::suit {
namespace {

using detail::fail;
using detail::ok;

constexpr const char* kSignatureWhere[kMaxSignatures] = {
    "authentication-wrapper: signature 1", "authentication-wrapper: signature 2",
    "authentication-wrapper: signature 3", "authentication-wrapper: signature 4"};

// Authentication::signed_by has one bit per anchor: later anchors are never tried.
constexpr std::size_t kMaxAnchors = 32;

std::string_view tenant_of(const crypto::TrustAnchor& anchor) {
  const char* end = std::find(std::begin(anchor.tenant), std::end(anchor.tenant), '\0');
  return {anchor.tenant, static_cast<std::size_t>(end - anchor.tenant)};
}

struct SignerResult {
  Error error = Error::ok;  // unknown_key, unsupported, bad_signature, ... when not verified
  std::size_t anchor = 0;   // the anchor that verified it
  // The device cannot tell who signed (unknown_key) or cannot check the algorithm at all
  // (unsupported): not a forgery, so tolerated when an operator signature verified.
  bool skippable = false;
};

bool is_candidate(const crypto::TrustAnchor& anchor, crypto::Algorithm alg, Bytes kid) {
  if (anchor.alg != alg) return false;
  return kid.empty() || detail::same_bytes(kid, anchor.kid);
}

bool has_anchor_of(const Policy& policy, crypto::Algorithm alg) {
  const auto tried = policy.anchors.first(std::min(policy.anchors.size(), kMaxAnchors));
  return std::any_of(tried.begin(), tried.end(),
                     [alg](const crypto::TrustAnchor& a) { return a.alg == alg; });
}

// Tries the anchors that may have made `sign1`. With a kid, a failure is a bad signature by a
// known key; without one nothing says which key signed, so a failure means no anchor matched.
// No anchor of the algorithm, or a port without it (the firmware has no Ed25519), is
// `unsupported` rather than `unknown_key`: the answer then says what the device lacks.
SignerResult check_signer(const Envelope& env, const Sign1& sign1, crypto::Crypto& crypto,
                          const Policy& policy) {
  crypto::Algorithm alg{};
  if (!label::to_crypto(sign1.algorithm, alg)) return {Error::unsupported};
  // SUIT signs the digest detached; an attached payload must be that digest.
  if (!sign1.detached && !detail::same_bytes(sign1.payload, env.digest_item))
    return {Error::digest_mismatch};
  if (!has_anchor_of(policy, alg)) return {Error::unsupported, 0, true};
  bool known = false;
  for (std::size_t i = 0; i < policy.anchors.size() && i < kMaxAnchors; ++i) {
    const crypto::TrustAnchor& anchor = policy.anchors[i];
    if (!is_candidate(anchor, alg, sign1.kid)) continue;
    known = !sign1.kid.empty();
    const crypto::Verdict v =
        verify_sign1(crypto, sign1, anchor.alg, anchor.public_key(), env.digest_item);
    if (v == crypto::Verdict::valid) return {Error::ok, i};
    if (v == crypto::Verdict::unsupported) return {Error::unsupported, 0, true};
  }
  if (known) return {Error::bad_signature};
  return {Error::unknown_key, 0, true};
}

// Why no operator signature verified, from the signatures that were skipped.
Report no_operator(bool unknown, bool unsupported) {
  if (unknown) return fail(Error::unknown_key, "authentication-wrapper: no operator key");
  if (unsupported) {
    return fail(Error::unsupported,
                "authentication-wrapper: no key of the signature's algorithm on this device");
  }
  return fail(Error::unknown_key, "authentication-wrapper: no operator signature");
}

}  // namespace

Report check_severed(crypto::Crypto& crypto, const Envelope& env) {
  for (const int64_t key : label::kSeverableMembers) {
    const Member& m = *detail::severable_member(env, key);
    if (m.form != Member::Form::severed || !m.present) continue;
    const Bytes parts[] = {m.encoded};
    const char* where = label::find_name(label::kManifestNames, key);
    const Report rep =
        detail::check_digest(crypto, m.digest, parts, Error::severed_mismatch, where);
    if (!rep.ok()) return rep;
  }
  return ok();
}

Report authenticate(const Envelope& env, crypto::Crypto& crypto, const Policy& policy,
                    Authentication& out) {
  out = Authentication{};
  if (env.signature_count == 0) return fail(Error::unsigned_envelope, "authentication-wrapper");
  const Bytes manifest[] = {env.manifest_encoded};
  Report rep = detail::check_digest(crypto, env.manifest_digest, manifest, Error::digest_mismatch,
                                    "authentication-wrapper: digest");
  if (rep.ok()) rep = check_severed(crypto, env);
  if (!rep.ok()) return rep;
  bool unknown = false;
  bool unsupported = false;
  for (uint8_t s = 0; s < env.signature_count; ++s) {
    const SignerResult r = check_signer(env, env.signatures[s], crypto, policy);
    if (r.skippable) {  // tolerated when the operator signed: a tenant key this device lacks
      (r.error == Error::unsupported ? unsupported : unknown) = true;
      continue;
    }
    if (r.error != Error::ok) return fail(r.error, kSignatureWhere[s]);
    out.signed_by |= uint32_t{1} << r.anchor;
    if (policy.anchors[r.anchor].role == crypto::Role::operator_key) out.operator_signed = true;
  }
  if (!out.operator_signed) return no_operator(unknown, unsupported);
  return ok();
}

Report check_tenant(const Policy& policy, const Authentication& auth, std::string_view tenant) {
  if (!policy.require_tenant_signature) return ok();
  for (std::size_t i = 0; i < policy.anchors.size() && i < kMaxAnchors; ++i) {
    const crypto::TrustAnchor& anchor = policy.anchors[i];
    if (anchor.role != crypto::Role::tenant_key) continue;
    if (tenant_of(anchor) != tenant) continue;
    if ((auth.signed_by >> i) & 1U) return ok();
  }
  return fail(Error::tenant_signature, "authentication-wrapper");
}

}  // namespace tc::suit
