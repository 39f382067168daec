#include "agent/state.hpp"

#include "agent/violation.hpp"

namespace tc::agent {

const char* describe(State state) {
  switch (state) {
    case State::empty:
      return "empty";
    case State::installed:
      return "installed";
    case State::running:
      return "running";
    case State::stopped:
      return "stopped";
    case State::suspended:
      return "suspended";
    case State::faulted:
      return "faulted";
    case State::removed:
      return "removed";
  }
  return "unknown";
}

const char* describe(Suspension suspension) {
  switch (suspension) {
    case Suspension::none:
      return "none";
    case Suspension::throttled:
      return "throttled";
    case Suspension::backoff:
      return "backoff";
    case Suspension::lifetime:
      return "lifetime";
  }
  return "unknown";
}

const char* describe(Hook hook) {
  return hook_entry_name(hook);
}

const char* hook_entry_name(Hook hook) {
  switch (hook) {
    case Hook::start:
      return "tc_start";
    case Hook::loop:
      return "tc_loop";
    case Hook::stop:
      return "tc_stop";
    case Hook::message:
      return "tc_on_message";
    case Hook::request:
      return "tc_on_request";
    case Hook::count:
      break;
  }
  return "unknown";
}

const char* describe(Violation violation) {
  switch (violation) {
    case Violation::trap:
      return "trap";
    case Violation::out_of_fuel:
      return "out of fuel";
    case Violation::deadline:
      return "deadline";
    case Violation::cpu_overrun:
      return "cpu overrun";
    case Violation::start_failed:
      return "start failed";
    case Violation::count:
      break;
  }
  return "unknown";
}

}  // namespace tc::agent
