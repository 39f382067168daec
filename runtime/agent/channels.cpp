// Channels (DESIGN.md 2.4): publish/subscribe between containers of one tenant, only when both
// manifests name the channel: the publisher writable, the subscriber readable. Each subscriber
// has a bounded inbox; a full one drops the message (counted for both sides) and never blocks.
#include <cstring>

#include "agent/agent.hpp"
#include "agent/slot.hpp"
#include "tinycontainer.h"

namespace tc::agent {

namespace {

bool subscribes(const Slot& s, std::string_view target) {
  for (uint8_t i = 0; i < s.manifest.endpoint_count; ++i) {
    const manifest::Endpoint& e = s.manifest.endpoints[i];
    if (e.kind == manifest::TargetKind::channel && e.target.view() == target &&
        (static_cast<uint8_t>(e.direction) & static_cast<uint8_t>(manifest::Direction::read))) {
      return true;
    }
  }
  return false;
}

}  // namespace

int64_t Agent::deliver(Slot& from, const manifest::Endpoint& ep, std::span<const uint8_t> payload) {
  uint32_t dropped = 0;
  for (uint8_t i = 0; i < count_; ++i) {
    Slot& to = *slots_[i];
    if (&to == &from || !to.live() || !(to.manifest.tenant == from.manifest.tenant)) continue;
    if (!subscribes(to, ep.target.view())) continue;
    if (to.entries[static_cast<unsigned>(Hook::message)] == kNoEntry) continue;
    const InboxHeader h = {kInboxMessage, from.index, 0, 0, 0};
    if (!to.inbox.push({reinterpret_cast<const uint8_t*>(&h), sizeof h}, payload)) {
      ++to.stats.messages_dropped;
      ++dropped;
    }
  }
  return dropped == 0 ? 0 : deny(from, TC_EAGAIN, ep.id);
}

void Agent::run_inbox(Slot& s) {
  const uint32_t length = s.inbox.front(s.context);
  s.inbox.pop();
  if (length < kInboxHeader || length > s.context.size()) return;
  InboxHeader h;
  std::memcpy(&h, s.context.data(), sizeof h);
  const uint32_t size = length - kInboxHeader;
  // The payload is the activation's input: read-only at the context slot, for this one only.
  (void)s.machine.map(vm::kSlotContext, {s.context.data() + kInboxHeader, size, vm::Access::read});
  if (h.type == kInboxMessage) {
    const uint64_t args[] = {vm::slot_base(vm::kSlotContext), size};
    activate(s, Hook::message, args);
    return;
  }
  s.act.token = h.token;
  if (s.entries[static_cast<unsigned>(Hook::request)] == kNoEntry) {
    complete_request(s, h.token, kCoapNotImplemented, {});
    return;
  }
  const uint64_t args[] = {h.method, h.from_or_export, vm::slot_base(vm::kSlotContext), size};
  activate(s, Hook::request, args);
}

void Agent::drain_inbox(Slot& s) {
  while (!s.inbox.empty()) {
    uint8_t head[kInboxHeader];
    if (s.inbox.front(head) >= kInboxHeader) {
      InboxHeader h;
      std::memcpy(&h, head, sizeof h);
      if (h.type == kInboxRequest) complete_request(s, h.token, kCoapServiceUnavailable, {});
    }
    s.inbox.pop();
  }
}

}  // namespace tc::agent
