// Persistence in Storage (record.hpp): container records, desired states, restore at start-up.
#include <cstring>

#include "agent/agent.hpp"
#include "agent/little_endian.hpp"
#include "agent/record.hpp"
#include "agent/slot.hpp"

namespace tc::agent {

namespace {

// Collects up to kBatch keys (copied) during a listing, so that the agent can act on them after
// the listing ended (the store must not change during a visit).
class KeyBatch final : public KeyVisitor {
 public:
  static constexpr std::size_t kBatch = 8;
  using Filter = bool (*)(const Agent& agent, std::string_view key);

  KeyBatch(const Agent& agent, std::size_t skip_prefix, Filter filter)
      : agent_(agent), skip_(skip_prefix), filter_(filter) {}

  bool visit(std::string_view key, uint32_t) override {
    if (key.size() > kMaxKeyLength || key.size() < skip_) return true;
    if (filter_ != nullptr && !filter_(agent_, key)) return true;
    std::memcpy(keys_[count_], key.data(), key.size());
    sizes_[count_] = static_cast<uint8_t>(key.size());
    return ++count_ < kBatch;
  }
  [[nodiscard]] std::size_t count() const { return count_; }
  [[nodiscard]] std::string_view key(std::size_t i) const { return {keys_[i], sizes_[i]}; }
  [[nodiscard]] std::string_view name(std::size_t i) const { return key(i).substr(skip_); }

