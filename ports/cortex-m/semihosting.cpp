#include "semihosting.hpp"

#include <cstdint>

namespace tc::cortex_m::semihosting {
namespace {

// Operation numbers and the reason code of the ARM semihosting specification (v2, 5.2 and 6.5).
constexpr uint32_t kSysExitExtended = 0x20;
constexpr uint32_t kAdpStoppedApplicationExit = 0x20026;

uint32_t call(uint32_t operation, const void* argument) {
  register uint32_t r0 asm("r0") = operation;
  register const void* r1 asm("r1") = argument;
  asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

}  // namespace

void exit(int status) {
  // The 32-bit SYS_EXIT (0x18) carries only the reason, so QEMU could report just 0 or 1; the
  // extended call takes a (reason, subcode) block and the subcode becomes the exit status.
  const uint32_t block[2] = {kAdpStoppedApplicationExit, static_cast<uint32_t>(status)};
  call(kSysExitExtended, block);
  for (;;) {
    asm volatile("wfi");  // a host that ignored the call: stay stopped
  }
}

}  // namespace tc::cortex_m::semihosting
