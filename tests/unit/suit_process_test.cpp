// The container profile (docs/suit.md) end to end on the device side: envelopes made by the host
// builder (keys generated here), each refused for its own reason.
#include <gtest/gtest.h>

#include <map>

#include "suit/cbor_out.hpp"
#include "suit/envelope_builder.hpp"
#include "suit/layout.hpp"
#include "suit_test_support.hpp"

namespace tc::suit_test {
namespace {

using suit::Error;
using suit_host::CborOut;
using suit_host::ContainerRelease;
using Signers = std::vector<const keys::PrivateKey*>;
using suit_host::kImageKey;
using suit_host::kManifestKey;

std::vector<uint8_t> pattern(std::size_t size, uint8_t seed) {
  std::vector<uint8_t> out(size);
  for (std::size_t i = 0; i < size; ++i)
    out[i] = static_cast<uint8_t>(seed + i * 7);
  return out;
}

class FakeFetcher final : public suit::Fetcher {
 public:
  Result<suit::Bytes> fetch(std::string_view uri, std::span<uint8_t> into) override {
    const auto it = resources.find(std::string(uri));
    if (it == resources.end()) return Status(StatusCode::not_found, "no such resource");
    if (it->second.size() > into.size()) return Status(StatusCode::resource_exhausted, "full");
    std::copy(it->second.begin(), it->second.end(), into.begin());
    return suit::Bytes(into.data(), it->second.size());
  }
  std::map<std::string, std::vector<uint8_t>> resources;
};

class SuitProcess : public ::testing::Test {
 protected:
  SuitProcess() {
    anchors_[0] = make_anchor(operator_.public_key());
    anchors_[1] = make_anchor(tenant_.public_key(), crypto::Role::tenant_key, "acme");
    const suit_host::Uuid vendor = suit_host::default_vendor_id();
    const suit_host::Uuid klass = suit_host::default_class_id(vendor, "smartdronebox");
    std::copy(vendor.begin(), vendor.end(), identity_.vendor_id);
    std::copy(klass.begin(), klass.end(), identity_.class_id);
    release_.name = "climate";
    release_.image = pattern(300, 1);
    release_.manifest_cbor = {0xa1, 0x01, 0x67, 'c', 'l', 'i', 'm', 'a', 't', 'e'};
    release_.sequence = 7;
    release_.vendor_id = vendor;
    release_.class_id = klass;
  }

  std::vector<uint8_t> build(const ContainerRelease& release, const Signers& signers) const {
    return suit_host::build_envelope(release, signers);
  }
  std::vector<uint8_t> build() const { return build(release_, {&operator_}); }

  std::vector<uint8_t> sign(const suit_host::ManifestLayout& layout,
                            const std::vector<suit_host::IntegratedPayload>& payloads) const {
    const Signers signers = {&operator_};
    return suit_host::sign_envelope(suit_host::encode_manifest(layout), payloads, signers);
  }

  Outcome run(const std::vector<uint8_t>& envelope) {
    const suit::Context context{crypto_, identity_, fetcher_, fetch_buffer_};
    return run_device(envelope, policy_, &context);
  }

  void expect(const std::vector<uint8_t>& envelope, Error error, const char* where = nullptr) {
    const Outcome o = run(envelope);
    EXPECT_EQ(o.report.error, error) << o.report.where;
    if (where != nullptr) {
      EXPECT_STREQ(o.report.where, where);
    }
  }

