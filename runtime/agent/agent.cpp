// Agent set-up (carving the pool), look-ups, events and the read-only views (list, status, logs).
#include "agent/agent.hpp"

#include <cstring>
#include <new>

#include "agent/record.hpp"
#include "agent/slot.hpp"

namespace tc::agent {

namespace {

// Takes `size` bytes (rounded up to 8) from the front of `pool`; empty span when it cannot.
std::span<uint8_t> carve(std::span<uint8_t>& pool, uint64_t size) {
  const uint32_t rounded = align8(size);
  if (rounded > pool.size()) return {};
  std::span<uint8_t> part = pool.first(rounded);
  pool = pool.subspan(rounded);
  return part;
}

}  // namespace

Status Agent::begin(std::span<uint8_t> pool) {
  if (count_ != 0) return {StatusCode::failed_precondition, "agent already started"};
  const uint8_t containers = config_.containers;
  if (containers == 0 || containers > kMaxContainers) {
    return {StatusCode::invalid_argument, "containers must be 1..kMaxContainers"};
  }
  const auto address = reinterpret_cast<uintptr_t>(pool.data());
  const std::size_t skew = ((address + 7) & ~uintptr_t{7}) - address;
  if (skew > pool.size()) return {StatusCode::resource_exhausted, "pool too small"};
  pool = pool.subspan(skew);

  std::span<uint8_t> ring = carve(pool, uint64_t{config_.events} * sizeof(Event));
  if (ring.size() < uint64_t{config_.events} * sizeof(Event)) {
    return {StatusCode::resource_exhausted, "pool too small for the event ring"};
  }
  Event* events = nullptr;
  for (uint16_t i = 0; i < config_.events; ++i) {
    Event* e = new (ring.data() + std::size_t{i} * sizeof(Event)) Event();
    if (i == 0) events = e;
  }
  events_ = EventRing({events, config_.events});

  const uint64_t fixed = uint64_t{align8(sizeof(Slot))} +
                         align8(uint64_t{kInboxHeader} + config_.context_bytes) +
                         align8(config_.inbox_bytes) + align8(config_.log_bytes);
  const uint64_t per_slot = (pool.size() / containers) & ~uint64_t{7};
  if (per_slot <= fixed) return {StatusCode::resource_exhausted, "pool too small for the slots"};
  container_capacity_ = static_cast<uint32_t>(per_slot - fixed);

  for (uint8_t i = 0; i < containers; ++i) {
    std::span<uint8_t> region = carve(pool, per_slot);
    std::span<uint8_t> control = carve(region, sizeof(Slot));
    uint8_t* place = control.data();
    if (place == nullptr) return {StatusCode::internal, "slot carving failed"};
    Slot* s = new (place) Slot(*this, i);
    s->context = carve(region, uint64_t{kInboxHeader} + config_.context_bytes);
    s->inbox = ByteQueue(carve(region, config_.inbox_bytes));
    s->logs = ByteQueue(carve(region, config_.log_bytes));
    s->variable = region;  // install splits it into blob and arena
    slots_[i] = s;
  }
  count_ = containers;
  restore_all();
  return Status::Ok();
}

Slot* Agent::find(std::string_view name) const {
  for (uint8_t i = 0; i < count_; ++i) {
    if (slots_[i]->in_use() && slots_[i]->manifest.name.view() == name) return slots_[i];
  }
  return nullptr;
}

Slot* Agent::free_slot() const {
  for (uint8_t i = 0; i < count_; ++i) {
    if (!slots_[i]->in_use()) return slots_[i];
  }
  return nullptr;
}

void Agent::emit(const Slot& s, EventKind kind, uint8_t detail, uint32_t a, uint32_t b, uint64_t c,
                 uint32_t count, uint32_t d) {
  Event e;
  e.count = count;
  e.time_ms = now();
  e.kind = kind;
  e.detail = detail;
  e.slot = s.index;
  e.a = a;
  e.b = b;
  e.c = c;
  e.d = d;
  e.container = s.manifest.name;
  events_.push(e);
}

ContainerInfo Agent::info(const Slot& s) const {
  ContainerInfo out;
  out.name = s.manifest.name;
  out.tenant = s.manifest.tenant;
  out.version = s.manifest.version;
  out.sequence = s.sequence;
  out.state = s.state;
  out.suspension = s.suspension;
  out.activation_in_progress = s.act.active;
  out.slot = s.index;
  out.stats = s.stats;
  out.memory.image_bytes = s.cbor_size + s.image_size;
  out.memory.data_bytes = s.layout.data_size;
  out.memory.stack_bytes = s.layout.stack_size;
  out.memory.storage_bytes = s.storage_used;
  return out;
}

std::size_t Agent::list(std::span<ContainerInfo> out) const {
  std::size_t n = 0;
  for (uint8_t i = 0; i < count_ && n < out.size(); ++i) {
    if (slots_[i]->in_use()) out[n++] = info(*slots_[i]);
  }
  return n;
}

Result<ContainerInfo> Agent::status(std::string_view name) const {
  const Slot* s = find(name);
  if (s == nullptr) return Status{StatusCode::not_found, "no such container"};
  return info(*s);
}

Result<std::size_t> Agent::logs(std::string_view name, uint32_t from_seq,
                                LogVisitor& visitor) const {
  const Slot* s = find(name);
  if (s == nullptr) return Status{StatusCode::not_found, "no such container"};
  std::size_t n = 0;
  uint8_t line[12 + kMaxLogLine];
  for (uint32_t i = 0; i < s->logs.count(); ++i) {
    const uint32_t length = s->logs.at(i, line);
    if (length < 12 || length > sizeof line) continue;
    uint32_t seq;
    uint64_t time_ms;
    std::memcpy(&seq, line, 4);
    std::memcpy(&time_ms, line + 4, 8);
    if (seq < from_seq) continue;
    visitor.line(seq, time_ms, {reinterpret_cast<const char*>(line + 12), length - 12});
    ++n;
  }
  return n;
}

Result<uint8_t> Agent::find_export(std::string_view name, std::string_view path) const {
  const Slot* s = find(name);
  if (s == nullptr) return Status{StatusCode::not_found, "no such container"};
  for (uint8_t i = 0; i < s->manifest.export_count; ++i) {
    if (s->manifest.exports[i].path.view() == path) return i;
  }
  return Status{StatusCode::not_found, "no such export"};
}

}  // namespace tc::agent
