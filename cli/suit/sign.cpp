// The envelope around a manifest (docs/suit.md, "Digest and signatures"):
//   107({2: << [<< [-16, SHA-256(manifest bstr with its head)] >>, << COSE_Sign1 >>...] >>,
//        3: << manifest >>, "#i": h'...', "#m": h'...'})
// Each COSE_Sign1 is 18([<< {1: alg} >>, {4: kid}, nil, signature]) over the Sig_structure
// ["Signature1", << {1: alg} >>, h'', << SUIT_Digest >>] (detached payload: the digest).
#include "suit/cbor_out.hpp"
#include "suit/labels.hpp"
#include "suit/layout.hpp"

namespace tc::suit_host {
namespace {

namespace l = suit::label;

CborOut protected_header(crypto::Algorithm alg) {
  CborOut p;
  p.map(1).integer(l::kCoseAlg).integer(l::to_cose(alg));
  return p;
}

CborOut cose_sign1(const keys::PrivateKey& key, const CborOut& digest_item) {
  const CborOut protected_map = protected_header(key.alg());
  CborOut to_be_signed;
  to_be_signed.array(4)
      .text("Signature1")
      .wrap(protected_map)
      .bytes(std::span<const uint8_t>{})
      .wrap(digest_item);
  const auto signature = key.sign(to_be_signed.data());
  const auto kid = key.public_key().kid();
  CborOut sign1;
  sign1.tag(l::kCoseSign1Tag).array(4).wrap(protected_map);
  sign1.map(1).integer(l::kCoseKid).bytes(kid);
  sign1.null().bytes(signature);
  return sign1;
}

}  // namespace

std::vector<uint8_t> sign_envelope(std::span<const uint8_t> manifest,
                                   std::span<const IntegratedPayload> payloads,
                                   std::span<const keys::PrivateKey* const> signers) {
  CborOut manifest_bstr;
  manifest_bstr.bytes(manifest);
  CborOut digest_item;
  digest_item.array(2).integer(l::kSha256).bytes(sha256(manifest_bstr.data()));

  CborOut wrapper;
  wrapper.array(1 + signers.size()).wrap(digest_item);
  for (const keys::PrivateKey* key : signers) {
    if (key == nullptr) throw EnvelopeError("a signer key is missing");
    wrapper.wrap(cose_sign1(*key, digest_item));
  }

  CborOut envelope;
  envelope.tag(l::kEnvelopeTag).map(2 + payloads.size());
  envelope.integer(l::kAuthenticationWrapper).wrap(wrapper);
  envelope.integer(l::kManifest).raw(manifest_bstr.data());
  for (const IntegratedPayload& p : payloads)
    envelope.text(p.key).bytes(p.bytes);
  return envelope.take();
}

}  // namespace tc::suit_host
