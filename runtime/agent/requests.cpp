// CoAP requests to a container's exports (docs/sdk.md "Request / response convention"): queued
// in the container's inbox, served by tc_on_request, answered through tc_respond or by the
// default rule (2.05 empty on success, 5.00 on failure), asynchronously through a ResponseSink.
#include <cstring>

#include "agent/agent.hpp"
#include "agent/slot.hpp"
#include "tinycontainer.h"

namespace tc::agent {

Status Agent::request(std::string_view name, uint8_t export_index, uint8_t method,
                      std::span<const uint8_t> payload, uint32_t token) {
  Slot* s = find(name);
  if (s == nullptr) return {StatusCode::not_found, "no such container"};
  if (export_index >= s->manifest.export_count) return {StatusCode::not_found, "no such export"};
  if (method < 1 || method > 4 ||
      !(s->manifest.exports[export_index].methods & (1u << (method - 1)))) {
    return {StatusCode::permission_denied, "method not allowed on this export"};
  }
  if (!s->live()) return {StatusCode::failed_precondition, "container not running"};
  if (s->entries[static_cast<unsigned>(Hook::request)] == kNoEntry) {
    return {StatusCode::unimplemented, "container has no tc_on_request"};
  }
  if (payload.size() > config_.context_bytes)
    return {StatusCode::out_of_range, "payload too large"};
  const InboxHeader h = {kInboxRequest, export_index, method, 0, token};
  if (!s->inbox.push({reinterpret_cast<const uint8_t*>(&h), sizeof h}, payload)) {
    return {StatusCode::resource_exhausted, "container busy"};
  }
  return Status::Ok();
}

void Agent::complete_request(Slot&, uint32_t token, uint8_t code, std::span<const uint8_t> payload,
                             uint16_t format) {
  if (config_.responses != nullptr) config_.responses->respond(token, code, format, payload);
}

int64_t Agent::respond(Slot& s, const uint64_t (&a)[5]) {
  if (!s.act.active || s.act.hook != Hook::request) return deny(s, TC_ENOTSUP, 0xff);
  if (s.act.responded || a[0] > 0xff || a[1] > 0xffff) return deny(s, TC_EINVAL, 0xff);
  if (a[3] > config_.context_bytes) return deny(s, TC_ETOOBIG, 0xff);
  const auto n = static_cast<uint32_t>(a[3]);
  const uint8_t* p = n == 0 ? nullptr : s.machine.translate(a[2], n, vm::Access::read);
  if (p == nullptr && n != 0) return deny(s, TC_EFAULT, 0xff);
  s.act.responded = true;
  complete_request(s, s.act.token, static_cast<uint8_t>(a[0]), {p, n}, static_cast<uint16_t>(a[1]));
  return 0;
}

}  // namespace tc::agent