  keys::PrivateKey operator_ = keys::PrivateKey::generate(crypto::Algorithm::es256);
  keys::PrivateKey tenant_ = keys::PrivateKey::generate(crypto::Algorithm::eddsa);
  keys::PrivateKey stranger_ = keys::PrivateKey::generate(crypto::Algorithm::es256);
  crypto::TrustAnchor anchors_[2];
  suit::Policy policy_{anchors_};
  suit::DeviceIdentity identity_;
  crypto::HostCrypto crypto_;
  suit::Fetcher* fetcher_ = nullptr;
  std::vector<uint8_t> buffer_storage_ = std::vector<uint8_t>(4096);
  std::span<uint8_t> fetch_buffer_{buffer_storage_};
  ContainerRelease release_;
};

TEST_F(SuitProcess, AGoodEnvelopeDeploysItsContainer) {
  const std::vector<uint8_t> envelope = build();
  const Outcome o = run(envelope);
  ASSERT_EQ(o.report.error, Error::ok) << o.report.where;
  EXPECT_EQ(o.deployment.name, "climate");
  EXPECT_EQ(o.deployment.sequence, 7U);
  EXPECT_EQ(to_vector(o.deployment.image), release_.image);
  EXPECT_EQ(to_vector(o.deployment.manifest), release_.manifest_cbor);
  EXPECT_TRUE(o.deployment.invoke);
  // Views into the envelope, not copies.
  EXPECT_GE(o.deployment.image.data(), envelope.data());
  EXPECT_LE(o.deployment.image.data() + o.deployment.image.size(),
            envelope.data() + envelope.size());
  EXPECT_TRUE(o.auth.operator_signed);
  EXPECT_EQ(o.auth.signed_by, 1U);
}

TEST_F(SuitProcess, AnEnvelopeForAnotherVendorIsRefused) {
  release_.vendor_id = suit_host::uuid_v5(release_.vendor_id, "someone else");
  expect(build(), Error::wrong_vendor, "shared-sequence: condition-vendor-identifier");
}

TEST_F(SuitProcess, AnEnvelopeForAnotherClassIsRefused) {
  release_.class_id = suit_host::default_class_id(release_.vendor_id, "another board");
  expect(build(), Error::wrong_class, "shared-sequence: condition-class-identifier");
}

TEST_F(SuitProcess, AZeroClassIdLeavesTheClassUnchecked) {
  release_.class_id = {};
  std::fill(std::begin(identity_.class_id), std::end(identity_.class_id), uint8_t{0x55});
  expect(build(), Error::ok);
}

// The payload is changed after the digest was taken, and the envelope signed anyway: only the
// image-match condition can catch it.
TEST_F(SuitProcess, ATamperedImageFailsTheDigestCheck) {
  const suit_host::ManifestLayout layout = suit_host::container_layout(release_);
  std::vector<suit_host::IntegratedPayload> payloads = suit_host::container_payloads(release_);
  payloads[0].bytes[100] ^= 0x20;
  const std::vector<uint8_t> envelope = sign(layout, payloads);
  const Outcome o = run(envelope);
  EXPECT_TRUE(o.auth.operator_signed);
  EXPECT_EQ(o.report.error, Error::image_mismatch);
  EXPECT_STREQ(o.report.where, "install: condition-image-match");
}

TEST_F(SuitProcess, AnImageOfAnotherSizeFailsTheSizeCheck) {
  suit_host::ManifestLayout layout = suit_host::container_layout(release_);
  layout.components[0].size += 1;
  expect(sign(layout, suit_host::container_payloads(release_)), Error::image_mismatch,
         "install: condition-image-match");
}

// Install matches both components in one command: the permissions manifest is held to its own
// digest and size as the image is to its.
TEST_F(SuitProcess, ATamperedPermissionsManifestFailsItsOwnDigestCheck) {
  const suit_host::ManifestLayout layout = suit_host::container_layout(release_);
  std::vector<suit_host::IntegratedPayload> payloads = suit_host::container_payloads(release_);
  ASSERT_EQ(payloads[1].key, kManifestKey);
  payloads[1].bytes[3] ^= 0x01;
  expect(sign(layout, payloads), Error::image_mismatch, "install: condition-image-match");

  suit_host::ManifestLayout sized = layout;
  sized.components[1].size -= 1;
  expect(sign(sized, suit_host::container_payloads(release_)), Error::image_mismatch,
         "install: condition-image-match");
}

// Each component fetches its own payload: the image's size and digest refuse the manifest's bytes.
TEST_F(SuitProcess, SwappedPayloadsAreRefused) {
  std::vector<suit_host::IntegratedPayload> payloads = suit_host::container_payloads(release_);
  std::swap(payloads[0].bytes, payloads[1].bytes);
  expect(sign(suit_host::container_layout(release_), payloads), Error::image_mismatch,
         "install: condition-image-match");
}

TEST_F(SuitProcess, AMissingPayloadIsRefused) {
  std::vector<suit_host::IntegratedPayload> payloads = suit_host::container_payloads(release_);
  payloads.pop_back();  // "#m"
  expect(sign(suit_host::container_layout(release_), payloads), Error::missing_payload,
         "install: directive-fetch");
}

TEST_F(SuitProcess, ThreeComponentsAreNotAContainer) {
  suit_host::ManifestLayout layout = suit_host::container_layout(release_);
  layout.components.push_back(layout.components[1]);
  layout.components.back().id[2] = {'e', 'x', 't', 'r', 'a'};
  expect(sign(layout, suit_host::container_payloads(release_)), Error::not_a_container,
         "common: components");
}

// The profile is the one-byte kinds of docs/suit.md; the longer ones of earlier builds (never
// deployed) are not a container.
TEST_F(SuitProcess, TheFormerComponentKindsAreNotAContainer) {
  suit_host::ManifestLayout layout = suit_host::container_layout(release_);
  layout.components[0].id[2] = {'i', 'm', 'a', 'g', 'e'};
  layout.components[1].id[2] = {'m', 'a', 'n', 'i', 'f', 'e', 's', 't'};
  expect(sign(layout, suit_host::container_payloads(release_)), Error::not_a_container,
         "common: components");
  layout.components[0].id[2] = {'i'};
  layout.components[1].id[2] = {'i'};  // two images
  expect(sign(layout, suit_host::container_payloads(release_)), Error::not_a_container,
         "common: components");
}

TEST_F(SuitProcess, ComponentsNamingTwoContainersAreRefused) {
  suit_host::ManifestLayout layout = suit_host::container_layout(release_);
  layout.components[1].id[1] = {'o', 't', 'h', 'e', 'r'};
  expect(sign(layout, suit_host::container_payloads(release_)), Error::name_mismatch);
}

TEST_F(SuitProcess, AnEnvelopeWithoutAVendorConditionIsNotAContainer) {
  suit_host::ManifestLayout layout = suit_host::container_layout(release_);
  layout.vendor_condition = false;
  expect(sign(layout, suit_host::container_payloads(release_)), Error::not_a_container,
         "shared-sequence: no condition-vendor-identifier");
}

TEST_F(SuitProcess, TheTenantPolicyAsksForTheTenantsSignature) {
  policy_.require_tenant_signature = true;
  const Outcome alone = run(build());
  ASSERT_EQ(alone.report.error, Error::ok);
  EXPECT_EQ(suit::check_tenant(policy_, alone.auth, "acme").error, Error::tenant_signature);

  const std::vector<uint8_t> both = build(release_, {&operator_, &tenant_});
  const Outcome o = run(both);
  ASSERT_EQ(o.report.error, Error::ok);
  EXPECT_EQ(o.auth.signed_by, 3U);
  EXPECT_EQ(suit::check_tenant(policy_, o.auth, "acme").error, Error::ok);
  EXPECT_EQ(suit::check_tenant(policy_, o.auth, "globex").error, Error::tenant_signature);

  policy_.require_tenant_signature = false;
  EXPECT_EQ(suit::check_tenant(policy_, alone.auth, "acme").error, Error::ok);
}

TEST_F(SuitProcess, AnUnknownSignerIsRefusedUnlessTheOperatorSigned) {
  expect(build(release_, {&stranger_}), Error::unknown_key);
  expect(build(release_, {&tenant_}), Error::unknown_key);  // known, but not the operator
  const Outcome o = run(build(release_, {&operator_, &stranger_}));
  EXPECT_EQ(o.report.error, Error::ok);
  EXPECT_EQ(o.auth.signed_by, 1U);
}

// A port built without Ed25519, like the firmware's (mbedTLS 2.28 has none).
class CryptoWithoutEddsa final : public HostCryptoWrapper {
 public:
  crypto::Verdict verify(crypto::Algorithm alg, crypto::Bytes public_key, crypto::Bytes message,
                         crypto::Bytes signature) override {
    if (alg == crypto::Algorithm::eddsa) return crypto::Verdict::unsupported;
    return host().verify(alg, public_key, message, signature);
  }
};

TEST_F(SuitProcess, ASignatureWhoseAlgorithmNoAnchorHasIsUnsupported) {
  policy_.anchors = std::span(anchors_).first(1);  // the ES256 operator key only
  expect(build(release_, {&tenant_}), Error::unsupported,
         "authentication-wrapper: no key of the signature's algorithm on this device");
  // Beside a verified operator signature it is a tenant key this device was not given.
  const Outcome o = run(build(release_, {&operator_, &tenant_}));
  EXPECT_EQ(o.report.error, Error::ok) << o.report.where;
  EXPECT_EQ(o.auth.signed_by, 1U);
}

TEST_F(SuitProcess, ASignatureThePortCannotCheckIsUnsupported) {
  CryptoWithoutEddsa port;
  const auto authenticate = [&](const std::vector<uint8_t>& envelope, suit::Authentication& auth) {
    suit::Envelope env;
    EXPECT_TRUE(suit::parse(envelope, env).ok());
    return suit::authenticate(env, port, policy_, auth);
  };
  suit::Authentication auth;
  EXPECT_EQ(authenticate(build(release_, {&tenant_}), auth).error, Error::unsupported);
  ASSERT_EQ(authenticate(build(release_, {&operator_, &tenant_}), auth).error, Error::ok);
  EXPECT_EQ(auth.signed_by, 1U);  // the tenant's signature was not checked, so it does not count
  policy_.require_tenant_signature = true;
  EXPECT_EQ(suit::check_tenant(policy_, auth, "acme").error, Error::tenant_signature);
}

TEST_F(SuitProcess, ABadSecondSignatureIsRefused) {
  std::vector<uint8_t> envelope = build(release_, {&operator_, &tenant_});
  suit::Envelope env;
  ASSERT_TRUE(suit::parse(envelope, env).ok());
  envelope[offset_in(envelope, env.signatures[1].signature) + 10] ^= 0x01;
  expect(envelope, Error::bad_signature, "authentication-wrapper: signature 2");
}

TEST_F(SuitProcess, AnUnsignedEnvelopeIsRefused) {
  const std::vector<uint8_t> envelope =
      suit_host::sign_envelope(suit_host::encode_manifest(suit_host::container_layout(release_)),
                               suit_host::container_payloads(release_), Signers{});
  expect(envelope, Error::unsigned_envelope);
}

TEST_F(SuitProcess, EveryTruncationIsReportedAsTruncated) {
  const std::vector<uint8_t> envelope = build();
  std::size_t tried = 0;
  for (std::size_t size = 0; size < envelope.size(); ++size) {
    suit::Envelope env;
    const suit::Report r = suit::parse(std::span(envelope).first(size), env);
    EXPECT_EQ(r.error, Error::truncated) << "at " << size << " (" << r.where << ")";
    ++tried;
  }
  EXPECT_EQ(tried, envelope.size());
  RecordProperty("truncations", static_cast<int>(tried));
}

TEST_F(SuitProcess, PayloadsByUriComeThroughTheFetcher) {
  release_.image_uri = "coap://gateway/climate.tcx";
  release_.manifest_uri = "coap://gateway/climate.cbor";
  const std::vector<uint8_t> envelope = build();
  expect(envelope, Error::fetch_failed, "install: directive-fetch");  // no fetcher

  FakeFetcher fetcher;
  fetcher.resources[release_.image_uri] = release_.image;
  fetcher.resources[release_.manifest_uri] = release_.manifest_cbor;
  fetcher_ = &fetcher;
  const Outcome o = run(envelope);
  ASSERT_EQ(o.report.error, Error::ok) << o.report.where;
  EXPECT_EQ(o.deployment.image.data(), fetch_buffer_.data());
  EXPECT_EQ(o.deployment.manifest.data(), fetch_buffer_.data() + release_.image.size());
  EXPECT_EQ(to_vector(o.deployment.manifest), release_.manifest_cbor);

  fetch_buffer_ = fetch_buffer_.first(release_.image.size() + 2);  // no room for the manifest
  expect(envelope, Error::fetch_failed, "install: directive-fetch");
}

// Hand-written manifests for the commands the builder never writes.
class SuitCommands : public SuitProcess {
 protected:
  // {1: 1, 2: 1, 3: << common >>, 20: << install >>} with the profile's components and a shared
  // sequence that sets the identity and each component's digest and size.
  std::vector<uint8_t> envelope_with_install(const CborOut& install) const {
    const suit_host::ManifestLayout layout = suit_host::container_layout(release_);
    CborOut shared;
    shared.array(8 + 2 * 4);
    shared.uint(12).boolean(true).uint(20).map(2);
    shared.uint(1).bytes(release_.vendor_id).uint(2).bytes(release_.class_id);
    shared.uint(1).uint(15).uint(2).uint(15);
    for (std::size_t i = 0; i < 2; ++i) {
      CborOut digest;
      digest.array(2).integer(-16).bytes(layout.components[i].digest);
      shared.uint(12).uint(i).uint(20).map(2).uint(3).wrap(digest).uint(14).uint(
          layout.components[i].size);
    }
    CborOut common;
    common.map(2).uint(2).array(2);
    for (const auto& c : layout.components) {
      common.array(3);
      for (const auto& segment : c.id)
        common.bytes(segment);
    }
    common.uint(4).wrap(shared);
    CborOut manifest;
    manifest.map(4).uint(1).uint(1).uint(2).uint(1).uint(3).wrap(common).uint(20).wrap(install);
    const Signers signers = {&operator_};
    return suit_host::sign_envelope(manifest.data(), suit_host::container_payloads(release_),
                                    signers);
  }

