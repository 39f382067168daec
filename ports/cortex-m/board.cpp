// The board interface over the description of the board this build is for: TC_BOARD_SPEC names
// its header (board_<board>.hpp), which defines kName, kCpuHz, the UARTs kUart0 and kUart1 and
// UART0's interrupt number kUart0Irq.
#include "board.hpp"

#include "fault_report.hpp"
#include "mmio.hpp"
#include TC_BOARD_SPEC

namespace tc::cortex_m::board {
namespace {

constexpr uintptr_t kNvicSetEnable = 0xE000'E100;    // ISER0: one bit per interrupt 0..31
constexpr uintptr_t kNvicClearEnable = 0xE000'E180;  // ICER0
constexpr uint32_t kLinkInterrupt = 1u << board_spec::kUart0Irq;
constexpr uint32_t kFirstDeviceException = 16;

// Which UART the console writes to; the link's ring once start_link() ran. Both are written once,
// before the link's interrupt is enabled.
const auto* console = &board_spec::kUart0;
LinkRing* link_ring = nullptr;

// The active exception's number (IPSR).
uint32_t active_exception() {
  uint32_t ipsr = 0;
  asm volatile("mrs %0, ipsr" : "=r"(ipsr));
  return ipsr & 0x1FF;
}

}  // namespace

std::string_view name() {
  return board_spec::kName;
}

uint32_t cpu_hz() {
  return board_spec::kCpuHz;
}

void init() {
  board_spec::kUart0.enable();
}

void uart_put(char c) {
  console->put(c);
}

void start_link(LinkRing& ring) {
  board_spec::kUart1.enable();
  console = &board_spec::kUart1;
  link_ring = &ring;
  board_spec::kUart0.enable_receive_interrupt();
  resume_link();
}

void resume_link() {
  reg32(kNvicSetEnable) = kLinkInterrupt;
}

void link_put(uint8_t byte) {
  board_spec::kUart0.put(static_cast<char>(byte));
}

void device_interrupt() {
  if (active_exception() != kFirstDeviceException + board_spec::kUart0Irq || link_ring == nullptr) {
    report_unexpected_interrupt();
  }
  uint8_t byte = 0;
  while (!link_ring->full()) {
    if (!board_spec::kUart0.receive(byte)) return;
    (void)link_ring->push(byte);
  }
  // Full: the bytes stay in the UART until the main loop made room (resume_link). The UART's
  // interrupt stays pending meanwhile, so it is taken again as soon as it is unmasked.
  reg32(kNvicClearEnable) = kLinkInterrupt;
}

}  // namespace tc::cortex_m::board