 private:
  const Agent& agent_;
  std::size_t skip_;
  Filter filter_;
  char keys_[kBatch][kMaxKeyLength] = {};
  uint8_t sizes_[kBatch] = {};
  std::size_t count_ = 0;
};

// Removes every key under `prefix` (for which `filter` holds), batch by batch.
void remove_all(Storage& storage, const Agent& agent, std::string_view prefix,
                KeyBatch::Filter filter) {
  for (;;) {
    KeyBatch batch(agent, prefix.size(), filter);
    if (!storage.list(prefix, batch).ok() || batch.count() == 0) return;
    for (std::size_t i = 0; i < batch.count(); ++i)
      (void)storage.remove(batch.key(i));
    if (batch.count() < KeyBatch::kBatch) return;
  }
}

}  // namespace

Status Agent::persist_record(const Slot& s) {
  RecordHeader h = {};
  std::memcpy(h.magic, kRecordMagic, sizeof h.magic);
  h.format = kRecordFormat;
  h.manifest_size = sizeof(manifest::Manifest);
  h.cbor_size = s.cbor_size;
  h.image_size = s.image_size;
  h.sequence_low = static_cast<uint32_t>(s.sequence);
  h.sequence_high = static_cast<uint32_t>(s.sequence >> 32);
  static constexpr uint8_t kZeros[8] = {};
  const uint32_t pad = record_blob_offset(h.manifest_size) - sizeof h - h.manifest_size;
  const Bytes parts[] = {
      {reinterpret_cast<const uint8_t*>(&h), sizeof h},
      {reinterpret_cast<const uint8_t*>(&s.manifest), sizeof s.manifest},
      {kZeros, pad},
      s.blob.first(s.image_offset + s.image_size),
  };
  const Key key("c/", s.manifest.name.view());
  if (!key.ok()) return {StatusCode::invalid_argument, "container name too long for a key"};
  return ports_.storage.put(key.view(), parts);
}

Status Agent::persist_state(const Slot& s) {
  DesiredState desired = DesiredState::installed;
  switch (s.state) {
    case State::running:
    case State::suspended:
      desired = DesiredState::running;
      break;
    case State::stopped:
      desired = DesiredState::stopped;
      break;
    case State::faulted:
      desired = DesiredState::faulted;
      break;
    default:
      break;
  }
  const uint8_t byte = static_cast<uint8_t>(desired);
  const Bytes parts[] = {{&byte, 1}};
  return ports_.storage.put(Key("s/", s.manifest.name.view()).view(), parts);
}

// Re-creates the slot's container from its record (the manifest snapshot, or its CBOR through the
// decoder when the snapshot comes from another Manifest layout).
Status Agent::restore(Slot& s, std::string_view name) {
  const Key key("c/", name);
  Storage& st = ports_.storage;
  RecordHeader h;
  Result<uint32_t> n = st.read(key.view(), 0, {reinterpret_cast<uint8_t*>(&h), sizeof h});
  if (!n.ok()) return n.status();
  if (*n != sizeof h || std::memcmp(h.magic, kRecordMagic, 4) != 0 || h.format != kRecordFormat) {
    return {StatusCode::invalid_argument, "not a container record"};
  }
  const uint32_t blob_offset = record_blob_offset(h.manifest_size);
  const uint64_t blob_size = uint64_t{align8(h.cbor_size)} + h.image_size;
  if (blob_size > s.variable.size())
    return {StatusCode::resource_exhausted, "record exceeds the slot"};
  s.cbor_size = h.cbor_size;
  s.sequence = record_sequence(h);
  s.image_offset = align8(h.cbor_size);
  s.image_size = h.image_size;
  s.blob = s.variable.first(align8(blob_size));
  s.arena = s.variable.subspan(s.blob.size());
  n = st.read(key.view(), blob_offset, s.blob.first(blob_size));
  if (!n.ok() || *n != blob_size) return {StatusCode::invalid_argument, "truncated record"};
  if (h.manifest_size == sizeof(manifest::Manifest)) {
    manifest::Manifest m;
    n = st.read(key.view(), record_manifest_offset(), {reinterpret_cast<uint8_t*>(&m), sizeof m});
    if (!n.ok() || *n != sizeof m) return {StatusCode::invalid_argument, "truncated record"};
    s.manifest = m;
  } else if (config_.decode_manifest != nullptr) {
    Status d = config_.decode_manifest(s.cbor_bytes(), s.manifest);
    if (!d.ok()) return d;
  } else {
    return {StatusCode::failed_precondition, "record from another manifest layout, no decoder"};
  }
  if (s.manifest.name.view() != name)
    return {StatusCode::invalid_argument, "record names another container"};
  return adopt(s);
}

void Agent::restore_all() {
  for (;;) {
    // Records are visited in batches; restored ones are skipped on the next listing.
    KeyBatch batch(*this, 2, [](const Agent& a, std::string_view key) {
      return a.find(key.substr(2)) == nullptr;
    });
    if (!ports_.storage.list("c/", batch).ok() || batch.count() == 0) break;
    std::size_t restored = 0;
    for (std::size_t i = 0; i < batch.count(); ++i) {
      Slot* s = free_slot();
      if (s == nullptr) break;
      (void)s->manifest.name.assign(batch.name(i));
      s->state = State::installed;  // in use while it is being restored
      if (!restore(*s, batch.name(i)).ok()) {
        emit(*s, EventKind::restore_failed);
        s->state = State::empty;
        release(*s);
        continue;
      }
      ++restored;
      s->storage_used = kv_usage(s->manifest.name.view());
      uint8_t desired = 0;
      Result<uint32_t> n = ports_.storage.read(Key("s/", batch.name(i)).view(), 0, {&desired, 1});
      if (!n.ok() || *n != 1) desired = 0;
      emit(*s, EventKind::restored, 0, s->manifest.version);
      switch (static_cast<DesiredState>(desired)) {
        case DesiredState::running:
          s->state = State::running;
          if (!launch(*s).ok()) s->state = State::stopped;
          break;
        case DesiredState::stopped:
          s->state = State::stopped;
          break;
        case DesiredState::faulted:
          s->state = State::faulted;
          break;
        default:
          s->state = State::installed;
          break;
      }
    }
    if (restored == 0 || batch.count() < KeyBatch::kBatch) break;
  }
  // Orphans of an interrupted remove: desired states and key-value entries without a record.
  const KeyBatch::Filter orphan = [](const Agent& a, std::string_view key) {
    std::string_view name = key.substr(2);
    name = name.substr(0, name.find('/'));
    return a.find(name) == nullptr;
  };
  remove_all(ports_.storage, *this, "s/", orphan);
  remove_all(ports_.storage, *this, "k/", orphan);
}

uint64_t Agent::accepted_sequence(std::string_view name) const {
  uint64_t mark = 0;
  if (const Slot* s = find(name)) mark = s->sequence;
  uint8_t bytes[8] = {};
  Result<uint32_t> n = ports_.storage.read(Key("q/", name).view(), 0, bytes);
  if (n.ok() && *n == sizeof bytes) {
    const uint64_t stored = load_le(bytes, sizeof bytes);
    if (stored > mark) mark = stored;
  }
  return mark;
}

Status Agent::check_sequence(std::string_view name, uint64_t sequence) const {
  if (sequence == 0 || sequence > accepted_sequence(name)) return Status::Ok();
  return {StatusCode::permission_denied,
          "rollback: the sequence number is not above the one already accepted"};
}

// The record carries the sequence number atomically with the version; the mark is written after
// it, so a cut between the two leaves the record's number, and accepted_sequence() takes the
// larger of both.
void Agent::raise_mark(std::string_view name, uint64_t sequence) {
  if (sequence == 0) return;
  uint8_t bytes[8];
  store_le(bytes, sequence, sizeof bytes);
  const Bytes parts[] = {{bytes, sizeof bytes}};
  (void)ports_.storage.put(Key("q/", name).view(), parts);
}

void Agent::refused(std::string_view name, uint8_t reason) {
  Event e;
  e.time_ms = now();
  e.kind = EventKind::install_refused;
  e.detail = reason;
  e.slot = 0xff;
  (void)e.container.assign(name.substr(0, manifest::kMaxNameLength));
  events_.push(e);
}

void Agent::forget_storage(std::string_view name) {
  // The record first: without it the container is gone even if the rest is cut short.
  (void)ports_.storage.remove(Key("c/", name).view());
  (void)ports_.storage.remove(Key("s/", name).view());
  const Key prefix("k/", name, "");
  char text[kMaxKeyLength];
  const std::size_t size = prefix.view().size();
  if (size >= sizeof text) return;
  std::memcpy(text, prefix.view().data(), size);
  text[size] = '/';
  remove_all(ports_.storage, *this, {text, size + 1}, nullptr);
}

}  // namespace tc::agent
