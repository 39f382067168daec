// Firmware self-test of the no-heap rule (negative: ctest expects the heap_use verdict): a call of
// malloc after start-up must end the run through _sbrk with ExitCode::heap_use and a message,
// never hand out memory.
#include <cstdlib>

#include "console.hpp"
#include "firmware_main.hpp"
#include "self_test.hpp"

extern "C" int tc_firmware_main() {
  tc::firmware_test::begin("selftest_heap");
  tc::cortex_m::console::line("calling malloc(16): expect the heap-use report");
  void* volatile block = std::malloc(16);  // NOLINT(cppcoreguidelines-no-malloc): on purpose
  tc::cortex_m::console::line(block != nullptr ? "malloc returned memory" : "malloc returned null");
  std::free(block);  // NOLINT(cppcoreguidelines-no-malloc): the pair of the malloc above
  return 0;          // reaching this is the failure: ctest expects ExitCode::heap_use
}
