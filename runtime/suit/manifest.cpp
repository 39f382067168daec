#include "suit/manifest.hpp"

#include "suit/digest.hpp"
#include "suit/labels.hpp"
#include "suit/read.hpp"

namespace tc::suit::detail {
namespace {

// Labels below 64 are checked for duplicates with one bit each; larger ones are skipped anyway.
class Seen {
 public:
  // False when `label` was already seen.
  bool add(int64_t label) {
    if (label < 0 || label >= 64) return true;
    const uint64_t bit = uint64_t{1} << label;
    if ((bits_ & bit) != 0) return false;
    bits_ |= bit;
    return true;
  }
  [[nodiscard]] bool has(int64_t label) const { return ((bits_ >> label) & 1U) != 0; }

 private:
  uint64_t bits_ = 0;
};

const char* name_of(int64_t label) {
  const char* name = label::find_name(label::kManifestNames, label);
  return name != nullptr ? name : "manifest";
}

Report read_component_id(Read& r, ComponentId& id) {
  uint64_t count = 0;
  Report rep = r.array(count);
  if (rep.ok() && count > kMaxIdSegments) rep = r.error(Error::too_large);
  for (uint64_t i = 0; rep.ok() && i < count; ++i)
    rep = r.bytes(id.segments[i]);
  if (rep.ok()) id.count = static_cast<uint8_t>(count);
  return rep;
}

Report read_components(Read& r, Envelope& out) {
  uint64_t count = 0;
  Report rep = r.array(count);
  if (rep.ok() && count == 0) rep = r.error(Error::malformed);
  if (rep.ok() && count > kMaxComponents) rep = r.error(Error::too_large);
  for (uint64_t i = 0; rep.ok() && i < count; ++i)
    rep = read_component_id(r, out.components[i]);
  if (rep.ok()) out.component_count = static_cast<uint8_t>(count);
  return rep;
}

// A bstr holding a command sequence.
Report read_sequence(Read& r, Bytes& sequence) {
  Bytes encoded;
  const Report rep = r.bstr(encoded, sequence);
  return rep.ok() ? check_sequence(sequence, r.where()) : rep;
}

Report parse_common(Bytes content, Envelope& out) {
  Read r(content, "common");
  uint64_t pairs = 0;
  Report rep = r.map(pairs);
  Seen seen;
  for (uint64_t i = 0; rep.ok() && i < pairs; ++i) {
    int64_t key = 0;
    rep = r.integer(key);
    if (rep.ok() && !seen.add(key)) rep = r.error(Error::malformed);
    if (!rep.ok()) break;
    if (key == label::kComponents) {
      rep = read_components(r, out);
    } else if (key == label::kSharedSequence) {
      r.set_where("shared-sequence");
      rep = read_sequence(r, out.shared_sequence);
      r.set_where("common");
    } else if (key == label::kDependencies) {
      rep = r.error(Error::unsupported);  // dependency manifests are not processed here
    } else {
      rep = r.skip();
    }
  }
  if (rep.ok()) rep = r.finish();
  if (rep.ok() && !seen.has(label::kComponents)) rep = r.error(Error::malformed);
  return rep;
}

Report check_text_map(Bytes content, const char* where) {
  Read r(content, where);
  uint64_t pairs = 0;
  Report rep = r.map(pairs);
  for (uint64_t i = 0; rep.ok() && i < 2 * pairs; ++i)
    rep = r.skip();
  return rep.ok() ? r.finish() : rep;
}

// A severable member in the manifest: its digest (severed) or its bstr (embedded).
Report read_member(Read& r, int64_t key, Member& member) {
  if (r.next_is(cbor::Type::array)) {
    Bytes encoded;
    const Report rep = r.raw(encoded);
    member.form = Member::Form::severed;
    return rep.ok() ? parse_digest(encoded, member.digest, r.where()) : rep;
  }
  Bytes encoded;
  Report rep = r.bstr(encoded, member.value);
  if (rep.ok()) rep = check_member_content(key, member.value);
  member.form = Member::Form::embedded;
  member.present = rep.ok();
  return rep;
}

// Envelope or const Envelope: one lookup for both severable_member overloads.
template <typename E>
auto member_in(E& env, int64_t key) -> decltype(&env.install) {
  switch (key) {
    case label::kDependencyResolution:
      return &env.dependency_resolution;
    case label::kPayloadFetch:
      return &env.payload_fetch;
    case label::kInstall:
      return &env.install;
    case label::kText:
      return &env.text;
    default:
      return nullptr;
  }
}

Bytes* sequence_of(Envelope& out, int64_t key) {
  switch (key) {
    case label::kValidate:
      return &out.validate;
    case label::kLoad:
      return &out.load;
    case label::kInvoke:
      return &out.invoke;
    default:
      return nullptr;
  }
}

Report read_version(Read& r, Envelope& out) {
  const Report rep = r.uint(out.version);
  if (rep.ok() && out.version != 1) return r.error(Error::unsupported);
  return rep;
}

Report read_common(Read& r, Envelope& out) {
  Bytes encoded;
  Bytes content;
  const Report rep = r.bstr(encoded, content);
  return rep.ok() ? parse_common(content, out) : rep;
}

Report read_manifest_member(Read& r, int64_t key, Envelope& out) {
  if (Member* member = severable_member(out, key)) return read_member(r, key, *member);
  if (Bytes* sequence = sequence_of(out, key)) return read_sequence(r, *sequence);
  switch (key) {
    case label::kVersion:
      return read_version(r, out);
    case label::kSequenceNumber:
      return r.uint(out.sequence);
    case label::kCommon:
      return read_common(r, out);
    case label::kReferenceUri:
      return r.text(out.reference_uri);
    default:
      return r.skip();  // an extension: authenticated, and acted on only through commands
  }
}

}  // namespace

Member* severable_member(Envelope& env, int64_t key) {
  return member_in(env, key);
}

const Member* severable_member(const Envelope& env, int64_t key) {
  return member_in(env, key);
}

Report check_member_content(int64_t key, Bytes content) {
  const char* where = name_of(key);
  if (key == label::kText) return check_text_map(content, where);
  return check_sequence(content, where);
}

Report parse_manifest(Bytes content, Envelope& out) {
  Read r(content, "manifest");
  uint64_t pairs = 0;
  Report rep = r.map(pairs);
  Seen seen;
  for (uint64_t i = 0; rep.ok() && i < pairs; ++i) {
    int64_t key = 0;
    r.set_where("manifest");
    rep = r.integer(key);
    if (rep.ok() && !seen.add(key)) rep = r.error(Error::malformed);
    if (!rep.ok()) break;
    r.set_where(name_of(key));
    rep = read_manifest_member(r, key, out);
  }
  r.set_where("manifest");
  if (rep.ok()) rep = r.finish();
  const bool complete =
      seen.has(label::kVersion) && seen.has(label::kSequenceNumber) && seen.has(label::kCommon);
  if (rep.ok() && !complete) rep = r.error(Error::malformed);
  return rep;
}

}  // namespace tc::suit::detail
