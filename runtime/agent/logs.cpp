// tc_log: a bounded ring of lines per container (oldest dropped first), plus a rate-limited log
// event so that observers know there is something to fetch.
#include <cstring>

#include "agent/agent.hpp"
#include "agent/slot.hpp"
#include "tinycontainer.h"

namespace tc::agent {

int64_t Agent::log(Slot& s, uint64_t msg, uint64_t len) {
  const uint32_t n = len > kMaxLogLine ? kMaxLogLine : static_cast<uint32_t>(len);
  const uint8_t* text = n == 0 ? nullptr : s.machine.translate(msg, n, vm::Access::read);
  if (text == nullptr && n != 0) return deny(s, TC_EFAULT, 0xff);
  const uint64_t t = now();
  uint8_t head[12];
  const uint32_t seq = ++s.log_seq;
  std::memcpy(head, &seq, 4);
  std::memcpy(head + 4, &t, 8);
  (void)s.logs.push_evicting(head, {text, n});
  if (const uint32_t count = s.log_limit.hit(t)) emit(s, EventKind::log, 0, seq, 0, 0, count);
  return 0;
}

}  // namespace tc::agent
