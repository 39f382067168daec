// Life cycle (DESIGN.md 2.4): install, start, stop, restart, update with rollback, remove.
#include <cstring>
#include <new>

#include "agent/agent.hpp"
#include "agent/helpers.hpp"
#include "agent/record.hpp"
#include "agent/slot.hpp"

namespace tc::agent {

namespace {

bool has_direction(manifest::Direction have, manifest::Direction want) {
  return (static_cast<uint8_t>(have) & static_cast<uint8_t>(want)) == static_cast<uint8_t>(want);
}

// The Resources index of a resource endpoint's target, checked against what the resource allows.
Result<uint32_t> resolve(const Resources& resources, const manifest::Endpoint& e) {
  for (uint32_t i = 0; i < resources.count(); ++i) {
    const ResourceInfo r = resources.info(i);
    if (r.target != e.target.view()) continue;
    if (has_direction(e.direction, manifest::Direction::read) && !r.readable) {
      return Status{StatusCode::permission_denied, "endpoint reads a resource that cannot be read"};
    }
    if (has_direction(e.direction, manifest::Direction::write) && !r.writable) {
      return Status{StatusCode::permission_denied, "endpoint writes a resource that is read-only"};
    }
    return i;
  }
  return Status{StatusCode::failed_precondition, "an endpoint's resource is not on this board"};
}

Status verify_status(vm::VerifyReason reason) {
  return {reason == vm::VerifyReason::helper_not_allowed ? StatusCode::permission_denied
                                                         : StatusCode::invalid_argument,
          vm::describe(reason)};
}

}  // namespace

Status Agent::check_new(const manifest::Manifest& m, std::span<const uint8_t> image,
                        std::span<const uint8_t> cbor, const Slot* replacing) const {
  if (count_ == 0) return {StatusCode::failed_precondition, "agent not started"};
  if (busy_) return {StatusCode::failed_precondition, "agent busy"};
  if (m.runtime != manifest::Runtime::ebpf) {
    return {StatusCode::unimplemented, "only the ebpf runtime is available"};
  }
  if (!is_key_text(m.name.view())) {
    return {StatusCode::invalid_argument, "container name must be [A-Za-z0-9._-]"};
  }
  if (replacing == nullptr && find(m.name.view()) != nullptr) {
    return {StatusCode::failed_precondition, "already installed (use update)"};
  }
  for (uint8_t i = 0; i < m.endpoint_count; ++i) {
    if (m.endpoints[i].kind != manifest::TargetKind::resource) continue;
    Result<uint32_t> r = resolve(ports_.resources, m.endpoints[i]);
    if (!r.ok()) return r.status();
  }
  image::ImageView view;
  const image::ImageReason reason = image::parse(image, view);
  if (reason != image::ImageReason::ok)
    return {StatusCode::invalid_argument, image::describe(reason)};
  if (m.memory.stack_bytes != 0 && m.memory.stack_bytes < image::frame_size(view)) {
    return {StatusCode::invalid_argument, "stack is smaller than one frame of the image"};
  }
  if (uint64_t{view.data.size()} + view.bss_size > m.memory.data_bytes) {
    return {StatusCode::resource_exhausted, "image data and bss exceed the manifest's data_bytes"};
  }
  const uint64_t needed = uint64_t{align8(uint64_t{align8(cbor.size())} + image.size())} +
                          image::arena_needed(view, m.memory.stack_bytes);
  if (needed > container_capacity_) {
    return {StatusCode::resource_exhausted, "image, manifest and memory exceed the slot"};
  }
  // Verified here when the caller's bytes are aligned, so that an update never stops the old
  // version for an image that cannot run; adopt() verifies the copy in any case.
  if (reinterpret_cast<uintptr_t>(view.text.data()) % alignof(ebpf::Insn) == 0) {
    vm::HelperTable table;
    HelperSet::fill(m, table);
    vm::Program program;
    const vm::VerifyError error = vm::verify(view.text, table, program);
    if (!error.ok()) return verify_status(error.reason);
  }
  return Status::Ok();
}

Status Agent::place(Slot& s, std::span<const uint8_t> image, const manifest::Manifest& m,
                    std::span<const uint8_t> cbor) {
  s.manifest = m;
  s.cbor_size = static_cast<uint32_t>(cbor.size());
  s.image_offset = align8(cbor.size());
  s.image_size = static_cast<uint32_t>(image.size());
  const uint32_t blob_size = align8(uint64_t{s.image_offset} + s.image_size);
  if (blob_size > s.variable.size())
    return {StatusCode::resource_exhausted, "image exceeds the slot"};
  s.blob = s.variable.first(blob_size);
  s.arena = s.variable.subspan(blob_size);
  if (!cbor.empty()) std::memcpy(s.blob.data(), cbor.data(), cbor.size());
  std::memcpy(s.blob.data() + s.image_offset, image.data(), image.size());
  return Status::Ok();
}

Status Agent::adopt(Slot& s) {
  const image::ImageReason reason = image::parse(s.image_bytes(), s.image);
  if (reason != image::ImageReason::ok)
    return {StatusCode::invalid_argument, image::describe(reason)};
  HelperSet::fill(s.manifest, s.helpers);
  const vm::VerifyError error = vm::verify(s.image.text, s.helpers, s.program);
  if (!error.ok()) return verify_status(error.reason);
  for (uint8_t i = 0; i < s.manifest.endpoint_count; ++i) {
    s.endpoints[i].resource = kNoResource;
    if (s.manifest.endpoints[i].kind != manifest::TargetKind::resource) continue;
    Result<uint32_t> r = resolve(ports_.resources, s.manifest.endpoints[i]);
    if (!r.ok()) return r.status();
    s.endpoints[i].resource = *r;
  }
  for (unsigned h = 0; h < static_cast<unsigned>(Hook::count); ++h) {
    uint32_t pc = 0;
    s.entries[h] = s.image.find_entry(hook_entry_name(static_cast<Hook>(h)), pc) ? pc : kNoEntry;
  }
  return Status::Ok();
}

// Fresh memory (data copied, bss and stack zeroed), endpoints closed, buckets full.
Status Agent::load(Slot& s) {
  Status st = image::load(s.image, s.arena, s.manifest.memory.stack_bytes, s.machine, &s.layout);
  if (!st.ok()) return st;
  s.machine.unmap(vm::kSlotContext);
  const uint64_t t = now();
  for (uint8_t i = 0; i < s.manifest.endpoint_count; ++i) {
    const manifest::EndpointLimits& l = s.manifest.endpoints[i].limits;
    EndpointRuntime& e = s.endpoints[i];
    e.open = false;
    e.calls.reset(l.calls_per_second, t);
    e.bytes.reset(l.bytes_per_window, l.window_ms, t);
    e.energy.reset(l.energy_per_window_uj, l.window_ms, t);
  }
  s.act = Activation();
  s.cpu_window_ms = t;
  s.cpu_used_us = 0;
  return Status::Ok();
}

// Loads the container and runs tc_start; the outcome arrives in finish_start (now, or later if
// tc_start sleeps).
Status Agent::launch(Slot& s) {
  Status st = load(s);
  if (!st.ok()) return st;
  const uint64_t t = now();
  s.state = State::running;
  s.suspension = Suspension::none;
  s.started_ms = t;
  s.next_loop_ms = t + s.manifest.timing.loop_period_ms;
  s.stats.strikes = 0;
  if (s.entries[static_cast<unsigned>(Hook::start)] == kNoEntry) {
    finish_start(s, true);
  } else {
    activate(s, Hook::start, {});
  }
  return Status::Ok();
}

void Agent::finish_start(Slot& s, bool ok) {
  if (s.update_pending) {
    s.update_pending = false;
    if (ok && persist_record(s).ok()) {
      (void)persist_state(s);
      raise_mark(s.manifest.name.view(), s.sequence);
      emit(s, EventKind::updated, 0, s.manifest.version, s.old_version);
      return;
    }
    const uint32_t failed = s.manifest.version;
    halt(s);
    if (!restore(s, s.manifest.name.view()).ok()) {
      emit(s, EventKind::restore_failed);
      fault(s);
      return;
    }
    s.rolled_back = true;
    emit(s, EventKind::rolled_back, 0, s.manifest.version, failed);
    if (launch(s).ok()) (void)persist_state(s);
    return;
  }
  if (s.restarting) {
    s.restarting = false;
    if (ok) {
      emit(s, EventKind::restarted, 0, s.stats.restarts);
    } else {
      struck_out(s);
    }
    return;
  }
  if (ok) {
    emit(s, EventKind::started, 0, s.manifest.version);
    return;
  }
  halt(s);
  s.state = State::stopped;
  (void)persist_state(s);
  emit(s, EventKind::start_failed, 0, s.manifest.version);
}

// Ends whatever runs: the activation in progress is aborted, tc_stop runs (if the container was
// running), queued messages are dropped and queued requests answered 5.03.
void Agent::halt(Slot& s) {
  const bool run_stop = s.live();
  abort_activation(s);
  s.restarting = false;
  if (run_stop && s.entries[static_cast<unsigned>(Hook::stop)] != kNoEntry) {
    activate(s, Hook::stop, {});
    abort_activation(s);  // tc_stop cannot sleep: a suspension ends it
  }
  drain_inbox(s);
  s.machine.unmap(vm::kSlotContext);
  if (s.state != State::empty) s.state = State::stopped;
  s.suspension = Suspension::none;
}

// Frees the slot: a fresh control block over the same memory.
void Agent::release(Slot& s) {
  const uint8_t index = s.index;
  const std::span<uint8_t> context = s.context;
  const std::span<uint8_t> variable = s.variable;
  ByteQueue inbox = s.inbox;
  ByteQueue logs = s.logs;
  Slot* fresh = new (&s) Slot(*this, index);
  fresh->context = context;
  fresh->variable = variable;
  inbox.clear();
  logs.clear();
  fresh->inbox = inbox;
  fresh->logs = logs;
}

Status Agent::install(std::span<const uint8_t> image, const manifest::Manifest& manifest,
                      std::span<const uint8_t> manifest_cbor, uint64_t sequence) {
  Status st = check_new(manifest, image, manifest_cbor, nullptr);
  if (st.ok()) st = check_sequence(manifest.name.view(), sequence);
  if (!st.ok()) return st;
  Slot* s = free_slot();
  if (s == nullptr) return {StatusCode::resource_exhausted, "no free container slot"};
  s->sequence = sequence;
  st = place(*s, image, manifest, manifest_cbor);
  if (st.ok()) st = adopt(*s);
  if (st.ok()) st = persist_record(*s);
  if (st.ok()) {
    s->state = State::installed;
    st = persist_state(*s);
  }
  if (!st.ok()) {
    forget_storage(manifest.name.view());
    release(*s);
    return st;
  }
  raise_mark(manifest.name.view(), sequence);
  s->storage_used = kv_usage(manifest.name.view());
  s->stats.restarts = 0;
  emit(*s, EventKind::installed, 0, manifest.version);
  return Status::Ok();
}

Status Agent::start(std::string_view name) {
  Slot* s = find(name);
  if (s == nullptr) return {StatusCode::not_found, "no such container"};
  if (busy_) return {StatusCode::failed_precondition, "agent busy"};
  if (s->state == State::running || s->state == State::suspended) {
    return {StatusCode::failed_precondition, "already running"};
  }
  if (s->state == State::faulted) {
    return {StatusCode::failed_precondition, "faulted: use restart or update"};
  }
  s->stats.restarts = 0;
  s->state = State::running;
  Status st = persist_state(*s);
  if (st.ok()) st = launch(*s);
  if (!st.ok()) {
    s->state = State::stopped;
    (void)persist_state(*s);
    return st;
  }
  if (s->state == State::stopped) return {StatusCode::failed_precondition, "tc_start failed"};
  return Status::Ok();
}

Status Agent::stop(std::string_view name) {
  Slot* s = find(name);
  if (s == nullptr) return {StatusCode::not_found, "no such container"};
  if (busy_) return {StatusCode::failed_precondition, "agent busy"};
  if (s->update_pending) {
    // Stopping while the new version's tc_start sleeps: the update did not complete.
    finish_start(*s, false);
  }
  halt(*s);
  s->state = State::stopped;
  emit(*s, EventKind::stopped);
  return persist_state(*s);
}

Status Agent::restart(std::string_view name) {
  Slot* s = find(name);
  if (s == nullptr) return {StatusCode::not_found, "no such container"};
  if (busy_) return {StatusCode::failed_precondition, "agent busy"};
  if (s->update_pending) finish_start(*s, false);
  halt(*s);
  s->stats.restarts = 0;
  s->state = State::running;
  Status st = persist_state(*s);
  if (st.ok()) st = launch(*s);
  if (!st.ok()) return st;
  if (s->state == State::stopped) return {StatusCode::failed_precondition, "tc_start failed"};
  return Status::Ok();
}

Status Agent::update(std::string_view name, std::span<const uint8_t> image,
                     const manifest::Manifest& manifest, std::span<const uint8_t> manifest_cbor,
                     uint64_t sequence) {
  Slot* s = find(name);
  if (s == nullptr) return {StatusCode::not_found, "no such container"};
  if (manifest.name.view() != name) {
    return {StatusCode::invalid_argument, "the manifest names another container"};
  }
  if (s->update_pending) return {StatusCode::failed_precondition, "an update is in progress"};
  Status st = check_new(manifest, image, manifest_cbor, s);
  if (st.ok()) st = check_sequence(name, sequence);
  if (!st.ok()) return st;

  const bool was_running = s->state == State::running || s->state == State::suspended;
  const State old_state = s->state;
  s->old_version = s->manifest.version;
  s->old_sequence = s->sequence;
  s->sequence = sequence;
  halt(*s);
  st = place(*s, image, manifest, manifest_cbor);
  if (st.ok()) st = adopt(*s);
  if (st.ok() && !was_running) st = persist_record(*s);
  if (!st.ok()) {
    // The new version never ran: back to the old one, in the state it had.
    const uint32_t failed = manifest.version;
    if (!restore(*s, name).ok()) {
      fault(*s);
      return st;
    }
    emit(*s, EventKind::rolled_back, 0, s->manifest.version, failed);
    if (was_running) (void)launch(*s);
    return st;
  }
  s->storage_used = kv_usage(name);
  s->stats.restarts = 0;
  if (!was_running) {
    s->state = old_state == State::faulted ? State::stopped : old_state;
    (void)persist_state(*s);
    raise_mark(name, sequence);
    emit(*s, EventKind::updated, 0, manifest.version, s->old_version);
    return Status::Ok();
  }
  s->update_pending = true;
  s->rolled_back = false;
  st = launch(*s);
  if (!st.ok()) finish_start(*s, false);
  if (s->rolled_back) {
    return {StatusCode::failed_precondition, "the new version failed to start; rolled back"};
  }
  return Status::Ok();
}

Status Agent::remove(std::string_view name) {
  Slot* s = find(name);
  if (s == nullptr) return {StatusCode::not_found, "no such container"};
  if (busy_) return {StatusCode::failed_precondition, "agent busy"};
  if (s->update_pending) finish_start(*s, false);
  halt(*s);
  raise_mark(name, s->sequence);  // before the record goes: the mark must outlive it
  forget_storage(name);
  s->state = State::removed;
  emit(*s, EventKind::removed);
  release(*s);
  return Status::Ok();
}

}  // namespace tc::agent
