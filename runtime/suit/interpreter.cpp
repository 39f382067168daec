#include "suit/interpreter.hpp"

#include <algorithm>

#include "suit/digest.hpp"
#include "suit/labels.hpp"

namespace tc::suit::detail {
namespace {

using label::Command;
using label::Parameter;

// try-each and run-sequence inside one another; each level keeps a copy of the State.
constexpr int kMaxNesting = 3;

constexpr uint32_t bit(Parameter p) {
  return uint32_t{1} << static_cast<unsigned>(p);
}

// The failures try-each moves past (a condition that does not hold); anything else aborts.
bool is_condition_failure(Error e) {
  return e == Error::wrong_vendor || e == Error::wrong_class || e == Error::image_mismatch;
}

// One parameter value into `to` (bit set in to.set), or skipped when TinyContainer has no use
// for it: a command that needs such a parameter is unsupported itself.
Report read_parameter(Read& r, int64_t key, ComponentState& to) {
  const auto p = static_cast<Parameter>(key);
  Report rep = ok();
  switch (p) {
    case Parameter::vendor_identifier: {
      uint64_t tag = 0;
      rep = r.optional_tag(tag);
      if (rep.ok() && tag != 0 && tag != label::kPenTag) return r.error(Error::malformed);
      to.vendor_is_pen = tag == label::kPenTag;
      if (rep.ok()) rep = r.bytes(to.vendor_id);
      break;
    }
    case Parameter::class_identifier:
      rep = r.bytes(to.class_id);
      break;
    case Parameter::image_digest:
      rep = r.bytes(to.image_digest);
      break;
    case Parameter::image_size:
      rep = r.uint(to.image_size);
      break;
    case Parameter::uri:
      rep = r.text(to.uri);
      break;
    default:
      return r.skip();
  }
  to.set |= bit(p);
  return rep;
}

// Copies the parameters `from` has into `to`: all of them (override-parameters) or only those
// `to` does not have yet (set-parameters).
void merge(ComponentState& to, const ComponentState& from, bool override_set) {
  const uint32_t take = override_set ? from.set : from.set & ~to.set;
  if ((take & bit(Parameter::vendor_identifier)) != 0) {
    to.vendor_id = from.vendor_id;
    to.vendor_is_pen = from.vendor_is_pen;
  }
  if ((take & bit(Parameter::class_identifier)) != 0) to.class_id = from.class_id;
  if ((take & bit(Parameter::image_digest)) != 0) to.image_digest = from.image_digest;
  if ((take & bit(Parameter::image_size)) != 0) to.image_size = from.image_size;
  if ((take & bit(Parameter::uri)) != 0) to.uri = from.uri;
  to.set |= take;
}

}  // namespace

Report Interpreter::run(SequenceId id, Bytes sequence) {
  if (!env_.shared_sequence.empty()) {
    id_ = SequenceId::shared;
    state_.selected = 1;
    const Report rep = commands(env_.shared_sequence, 0);
    if (!rep.ok()) return rep;
  }
  id_ = id;
  state_.selected = 1;
  return commands(sequence, 0);
}

Report Interpreter::commands(Bytes sequence, int depth) {
  const char* where = sequence_name(id_);
  if (depth > kMaxNesting) return fail(Error::too_large, where);
  Read r(sequence, where);
  uint64_t count = 0;
  Report rep = r.array(count);
  if (rep.ok() && (count == 0 || count % 2 != 0)) rep = r.error(Error::malformed);
  for (uint64_t i = 0; rep.ok() && i < count / 2; ++i) {
    int64_t label = 0;
    rep = r.integer(label);
    if (!rep.ok()) break;
    r.set_where(command_where(id_, label));
    rep = command(r, label, depth);
    r.set_where(where);
  }
  return rep.ok() ? r.finish() : rep;
}

Report Interpreter::command(Read& r, int64_t label, int depth) {
  switch (static_cast<Command>(label)) {
    case Command::set_component_index:
      return set_index(r);
    case Command::override_parameters:
      return parameters(r, true);
    case Command::set_parameters:
      return parameters(r, false);
    case Command::vendor_identifier:
      return each_selected(r, &Interpreter::check_vendor);
    case Command::class_identifier:
      return each_selected(r, &Interpreter::check_class);
    case Command::image_match:
      return each_selected(r, &Interpreter::check_image);
    case Command::fetch:
      return each_selected(r, &Interpreter::fetch);
    case Command::invoke:
      return each_selected(r, &Interpreter::invoke);
    case Command::try_each:
      return try_each(r, depth);
    case Command::run_sequence:
      return run_sequence(r, depth);
    default:
      return r.error(Error::unsupported);
  }
}

// IndexArg: one index, true (every component), or an array of indices.
Report Interpreter::set_index(Read& r) {
  const uint8_t n = state_.component_count;
  if (r.next_is(cbor::Type::simple)) {
    bool all = false;
    const Report rep = r.boolean(all);
    if (rep.ok() && !all) return r.error(Error::malformed);
    state_.selected = (uint32_t{1} << n) - 1;
    return rep;
  }
  const bool single = r.next_is(cbor::Type::unsigned_int);
  uint64_t count = 1;
  Report rep = single ? ok() : r.array(count);
  if (rep.ok() && count == 0) rep = r.error(Error::malformed);
  uint32_t selected = 0;
  for (uint64_t i = 0; rep.ok() && i < count; ++i) {
    uint64_t index = 0;
    rep = r.uint(index);
    if (rep.ok() && index >= n) rep = r.error(Error::malformed);
    if (rep.ok()) selected |= uint32_t{1} << index;
  }
  if (rep.ok()) state_.selected = selected;
  return rep;
}

Report Interpreter::parameters(Read& r, bool override_set) {
  uint64_t pairs = 0;
  Report rep = r.map(pairs);
  ComponentState incoming;
  for (uint64_t i = 0; rep.ok() && i < pairs; ++i) {
    int64_t key = 0;
    rep = r.integer(key);
    if (rep.ok()) rep = read_parameter(r, key, incoming);
  }
  if (!rep.ok()) return rep;
  for (uint8_t i = 0; i < state_.component_count; ++i) {
    if ((state_.selected >> i) & 1U) merge(state_.components[i], incoming, override_set);
  }
  return ok();
}

// A condition or directive whose argument is a reporting policy, applied to each selected
// component. The policy is read and ignored: this device sends no SUIT reports.
Report Interpreter::each_selected(Read& r, Action action) {
  uint64_t policy = 0;
  Report rep = r.uint(policy);
  for (uint8_t i = 0; rep.ok() && i < state_.component_count; ++i) {
    if ((state_.selected >> i) & 1U) rep = (this->*action)(state_.components[i], r);
  }
  return rep;
}

// Each alternative runs on a copy of the state; the first that completes wins. A condition that
// fails moves on to the next one; a trailing nil lets the whole try-each succeed with none.
Report Interpreter::try_each(Read& r, int depth) {
  uint64_t count = 0;
  Report rep = r.array(count);
  if (rep.ok() && count == 0) rep = r.error(Error::malformed);
  bool done = false;
  Report last = ok();
  for (uint64_t i = 0; rep.ok() && i < count; ++i) {
    if (done) {
      rep = r.skip();
    } else if (r.next_is_null()) {
      rep = i + 1 == count ? r.null() : r.error(Error::malformed);
      done = true;
    } else {
      Bytes alternative;
      rep = r.bytes(alternative);
      if (!rep.ok()) break;
      const State saved = state_;
      last = commands(alternative, depth + 1);
      done = last.ok();
      if (!done && !is_condition_failure(last.error)) return last;
      if (!done) state_ = saved;
    }
  }
  if (rep.ok() && !done) return last;
  return rep;
}

Report Interpreter::run_sequence(Read& r, int depth) {
  Bytes sequence;
  const Report rep = r.bytes(sequence);
  return rep.ok() ? commands(sequence, depth + 1) : rep;
}

Report Interpreter::check_vendor(ComponentState& c, const Read& r) {
  if ((c.set & bit(Parameter::vendor_identifier)) == 0) return r.error(Error::malformed);
  if (c.vendor_is_pen) return r.error(Error::unsupported);
  if (!same_bytes(c.vendor_id, context_.identity.vendor_id)) return r.error(Error::wrong_vendor);
  state_.vendor_checked = true;
  return ok();
}

Report Interpreter::check_class(ComponentState& c, const Read& r) {
  if ((c.set & bit(Parameter::class_identifier)) == 0) return r.error(Error::malformed);
  if (!same_bytes(c.class_id, context_.identity.class_id)) return r.error(Error::wrong_class);
  return ok();
}

Report Interpreter::check_image(ComponentState& c, const Read& r) {
  if ((c.set & bit(Parameter::image_digest)) == 0) return r.error(Error::malformed);
  Digest digest;
  Report rep = parse_digest(c.image_digest, digest, r.where());
  if (!rep.ok()) return rep;
  if (digest.algorithm != label::kSha256) return r.error(Error::unsupported);
  if (!c.fetched) return r.error(Error::missing_payload);
  const bool sized = (c.set & bit(Parameter::image_size)) != 0;
  if (sized && c.image_size != c.payload.size()) return r.error(Error::image_mismatch);
  const Bytes parts[] = {c.payload};
  rep = check_digest(context_.crypto, digest, parts, Error::image_mismatch, r.where());
  if (!rep.ok()) return rep;
  c.matched = true;
  return ok();
}

// "#key" names an integrated payload (a text key of the envelope); any other URI goes to the
// Fetcher.
Report Interpreter::fetch(ComponentState& c, const Read& r) {
  if ((c.set & bit(Parameter::uri)) == 0) return r.error(Error::malformed);
  if (!c.uri.starts_with('#')) return fetch_remote(c, r);
  const Payload* payload = env_.find_payload(c.uri);
  if (payload == nullptr) return r.error(Error::missing_payload);
  c.payload = payload->value;
  c.fetched = true;
  c.matched = false;
  return ok();
}

Report Interpreter::fetch_remote(ComponentState& c, const Read& r) {
  if (context_.fetcher == nullptr) return r.error(Error::fetch_failed);
  const std::span<uint8_t> buffer = context_.fetch_buffer;
  const std::span<uint8_t> into = buffer.subspan(std::min(state_.fetch_used, buffer.size()));
  const Result<Bytes> got = context_.fetcher->fetch(c.uri, into);
  // The fetcher writes at the start of `into`; anything else is not a payload we can trust.
  if (!got.ok() || got->data() != into.data() || got->size() > into.size())
    return r.error(Error::fetch_failed);
  state_.fetch_used += got->size();
  c.payload = *got;
  c.fetched = true;
  c.matched = false;
  return ok();
}

Report Interpreter::invoke(ComponentState& c, const Read& /*r*/) {
  c.invoked = true;
  return ok();
}

}  // namespace tc::suit::detail