  // [12, i, 20, {21: uri}, 21, 2, 3, 15] as items (8) appended to `out`.
  static void fetch_and_match(CborOut& out, uint64_t index, const char* uri) {
    out.uint(12).uint(index).uint(20).map(1).uint(21).text(uri).uint(21).uint(2).uint(3).uint(15);
  }
};

TEST_F(SuitCommands, AnUnsupportedCommandNamesItsSequenceAndCommand) {
  CborOut install;
  install.array(4).uint(12).uint(0).uint(22).uint(2);  // directive-copy
  expect(envelope_with_install(install), Error::unsupported, "install: directive-copy");
  CborOut unknown;
  unknown.array(2).uint(99).uint(0);
  expect(envelope_with_install(unknown), Error::unsupported, "install: unknown command");
}

TEST_F(SuitCommands, TryEachMovesPastAFailedConditionAndRestoresTheParameters) {
  CborOut wrong_class;
  wrong_class.array(4).uint(20).map(1).uint(2).bytes(pattern(16, 9)).uint(2).uint(15);
  CborOut fetch_image;
  fetch_image.array(6).uint(20).map(1).uint(21).text(kImageKey).uint(21).uint(2).uint(3).uint(15);
  CborOut install;
  install.array(4 + 2 + 8).uint(12).uint(0).uint(15).array(2).wrap(wrong_class).wrap(fetch_image);
  install.uint(2).uint(15);  // the class id is the shared sequence's again
  fetch_and_match(install, 1, kManifestKey);
  const std::vector<uint8_t> envelope = envelope_with_install(install);
  const Outcome o = run(envelope);
  EXPECT_EQ(o.report.error, Error::ok) << o.report.where;
  EXPECT_EQ(to_vector(o.deployment.image), release_.image);
}

TEST_F(SuitCommands, TryEachWithNoAlternativeLeftFailsOrFallsThroughNil) {
  CborOut wrong_class;
  wrong_class.array(4).uint(20).map(1).uint(2).bytes(pattern(16, 9)).uint(2).uint(15);
  CborOut all_fail;
  all_fail.array(4).uint(12).uint(0).uint(15).array(2).wrap(wrong_class).wrap(wrong_class);
  expect(envelope_with_install(all_fail), Error::wrong_class,
         "install: condition-class-identifier");
  CborOut with_nil;
  with_nil.array(4 + 8).uint(12).uint(0).uint(15).array(3).wrap(wrong_class).wrap(wrong_class);
  with_nil.null();
  fetch_and_match(with_nil, 1, kManifestKey);
  // Nothing fetched the image: the profile's final check says so.
  expect(envelope_with_install(with_nil), Error::missing_payload, "tc image component");
}

TEST_F(SuitCommands, RunSequenceAndIndexArraysWork) {
  CborOut inner;
  inner.array(8);
  fetch_and_match(inner, 0, kImageKey);
  CborOut install;
  install.array(2 + 8 + 4).uint(32).wrap(inner);
  fetch_and_match(install, 1, kManifestKey);
  install.uint(12).array(2).uint(0).uint(1).uint(3).uint(15);  // match both again
  const std::vector<uint8_t> envelope = envelope_with_install(install);
  const Outcome o = run(envelope);
  EXPECT_EQ(o.report.error, Error::ok) << o.report.where;
  EXPECT_FALSE(o.deployment.invoke);  // no invoke sequence
}

TEST_F(SuitCommands, AnIndexBeyondTheComponentsIsMalformed) {
  CborOut install;
  install.array(2).uint(12).uint(2);
  expect(envelope_with_install(install), Error::malformed,
         "install: directive-set-component-index");
}

}  // namespace
}  // namespace tc::suit_test
