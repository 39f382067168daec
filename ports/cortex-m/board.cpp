// The board interface over the description of the board this build is for: TC_BOARD_SPEC names
// its header (board_<board>.hpp), which defines kName, kCpuHz and the console UART kConsole.
#include "board.hpp"

#include TC_BOARD_SPEC

namespace tc::cortex_m::board {

std::string_view name() {
  return board_spec::kName;
}

uint32_t cpu_hz() {
  return board_spec::kCpuHz;
}

void init() {
  board_spec::kConsole.enable();
}

void uart_put(char c) {
  board_spec::kConsole.put(c);
}

}  // namespace tc::cortex_m::board
