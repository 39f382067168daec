// The scheduler (DESIGN.md 2.4): single-threaded, event driven. poll() gives each container with
// due work at most one activation (round robin), under its fuel and wall-clock deadline; CPU
// share, strikes, back-off restarts and faults are decided here.
#include "agent/agent.hpp"
#include "agent/slot.hpp"
#include "tinycontainer.h"

namespace tc::agent {

namespace {

uint32_t max_ms(const manifest::Timing& t, Hook hook) {
  switch (hook) {
    case Hook::start:
      return t.max_start_ms;
    case Hook::loop:
      return t.max_loop_ms;
    case Hook::stop:
      return t.max_stop_ms;
    default:
      return t.max_event_ms;
  }
}

uint64_t lifetime_end(const Slot& s) {
  const uint32_t seconds = s.manifest.timing.max_lifetime_s;
  return seconds == 0 ? kNever : s.started_ms + uint64_t{seconds} * 1000;
}

bool has_entry(const Slot& s, Hook hook) {
  return s.entries[static_cast<unsigned>(hook)] != kNoEntry;
}

}  // namespace

uint64_t Agent::poll(uint64_t now_ms) {
  if (busy_ || count_ == 0) return now_ms;
  for (uint8_t i = 0; i < count_; ++i) {
    Slot& s = *slots_[(cursor_ + i) % count_];
    if (!s.in_use()) continue;
    flush_limited(s, now_ms);
    run_due(s, now_ms);
  }
  cursor_ = static_cast<uint8_t>((cursor_ + 1) % count_);
  uint64_t next = kNever;
  for (uint8_t i = 0; i < count_; ++i) {
    if (!slots_[i]->in_use()) continue;
    const uint64_t due = next_due(*slots_[i], now_ms);
    if (due < next) next = due;
  }
  return next;
}

void Agent::run_due(Slot& s, uint64_t now_ms) {
  if (s.state == State::suspended && s.suspension == Suspension::backoff) {
    if (now_ms < s.restart_at_ms) return;
    s.restarting = true;
    if (!launch(s).ok()) {
      s.restarting = false;
      fault(s);
    }
    return;
  }
  if (!s.live()) return;
  if (now_ms >= lifetime_end(s) && !s.act.active) {
    halt(s);
    s.state = State::suspended;
    s.suspension = Suspension::lifetime;
    emit(s, EventKind::suspended, static_cast<uint8_t>(Suspension::lifetime));
    return;
  }
  if (throttle(s, now_ms)) return;
  if (s.act.active) {
    if (s.act.sleeping && now_ms >= s.act.wake_ms) resume(s, 0);
    return;
  }
  if (!s.inbox.empty()) {
    run_inbox(s);
    return;
  }
  const uint32_t period = s.manifest.timing.loop_period_ms;
  if (period == 0 || !has_entry(s, Hook::loop) || now_ms < s.next_loop_ms) return;
  // Missed periods are skipped (and counted), never run back to back.
  s.next_loop_ms += period;
  if (s.next_loop_ms <= now_ms) {
    const uint64_t missed = (now_ms - s.next_loop_ms) / period + 1;
    s.stats.missed_loops += static_cast<uint32_t>(missed);
    s.next_loop_ms += missed * period;
  }
  activate(s, Hook::loop, {});
}

uint64_t Agent::next_due(const Slot& s, uint64_t now_ms) const {
  if (s.state == State::suspended && s.suspension == Suspension::backoff) return s.restart_at_ms;
  if (!s.live()) return kNever;
  if (s.state == State::suspended) {
    const uint32_t window =
        s.manifest.timing.cpu_window_ms == 0 ? 1000 : s.manifest.timing.cpu_window_ms;
    return s.cpu_window_ms + window;
  }
  if (s.act.active) return s.act.sleeping ? s.act.wake_ms : kNever;
  uint64_t next = lifetime_end(s);
  if (!s.inbox.empty()) return now_ms;
  if (s.manifest.timing.loop_period_ms != 0 && has_entry(s, Hook::loop) && s.next_loop_ms < next) {
    next = s.next_loop_ms;
  }
  return next;
}

// Whether the container has used its CPU share of the current window (then it waits, visibly).
bool Agent::throttle(Slot& s, uint64_t now_ms) {
  const manifest::Timing& t = s.manifest.timing;
  if (t.cpu_share_permille >= 1000) return false;
  const uint32_t window = t.cpu_window_ms == 0 ? 1000 : t.cpu_window_ms;
  if (now_ms >= s.cpu_window_ms + window) {
    s.cpu_window_ms = now_ms;
    s.cpu_used_us = 0;
  }
  // permille of window_ms milliseconds = permille * window_ms microseconds.
  const uint64_t budget_us = uint64_t{t.cpu_share_permille} * window;
  const bool over = s.cpu_used_us >= budget_us;
  if (over && s.state == State::running) {
    s.state = State::suspended;
    s.suspension = Suspension::throttled;
    ++s.stats.throttles;
    emit(s, EventKind::suspended, static_cast<uint8_t>(Suspension::throttled));
  } else if (!over && s.state == State::suspended) {
    s.state = State::running;
    s.suspension = Suspension::none;
    emit(s, EventKind::resumed, static_cast<uint8_t>(Suspension::throttled));
  }
  return over;
}

void Agent::activate(Slot& s, Hook hook, std::span<const uint64_t> args) {
  const uint32_t pc = s.entries[static_cast<unsigned>(hook)];
  if (pc == kNoEntry) return;
  const uint32_t token = s.act.token;
  s.act = Activation();
  s.act.active = true;
  s.act.hook = hook;
  s.act.token = token;
  s.act.deadline_ms = now() + max_ms(s.manifest.timing, hook);
  ++s.stats.activations;
  run_timed(s, [&] { return s.machine.run(s.program, pc, s.manifest.timing.fuel, args); });
}

void Agent::resume(Slot& s, uint64_t r0) {
  s.act.sleeping = false;
  run_timed(s, [&] { return s.machine.resume(r0); });
}

template <typename Run>
void Agent::run_timed(Slot& s, Run run) {
  busy_ = true;
  s.act.io_us = 0;
  s.machine.clear_stop();  // before arming, so that an early expiry is not lost
  ports_.watchdog.arm(s.act.deadline_ms, s.machine);
  const uint64_t t0 = ports_.clock.now_us();
  const vm::RunResult r = run();
  const uint64_t elapsed = ports_.clock.now_us() - t0;
  const uint64_t dt = elapsed > s.act.io_us ? elapsed - s.act.io_us : 0;
  ports_.watchdog.disarm();
  busy_ = false;
  s.act.cpu_us += dt;
  s.cpu_used_us += dt;
  s.stats.cpu_us += dt;
  settle(s, r);
}

void Agent::settle(Slot& s, const vm::RunResult& r) {
  s.stats.instructions += r.instructions - s.act.counted;
  s.act.counted = r.instructions;
  switch (r.exit) {
    case vm::Exit::suspended:
      return;  // tc_sleep_until: the activation stays, run_due resumes it
    case vm::Exit::returned:
      if (s.act.cpu_us > uint64_t{max_ms(s.manifest.timing, s.act.hook)} * 1000) {
        violation(s, Violation::cpu_overrun, r);
      } else {
        finish_hook(s, static_cast<int64_t>(r.r0) >= 0, static_cast<int64_t>(r.r0));
      }
      return;
    case vm::Exit::trapped:
      violation(s, Violation::trap, r);
      return;
    case vm::Exit::out_of_fuel:
      violation(s, Violation::out_of_fuel, r);
      return;
    case vm::Exit::stopped:
      violation(s, Violation::deadline, r);
      return;
  }
}

void Agent::finish_hook(Slot& s, bool ok, int64_t result) {
  const Hook hook = s.act.hook;
  const uint32_t token = s.act.token;
  const bool responded = s.act.responded;
  s.act = Activation();
  s.machine.unmap(vm::kSlotContext);
  if (!ok) {
    ++s.stats.hook_failures;
    if (const uint32_t n = s.failure_limit.hit(now())) {
      emit(s, EventKind::hook_failed, 0, static_cast<uint32_t>(hook), 0,
           static_cast<uint64_t>(result), n);
    }
  }
  if (hook == Hook::start) {
    finish_start(s, ok);
  } else if (hook == Hook::request && !responded) {
    complete_request(s, token, ok ? kCoapContent : kCoapInternalError, {});
  }
}

void Agent::violation(Slot& s, Violation kind, const vm::RunResult& r) {
  const Hook hook = s.act.hook;
  ++s.stats.violations[static_cast<unsigned>(kind)];
  emit(s, EventKind::violation, static_cast<uint8_t>(kind), static_cast<uint32_t>(hook), r.trap.pc,
       r.trap.address, 1, static_cast<uint32_t>(r.trap.kind));
  abort_activation(s, kCoapInternalError);
  if (hook == Hook::start) {
    finish_start(s, false);
  } else if (hook != Hook::stop) {
    strike(s);
  }
}

void Agent::strike(Slot& s) {
  ++s.stats.strikes;
  const uint8_t limit = s.manifest.failure.strikes == 0 ? 1 : s.manifest.failure.strikes;
  if (s.stats.strikes >= limit) struck_out(s);
}

void Agent::struck_out(Slot& s) {
  abort_activation(s, kCoapServiceUnavailable);
  drain_inbox(s);
  const manifest::FailurePolicy& policy = s.manifest.failure;
  if (s.stats.restarts >= policy.max_restarts) {
    fault(s);
    return;
  }
  const uint32_t shift = s.stats.restarts < 16 ? s.stats.restarts : 16;
  const uint64_t backoff = uint64_t{policy.backoff_ms} << shift;
  ++s.stats.restarts;
  s.restart_at_ms = now() + backoff;
  s.state = State::suspended;
  s.suspension = Suspension::backoff;
  emit(s, EventKind::suspended, static_cast<uint8_t>(Suspension::backoff), s.stats.restarts,
       static_cast<uint32_t>(backoff));
}

void Agent::fault(Slot& s) {
  abort_activation(s, kCoapServiceUnavailable);
  drain_inbox(s);
  s.restarting = false;
  s.state = State::faulted;
  s.suspension = Suspension::none;
  (void)persist_state(s);
  emit(s, EventKind::faulted, 0, s.stats.restarts);
}

void Agent::abort_activation(Slot& s, uint8_t code) {
  if (!s.act.active) return;
  if (s.act.hook == Hook::request && !s.act.responded) complete_request(s, s.act.token, code, {});
  s.act = Activation();
  s.machine.unmap(vm::kSlotContext);
}

void Agent::flush_limited(Slot& s, uint64_t now_ms) {
  for (unsigned reason = 0; reason < kDenialReasons; ++reason) {
    if (const uint32_t n = s.denial_limits[reason].flush(now_ms)) {
      emit(s, EventKind::denial, static_cast<uint8_t>(reason), 0xff, 0, 0, n);
    }
  }
  if (const uint32_t n = s.log_limit.flush(now_ms)) {
    emit(s, EventKind::log, 0, s.log_seq, 0, 0, n);
  }
  if (const uint32_t n = s.failure_limit.flush(now_ms))
    emit(s, EventKind::hook_failed, 0, 0, 0, 0, n);
}

vm::HelperResult Agent::sleep_until(Slot& s, uint64_t time_ms) {
  const uint64_t t = now();
  if (time_ms != 0 && time_ms <= t) return vm::HelperResult::Value(0);
  if (time_ms > s.act.deadline_ms) {
    return vm::HelperResult::Value(static_cast<uint64_t>(int64_t{TC_ELIMIT}));
  }
  s.act.sleeping = true;
  s.act.wake_ms = time_ms == 0 ? t : time_ms;  // 0: yield the rest of the slice
  return vm::HelperResult::Suspend();
}

}  // namespace tc::agent
