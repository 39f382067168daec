// COSE_Sign1 (RFC 9052 section 4.2): parse and verify. The signed bytes are rebuilt here as the
// Sig_structure ["Signature1", body_protected, external_aad, payload] with the runtime CBOR writer.
#include "cbor/writer.hpp"
#include "suit/labels.hpp"
#include "suit/read.hpp"
#include "suit/suit.hpp"

namespace tc::suit {
namespace {

using detail::fail;
using detail::Read;

constexpr const char* kProtected = "COSE_Sign1: protected header";
constexpr const char* kUnprotected = "COSE_Sign1: unprotected header";

struct HeaderSeen {
  bool alg = false;
  bool kid = false;
};

// One header bucket. RFC 9052 3: a label may not sit in both buckets; an algorithm named by text
// is not one TinyContainer knows; crit names labels the recipient must understand, and this
// implementation promises none beyond alg and kid, so any crit is refused.
Report read_header(Read& r, Sign1& out, HeaderSeen& seen) {
  uint64_t pairs = 0;
  Report rep = r.map(pairs);
  for (uint64_t i = 0; rep.ok() && i < pairs; ++i) {
    int64_t label = 0;
    std::string_view text;
    bool is_text = false;
    rep = r.key(label, text, is_text);
    if (!rep.ok()) break;
    if (is_text || (label != label::kCoseAlg && label != label::kCoseKid)) {
      if (!is_text && label == label::kCoseCrit) return r.error(Error::unsupported);
      rep = r.skip();
    } else if (label == label::kCoseAlg) {
      if (seen.alg) return r.error(Error::malformed);
      seen.alg = true;
      if (r.next_is(cbor::Type::text_string)) return r.error(Error::unsupported);
      rep = r.integer(out.algorithm);
    } else {
      if (seen.kid) return r.error(Error::malformed);
      seen.kid = true;
      rep = r.bytes(out.kid);
    }
  }
  return rep;
}

Report read_protected(Read& r, Sign1& out, HeaderSeen& seen) {
  Bytes encoded;
  Report rep = r.bstr(encoded, out.protected_header);
  if (!rep.ok() || out.protected_header.empty()) return rep;  // h'' stands for an empty map
  Read inner(out.protected_header, kProtected);
  rep = read_header(inner, out, seen);
  return rep.ok() ? inner.finish() : rep;
}

Report read_payload(Read& r, Sign1& out) {
  out.detached = r.next_is_null();
  if (out.detached) return r.null();
  return r.bytes(out.payload);
}

}  // namespace

Report parse_sign1(Bytes encoded, Sign1& out) {
  out = Sign1{};
  Read r(encoded, "COSE_Sign1");
  uint64_t tag = 0;
  Report rep = r.optional_tag(tag);
  if (!rep.ok()) return rep;
  if (tag != 0 && tag != label::kCoseSign1Tag) return r.error(Error::malformed);
  out.tagged = tag == label::kCoseSign1Tag;
  uint64_t count = 0;
  rep = r.array(count);
  if (rep.ok() && count != 4) rep = r.error(Error::malformed);
  HeaderSeen seen;
  if (rep.ok()) rep = read_protected(r, out, seen);
  if (rep.ok()) {
    r.set_where(kUnprotected);
    rep = read_header(r, out, seen);
    r.set_where("COSE_Sign1");
  }
  if (rep.ok()) rep = read_payload(r, out);
  if (rep.ok()) rep = r.bytes(out.signature);
  if (rep.ok()) rep = r.finish();
  if (rep.ok() && !seen.alg) rep = fail(Error::unsupported, kProtected);  // no algorithm at all
  return rep;
}

crypto::Verdict verify_sign1(crypto::Crypto& crypto, const Sign1& sign1, crypto::Algorithm key_alg,
                             Bytes public_key, Bytes detached_payload, Bytes external_aad) {
  crypto::Algorithm alg{};
  if (!label::to_crypto(sign1.algorithm, alg) || alg != key_alg)
    return crypto::Verdict::unsupported;
  // RFC 9052 4.4: with no protected header parameters, body_protected is the empty bstr, also
  // when the message carries them as an encoded empty map (cose-wg sign-pass-01).
  const bool empty_map = sign1.protected_header.size() == 1 && sign1.protected_header[0] == 0xa0;
  uint8_t buffer[kMaxToBeSigned];
  cbor::Writer w(buffer);
  w.write_array(4)
      .write_text("Signature1")
      .write_bytes(empty_map ? Bytes{} : sign1.protected_header)
      .write_bytes(external_aad)
      .write_bytes(sign1.detached ? detached_payload : sign1.payload);
  // Too big for the fixed buffer: this build cannot check it.
  if (w.error() != cbor::Error::ok) return crypto::Verdict::unsupported;
  return crypto.verify(alg, public_key, w.written(), sign1.signature);
}

}  // namespace tc::suit
