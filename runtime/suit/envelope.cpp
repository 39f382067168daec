// SUIT_Envelope: the authentication wrapper, the manifest, severed members and integrated
// payloads. Structure only: nothing here needs the crypto port.
#include <iterator>

#include "suit/digest.hpp"
#include "suit/labels.hpp"
#include "suit/manifest.hpp"
#include "suit/read.hpp"
#include "suit/suit.hpp"

namespace tc::suit {
namespace {

using detail::fail;
using detail::ok;
using detail::Read;

constexpr const char* kWrapper = "authentication-wrapper";

// A severable member the envelope carries, held until the manifest says where it belongs.
struct Carried {
  int64_t label = 0;
  Bytes encoded;
  Bytes content;
  bool seen = false;
};

constexpr std::size_t kSeverableCount = std::size(label::kSeverableMembers);

// SUIT only defines COSE_Sign1 for TinyContainer's purpose; the other COSE structures the CDDL
// admits (COSE_Sign, COSE_Mac, COSE_Mac0) are refused as unsupported rather than as malformed.
Report parse_block(Bytes block, Sign1& out) {
  Read probe(block, kWrapper);
  uint64_t tag = 0;
  const Report rep = probe.optional_tag(tag);
  if (!rep.ok()) return rep;
  if (tag == label::kCoseSignTag || tag == label::kCoseMacTag || tag == label::kCoseMac0Tag)
    return probe.error(Error::unsupported);
  if (tag != label::kCoseSign1Tag) return probe.error(Error::malformed);  // SUIT wants it tagged
  return parse_sign1(block, out);
}

Report parse_authentication(Bytes content, Envelope& out) {
  Read r(content, kWrapper);
  uint64_t count = 0;
  Report rep = r.array(count);
  if (rep.ok() && count == 0) rep = r.error(Error::malformed);
  if (rep.ok() && count - 1 > kMaxSignatures) rep = r.error(Error::too_large);
  Bytes encoded;
  if (rep.ok()) rep = r.bstr(encoded, out.digest_item);
  if (rep.ok()) {
    rep = detail::parse_digest(out.digest_item, out.manifest_digest,
                               "authentication-wrapper: digest");
  }
  for (uint64_t i = 1; rep.ok() && i < count; ++i) {
    Bytes block;
    rep = r.bstr(encoded, block);
    if (rep.ok()) rep = parse_block(block, out.signatures[out.signature_count]);
    if (rep.ok()) ++out.signature_count;
  }
  return rep.ok() ? r.finish() : rep;
}

class Parser {
 public:
  Parser(Bytes input, Envelope& out) : r_(input, "envelope"), out_(out) {
    for (std::size_t i = 0; i < kSeverableCount; ++i)
      carried_[i].label = label::kSeverableMembers[i];
  }

  Report run() {
    uint64_t tag = 0;
    Report rep = r_.optional_tag(tag);
    if (rep.ok() && tag != 0 && tag != label::kEnvelopeTag) rep = r_.error(Error::malformed);
    uint64_t pairs = 0;
    if (rep.ok()) rep = r_.map(pairs);
    for (uint64_t i = 0; rep.ok() && i < pairs; ++i)
      rep = member();
    if (rep.ok()) rep = r_.finish();
    if (rep.ok() && (!has_wrapper_ || !has_manifest_)) rep = r_.error(Error::malformed);
    for (const Carried& c : carried_) {
      if (rep.ok() && c.seen) rep = place(c);
    }
    return rep;
  }

 private:
  Report member() {
    int64_t key = 0;
    std::string_view text;
    bool is_text = false;
    Report rep = r_.key(key, text, is_text);
    if (!rep.ok()) return rep;
    if (is_text) return payload(text);
    Bytes encoded;
    Bytes content;
    if (key == label::kAuthenticationWrapper) {
      if (has_wrapper_) return r_.error(Error::malformed);
      has_wrapper_ = true;
      rep = r_.bstr(encoded, content);
      return rep.ok() ? parse_authentication(content, out_) : rep;
    }
    if (key == label::kManifest) {
      if (has_manifest_) return r_.error(Error::malformed);
      has_manifest_ = true;
      rep = r_.bstr(encoded, content);
      out_.manifest_encoded = encoded;
      return rep.ok() ? detail::parse_manifest(content, out_) : rep;
    }
    for (Carried& c : carried_) {
      if (c.label == key) return carry(c);
    }
    return r_.skip();  // an envelope extension: not covered by the digest, never acted on
  }

  Report carry(Carried& c) {
    if (c.seen) return r_.error(Error::malformed);
    c.seen = true;
    return r_.bstr(c.encoded, c.content);
  }

  Report payload(std::string_view key) {
    if (out_.find_payload(key) != nullptr) return r_.error(Error::malformed);
    if (out_.payload_count == kMaxPayloads) return r_.error(Error::too_large);
    Payload& p = out_.payloads[out_.payload_count];
    p.key = key;
    const Report rep = r_.bytes(p.value);
    if (rep.ok()) ++out_.payload_count;
    return rep;
  }

  // A carried member belongs where the manifest holds its digest, nowhere else.
  Report place(const Carried& c) const {
    Member& m = *detail::severable_member(out_, c.label);
    if (m.form != Member::Form::severed) return fail(Error::malformed, "envelope: severed member");
    const Report rep = detail::check_member_content(c.label, c.content);
    if (!rep.ok()) return rep;
    m.value = c.content;
    m.encoded = c.encoded;
    m.present = true;
    return ok();
  }

  Read r_;
  Envelope& out_;
  bool has_wrapper_ = false;
  bool has_manifest_ = false;
  Carried carried_[kSeverableCount];
};

}  // namespace

Report parse(Bytes envelope, Envelope& out) {
  out = Envelope{};
  return Parser(envelope, out).run();
}

const Payload* Envelope::find_payload(std::string_view key) const {
  for (uint8_t i = 0; i < payload_count; ++i) {
    if (payloads[i].key == key) return &payloads[i];
  }
  return nullptr;
}

}  // namespace tc::suit
