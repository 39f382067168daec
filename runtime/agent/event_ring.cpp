#include "agent/event_ring.hpp"

namespace tc::agent {

uint32_t EventRing::push(Event event) {
  event.seq = next_seq_++;
  if (!storage_.empty()) storage_[event.seq % storage_.size()] = event;
  return event.seq;
}

uint32_t EventRing::oldest_seq() const {
  const uint32_t kept = static_cast<uint32_t>(storage_.size());
  const uint32_t written = next_seq_ - 1;
  return written > kept ? next_seq_ - kept : 1;
}

std::size_t EventRing::read(uint32_t from_seq, std::span<Event> out) const {
  if (storage_.empty()) return 0;
  uint32_t seq = from_seq < oldest_seq() ? oldest_seq() : from_seq;
  std::size_t n = 0;
  for (; seq < next_seq_ && n < out.size(); ++seq)
    out[n++] = storage_[seq % storage_.size()];
  return n;
}

const char* describe(EventKind kind) {
  switch (kind) {
    case EventKind::installed:
      return "installed";
    case EventKind::started:
      return "started";
    case EventKind::stopped:
      return "stopped";
    case EventKind::removed:
      return "removed";
    case EventKind::updated:
      return "updated";
    case EventKind::rolled_back:
      return "rolled back";
    case EventKind::restarted:
      return "restarted";
    case EventKind::faulted:
      return "faulted";
    case EventKind::suspended:
      return "suspended";
    case EventKind::resumed:
      return "resumed";
    case EventKind::violation:
      return "violation";
    case EventKind::denial:
      return "denial";
    case EventKind::log:
      return "log";
    case EventKind::start_failed:
      return "start failed";
    case EventKind::restored:
      return "restored";
    case EventKind::restore_failed:
      return "restore failed";
    case EventKind::install_refused:
      return "install refused";
    case EventKind::hook_failed:
      return "hook failed";
  }
  return "unknown";
}

}  // namespace tc::agent
