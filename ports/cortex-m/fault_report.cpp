#include "fault_report.hpp"

#include "console.hpp"
#include "mmio.hpp"
#include "semihosting.hpp"

namespace tc::cortex_m {
namespace {

// The registers the core pushes on exception entry, in stacking order.
struct ExceptionFrame {
  uint32_t r0, r1, r2, r3, r12, lr, pc, xpsr;
};

constexpr uint32_t kUsageFaultEnable = 1u << 18;
constexpr uint32_t kBusFaultEnable = 1u << 17;
constexpr uint32_t kMemFaultEnable = 1u << 16;
constexpr uintptr_t kScbCcr = 0xE000'ED14;
constexpr uint32_t kDivideByZeroTrap = 1u << 4;

bool reporting = false;

std::string_view exception_name(uint32_t number) {
  switch (number) {
    case 2:
      return "NMI";
    case 3:
      return "HardFault";
    case 4:
      return "MemManage";
    case 5:
      return "BusFault";
    case 6:
      return "UsageFault";
    default:
      return "unexpected exception";
  }
}

uint32_t active_exception() {
  uint32_t ipsr = 0;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  return ipsr & 0x1ff;
}

// Ends a run that failed again while reporting: no more printing, only the verdict.
void guard_recursion(ExitCode code) {
  if (reporting) semihosting::exit(code);
  reporting = true;
}

void field(std::string_view name, uint32_t value) {
  console::print(" ");
  console::print(name);
  console::print("=");
  console::print_hex(value);
}

}  // namespace

void enable_fault_handlers() {
  reg32(kScbShcsr) |= kUsageFaultEnable | kBusFaultEnable | kMemFaultEnable;
  reg32(kScbCcr) |= kDivideByZeroTrap;
}

void fatal(std::string_view what, ExitCode code) {
  guard_recursion(code);
  console::print("\nFATAL: ");
  console::line(what);
  semihosting::exit(code);
}

void report_unexpected_interrupt() {
  guard_recursion(ExitCode::fault);
  console::print("\nFAULT: unexpected interrupt, exception ");
  console::print_dec(active_exception());
  console::print("\n");
  semihosting::exit(ExitCode::fault);
}

}  // namespace tc::cortex_m

// Called by tc_fault_entry (below) with the frame the fault pushed (on MSP or PSP) and EXC_RETURN.
// `used`: only the assembly of tc_fault_entry calls it, which link-time optimisation cannot see.
extern "C" [[noreturn, gnu::used]] void tc_fault_report(const tc::cortex_m::ExceptionFrame* frame,
                                                        uint32_t exc_return) {
  using namespace tc::cortex_m;
  guard_recursion(ExitCode::fault);
  console::print("\nFAULT: ");
  console::print(exception_name(active_exception()));
  console::print("\n");
  field("r0", frame->r0);
  field("r1", frame->r1);
  field("r2", frame->r2);
  field("r3", frame->r3);
  console::print("\n");
  field("r12", frame->r12);
  field("lr", frame->lr);
  field("pc", frame->pc);
  field("xpsr", frame->xpsr);
  console::print("\n");
  field("CFSR", reg32(kScbCfsr));
  field("HFSR", reg32(kScbHfsr));
  field("MMFAR", reg32(kScbMmfar));
  field("BFAR", reg32(kScbBfar));
  field("EXC_RETURN", exc_return);
  console::print("\n");
  semihosting::exit(ExitCode::fault);
}

// The four fault exceptions share this entry: the exception number (IPSR) tells them apart. It
// picks the stack the faulting code used (EXC_RETURN bit 2) and hands its frame to
// tc_fault_report. Naked: no prologue may touch the stack first.
extern "C" __attribute__((naked)) void tc_fault_entry() {
  asm volatile(
      "tst lr, #4\n"
      "ite eq\n"
      "mrseq r0, msp\n"
      "mrsne r0, psp\n"
      "mov r1, lr\n"
      "b tc_fault_report\n");
}
