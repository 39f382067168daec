// The container profile's manifest (docs/suit.md, "Envelope layout" and "Envelope size"):
//   shared-sequence: set-component-index 0,
//                    override {vendor-id, class-id, image-digest, image-size, uri},
//                    condition-vendor-identifier, condition-class-identifier;
//                    then per further component: set-component-index i,
//                    override {image-digest, image-size, uri}
//   install:  set-component-index true, fetch, condition-image-match
//   validate: set-component-index true, condition-image-match
//   invoke:   set-component-index <image>, directive-invoke
// The identity conditions run once, on component 0, as the draft's two-component example 4 does:
// they compare the device's identity, which is the same whichever component holds the parameters.
#include "suit/layout.hpp"

#include <algorithm>
#include <string_view>

#include "host_crypto.hpp"
#include "suit/cbor_out.hpp"
#include "suit/labels.hpp"

namespace tc::suit_host {
namespace {

using suit::label::Command;
using suit::label::Parameter;

// Reporting policies as the draft's examples write them: conditions report everything (15),
// directives a record on failure (2).
constexpr uint64_t kConditionPolicy = 15;
constexpr uint64_t kDirectivePolicy = 2;

// A command sequence under construction: counts its items so the array head comes out right.
class Sequence {
 public:
  Sequence& command(Command c) {
    body_.integer(static_cast<int64_t>(c));
    ++items_;
    return *this;
  }
  Sequence& policy(Command c, uint64_t policy) {
    command(c);
    body_.uint(policy);
    ++items_;
    return *this;
  }
  Sequence& select(std::size_t index) {
    command(Command::set_component_index);
    body_.uint(index);
    ++items_;
    return *this;
  }
  Sequence& select_all() {
    command(Command::set_component_index);
    body_.boolean(true);
    ++items_;
    return *this;
  }
  // override-parameters with `pairs` entries, written by `write` into the map.
  template <typename Write>
  Sequence& override_parameters(uint64_t pairs, Write write) {
    command(Command::override_parameters);
    body_.map(pairs);
    write(body_);
    ++items_;
    return *this;
  }

  [[nodiscard]] CborOut encoded() const {
    CborOut out;
    out.array(items_).raw(body_.data());
    return out;
  }

 private:
  CborOut body_;
  uint64_t items_ = 0;
};

CborOut& key(CborOut& out, Parameter p) {
  return out.integer(static_cast<int64_t>(p));
}

CborOut digest_of(const std::vector<uint8_t>& sha256) {
  CborOut d;
  d.array(2).integer(suit::label::kSha256).bytes(sha256);
  return d;
}

// Component 0's parameter map also holds the identity; the keys stay sorted (1, 2, 3, 14, 21).
CborOut shared_sequence(const ManifestLayout& layout) {
  Sequence s;
  const uint64_t identity = uint64_t{layout.vendor_condition} + uint64_t{layout.class_condition};
  for (std::size_t i = 0; i < layout.components.size(); ++i) {
    const ComponentLayout& c = layout.components[i];
    const bool first = i == 0;
    s.select(i).override_parameters((first ? identity : 0) + 3, [&](CborOut& m) {
      if (first && layout.vendor_condition)
        key(m, Parameter::vendor_identifier).bytes(layout.vendor_id);
      if (first && layout.class_condition)
        key(m, Parameter::class_identifier).bytes(layout.class_id);
      key(m, Parameter::image_digest).wrap(digest_of(c.digest));
      key(m, Parameter::image_size).uint(c.size);
      key(m, Parameter::uri).text(c.uri);
    });
    if (first && layout.vendor_condition) s.policy(Command::vendor_identifier, kConditionPolicy);
    if (first && layout.class_condition) s.policy(Command::class_identifier, kConditionPolicy);
  }
  return s.encoded();
}

// Every component at once: the uris came with the digests in the shared sequence.
CborOut install_sequence() {
  Sequence s;
  s.select_all()
      .policy(Command::fetch, kDirectivePolicy)
      .policy(Command::image_match, kConditionPolicy);
  return s.encoded();
}

CborOut validate_sequence() {
  Sequence s;
  s.select_all().policy(Command::image_match, kConditionPolicy);
  return s.encoded();
}

CborOut invoke_sequence(const ManifestLayout& layout) {
  Sequence s;
  s.select(layout.invoke_component).policy(Command::invoke, kDirectivePolicy);
  return s.encoded();
}

CborOut common(const ManifestLayout& layout) {
  CborOut c;
  c.map(2).integer(suit::label::kComponents).array(layout.components.size());
  for (const ComponentLayout& component : layout.components) {
    c.array(component.id.size());
    for (const std::vector<uint8_t>& segment : component.id)
      c.bytes(segment);
  }
  c.integer(suit::label::kSharedSequence).wrap(shared_sequence(layout));
  return c;
}

std::vector<uint8_t> text_bytes(std::string_view text) {
  return {text.begin(), text.end()};
}

ComponentLayout component(const std::string& name, std::string_view kind,
                          const std::vector<uint8_t>& payload, const std::string& uri,
                          const char* integrated_key) {
  return {{text_bytes(suit::kContainerPrefix), text_bytes(name), text_bytes(kind)},
          sha256(payload),
          payload.size(),
          uri.empty() ? integrated_key : uri};
}

}  // namespace

std::vector<uint8_t> sha256(std::span<const uint8_t> bytes) {
  crypto::HostCrypto crypto;
  std::vector<uint8_t> out(crypto::kSha256Size);
  const crypto::Bytes parts[] = {bytes};
  if (!crypto.sha256(parts, std::span<uint8_t, crypto::kSha256Size>(out.data(), out.size())).ok())
    throw EnvelopeError("SHA-256 failed");
  return out;
}

ManifestLayout container_layout(const ContainerRelease& release) {
  if (release.name.empty()) throw EnvelopeError("the container name is empty");
  ManifestLayout layout;
  layout.sequence = release.sequence;
  layout.vendor_id = release.vendor_id;
  layout.class_id = release.class_id;
  layout.class_condition = std::any_of(release.class_id.begin(), release.class_id.end(),
                                       [](uint8_t b) { return b != 0; });
  layout.components = {
      component(release.name, suit::kImageKind, release.image, release.image_uri, kImageKey),
      component(release.name, suit::kManifestKind, release.manifest_cbor, release.manifest_uri,
                kManifestKey)};
  layout.invoke_component = 0;
  return layout;
}

std::vector<IntegratedPayload> container_payloads(const ContainerRelease& release) {
  std::vector<IntegratedPayload> out;
  if (release.image_uri.empty()) out.push_back({kImageKey, release.image});
  if (release.manifest_uri.empty()) out.push_back({kManifestKey, release.manifest_cbor});
  return out;
}

std::vector<uint8_t> encode_manifest(const ManifestLayout& layout) {
  namespace l = suit::label;
  if (layout.components.empty()) throw EnvelopeError("a manifest needs at least one component");
  CborOut m;
  m.map(6);
  m.integer(l::kVersion).uint(1);
  m.integer(l::kSequenceNumber).uint(layout.sequence);
  m.integer(l::kCommon).wrap(common(layout));
  m.integer(l::kValidate).wrap(validate_sequence());
  m.integer(l::kInvoke).wrap(invoke_sequence(layout));
  m.integer(l::kInstall).wrap(install_sequence());
  return m.take();
}

}  // namespace tc::suit_host
