// The single check of every endpoint call (DESIGN.md 2.3), in this order:
//   endpoint in the manifest and open -> direction allowed -> (argument shape) -> rate, bytes and
//   energy buckets have room -> actuator value inside bounds -> buffer inside the container's
//   regions -> the resource is called.
// The first failing check decides the TC_E* code; a refused call is counted per reason and
// reported by a rate-limited event. Buckets are charged only for calls that reach the resource.
// A remote endpoint's write reaches the uplink port instead (write_remote); its reads are
// TC_ENOTSUP.
#include <cstring>

#include "agent/agent.hpp"
#include "agent/little_endian.hpp"
#include "agent/slot.hpp"
#include "tinycontainer.h"

namespace tc::agent {

namespace {

// Charges a call that reached the resource (or channel) to the endpoint's buckets and to the
// container's statistics. Refused calls are never charged: they are counted as denials.
void charge(EndpointRuntime& rt, Stats& stats, uint32_t bytes, uint32_t energy_uj) {
  rt.calls.take();
  rt.bytes.spend(bytes);
  rt.energy.spend(energy_uj);
  ++stats.endpoint_calls;
  stats.energy_uj += energy_uj;
}

bool allows(manifest::Direction have, manifest::Direction want) {
  return (static_cast<uint8_t>(have) & static_cast<uint8_t>(want)) != 0;
}

}  // namespace

int64_t Agent::deny(Slot& s, int64_t code, uint32_t endpoint_id) {
  const auto reason = static_cast<uint64_t>(-code);
  if (reason < kDenialReasons) {
    ++s.stats.denials[reason];
    if (const uint32_t n = s.denial_limits[reason].hit(now())) {
      emit(s, EventKind::denial, static_cast<uint8_t>(reason), endpoint_id, 0, 0, n);
    }
  }
  return code;
}

int64_t Agent::open(Slot& s, uint64_t id) {
  for (uint8_t i = 0; i < s.manifest.endpoint_count; ++i) {
    const manifest::Endpoint& e = s.manifest.endpoints[i];
    if (e.id != id) continue;
    // A remote target is reachable only through the uplink port, and only the URIs it takes.
    if (e.kind == manifest::TargetKind::remote &&
        (config_.uplink == nullptr || !config_.uplink->reaches(e.target.view()))) {
      return deny(s, TC_ENOTSUP, e.id);
    }
    s.endpoints[i].open = true;
    return i;  // the handle is the endpoint's position in the manifest
  }
  return deny(s, TC_ENOENDPOINT, id <= 0xff ? static_cast<uint32_t>(id) : 0xff);
}

int64_t Agent::close(Slot& s, uint64_t handle) {
  if (handle >= s.manifest.endpoint_count) return deny(s, TC_EINVAL, 0xff);
  if (!s.endpoints[handle].open) return deny(s, TC_ENOTOPEN, s.manifest.endpoints[handle].id);
  s.endpoints[handle].open = false;
  return 0;
}

int64_t Agent::read(Slot& s, uint64_t handle, uint64_t buf, uint64_t len) {
  if (handle >= s.manifest.endpoint_count) return deny(s, TC_EINVAL, 0xff);
  const manifest::Endpoint& e = s.manifest.endpoints[handle];
  EndpointRuntime& rt = s.endpoints[handle];
  if (!rt.open) return deny(s, TC_ENOTOPEN, e.id);
  if (!allows(e.direction, manifest::Direction::read)) return deny(s, TC_EDIRECTION, e.id);
  // Channel messages arrive as tc_on_message activations, never by polling.
  if (e.kind != manifest::TargetKind::resource) return deny(s, TC_ENOTSUP, e.id);
  const ResourceInfo info = ports_.resources.info(rt.resource);
  const bool integer = info.type == ValueType::integer;
  if (len == 0 || len > UINT32_MAX || (integer && len < 4)) return deny(s, TC_EINVAL, e.id);

  const uint64_t t = now();
  if (!rt.calls.has_token(t)) return deny(s, TC_ERATE, e.id);
  const uint32_t room = rt.bytes.remaining(t);
  // An integer read delivers 8 bytes (int64) or, into a smaller buffer, 4 (int32, saturated).
  uint32_t n = integer ? (len >= 8 ? 8 : 4) : static_cast<uint32_t>(len < room ? len : room);
  if (integer && n > room) n = 4;
  if (room == 0 || n > room) return deny(s, TC_EBYTES, e.id);
  if (rt.energy.remaining(t) < info.energy_uj_per_use) return deny(s, TC_EENERGY, e.id);
  uint8_t* out = s.machine.translate(buf, n, vm::Access::write);
  if (out == nullptr) return deny(s, TC_EFAULT, e.id);

  uint32_t got = n;
  if (integer) {
    Result<int64_t> v = ports_.resources.read_value(rt.resource);
    if (!v.ok()) return TC_EIO;
    int64_t value = *v;
    if (n == 4) value = value > INT32_MAX ? INT32_MAX : (value < INT32_MIN ? INT32_MIN : value);
    store_le(out, static_cast<uint64_t>(value), n);
  } else {
    Result<uint32_t> r = ports_.resources.read_bytes(rt.resource, {out, n});
    if (!r.ok()) return TC_EIO;
    got = *r < n ? *r : n;
  }
  charge(rt, s.stats, got, info.energy_uj_per_use);
  s.stats.bytes_read += got;
  return got;
}

int64_t Agent::write(Slot& s, uint64_t handle, uint64_t buf, uint64_t len) {
  if (handle >= s.manifest.endpoint_count) return deny(s, TC_EINVAL, 0xff);
  if (!s.endpoints[handle].open) return deny(s, TC_ENOTOPEN, s.manifest.endpoints[handle].id);
  return write_endpoint(s, static_cast<uint8_t>(handle), buf, len);
}

int64_t Agent::publish(Slot& s, uint64_t channel, uint64_t buf, uint64_t len) {
  for (uint8_t i = 0; i < s.manifest.endpoint_count; ++i) {
    const manifest::Endpoint& e = s.manifest.endpoints[i];
    if (e.id != channel) continue;
    if (e.kind != manifest::TargetKind::channel) return deny(s, TC_ENOTFOUND, e.id);
    return write_endpoint(s, i, buf, len);  // publishing needs no tc_open
  }
  return deny(s, TC_ENOENDPOINT, channel <= 0xff ? static_cast<uint32_t>(channel) : 0xff);
}

int64_t Agent::write_endpoint(Slot& s, uint8_t index, uint64_t buf, uint64_t len) {
  const manifest::Endpoint& e = s.manifest.endpoints[index];
  EndpointRuntime& rt = s.endpoints[index];
  if (!allows(e.direction, manifest::Direction::write)) return deny(s, TC_EDIRECTION, e.id);
  if (e.kind == manifest::TargetKind::remote) return write_remote(s, index, buf, len);
  const bool channel = e.kind == manifest::TargetKind::channel;
  ResourceInfo info;
  info.energy_uj_per_use = 0;
  if (!channel) info = ports_.resources.info(rt.resource);
  const bool integer = !channel && info.type == ValueType::integer;
  if (integer && len != 1 && len != 2 && len != 4 && len != 8) return deny(s, TC_EINVAL, e.id);
  if (!channel && len == 0) return deny(s, TC_EINVAL, e.id);
  // A byte resource's size limit is part of its safe range, like an integer's bounds.
  if (!channel && !integer && len > info.max_bytes) return deny(s, TC_ETOOBIG, e.id);
  if (channel && len > config_.context_bytes) return deny(s, TC_ETOOBIG, e.id);
  if (len > UINT32_MAX) return deny(s, TC_ETOOBIG, e.id);

  const uint64_t t = now();
  if (!rt.calls.has_token(t)) return deny(s, TC_ERATE, e.id);
  if (rt.bytes.remaining(t) < len) return deny(s, TC_EBYTES, e.id);
  if (rt.energy.remaining(t) < info.energy_uj_per_use) return deny(s, TC_EENERGY, e.id);
  const auto n = static_cast<uint32_t>(len);
  const uint8_t* in = n == 0 ? nullptr : s.machine.translate(buf, n, vm::Access::read);
  // Bounds come before the buffer check, but a value can only be checked once it is readable.
  if (integer && in != nullptr) {
    const int64_t v = sign_extend_le(in, n);
    const manifest::EndpointLimits& l = e.limits;
    if ((l.has_bounds && (v < l.min_value || v > l.max_value)) || v < info.min_value ||
        v > info.max_value) {
      return deny(s, TC_EBOUNDS, e.id);
    }
  }
  if (in == nullptr && n != 0) return deny(s, TC_EFAULT, e.id);

  int64_t result = n;
  if (channel) {
    result = deliver(s, e, {in, n});
  } else if (integer) {
    if (!ports_.resources.write_value(rt.resource, sign_extend_le(in, n)).ok()) return TC_EIO;
  } else {
    Result<uint32_t> r = ports_.resources.write_bytes(rt.resource, {in, n});
    if (!r.ok()) return TC_EIO;
    result = *r;
  }
  charge(rt, s.stats, n, info.energy_uj_per_use);
  s.stats.bytes_written += n;
  return result;
}

// A write to a remote endpoint: the same checks as a channel message (size, rate, bytes, the
// buffer), then the payload is queued on the uplink port. No energy is charged: the cost of the
// radio is the device's, and the board profile names no energy for it.
int64_t Agent::write_remote(Slot& s, uint8_t index, uint64_t buf, uint64_t len) {
  const manifest::Endpoint& e = s.manifest.endpoints[index];
  EndpointRuntime& rt = s.endpoints[index];
  if (config_.uplink == nullptr) return deny(s, TC_ENOTSUP, e.id);
  if (len > config_.context_bytes) return deny(s, TC_ETOOBIG, e.id);
  const uint64_t t = now();
  if (!rt.calls.has_token(t)) return deny(s, TC_ERATE, e.id);
  if (rt.bytes.remaining(t) < len) return deny(s, TC_EBYTES, e.id);
  const auto n = static_cast<uint32_t>(len);
  const uint8_t* in = n == 0 ? nullptr : s.machine.translate(buf, n, vm::Access::read);
  if (in == nullptr && n != 0) return deny(s, TC_EFAULT, e.id);
  const Status st = config_.uplink->post(e.target.view(), s.manifest.name.view(), {in, n});
  if (st.code() == StatusCode::resource_exhausted) return deny(s, TC_EAGAIN, e.id);
  if (!st.ok()) return TC_EIO;
  charge(rt, s.stats, n, 0);
  s.stats.bytes_written += n;
  return n;
}

}  // namespace tc::agent
