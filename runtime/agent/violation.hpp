// What aborts an activation and costs a strike (DESIGN.md 2.4, manifest FailurePolicy).
#pragma once

#include <cstdint>

namespace tc::agent {

enum class Violation : uint8_t {
  trap = 0,      // memory fault, stack overflow, helper fault
  out_of_fuel,   // the activation's instruction budget ran out
  deadline,      // the watchdog stopped it at its wall-clock deadline
  cpu_overrun,   // it ran past its deadline without being stopped (a slow helper, no timer)
  start_failed,  // tc_start returned a negative value during an automatic restart
  count
};

[[nodiscard]] const char* describe(Violation violation);

// Denial reasons are the TC_E* codes of tinycontainer.h, indexed by their negated value.
inline constexpr unsigned kDenialReasons = 17;  // 0 unused, 1..16 = -TC_EINVAL..-TC_EAGAIN

}  // namespace tc::agent
