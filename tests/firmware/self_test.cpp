#include "self_test.hpp"

#include "board.hpp"
#include "console.hpp"
#include "exit_code.hpp"
#include "systick.hpp"

namespace tc::firmware_test {
namespace {

using namespace tc::cortex_m;

uint32_t failures = 0;

}  // namespace

void begin(std::string_view name) {
  systick::start();
  console::print(name);
  console::print(" on ");
  console::line(board::name());
}

void fail(std::string_view what, std::string_view detail) {
  ++failures;
  console::print("FAIL ");
  console::print(what);
  console::print(": ");
  console::line(detail);
}

void fail_values(std::string_view what, std::string_view field, uint64_t got, uint64_t want) {
  ++failures;
  console::print("FAIL ");
  console::print(what);
  console::print(": ");
  console::print(field);
  console::print(" = ");
  console::print_hex(got, 16);
  console::print(", expected ");
  console::print_hex(want, 16);
  console::print("\n");
}

bool expect(bool condition, std::string_view what) {
  if (!condition) {
    fail(what, "not true");
    return false;
  }
  console::print("ok ");
  console::line(what);
  return true;
}

int end() {
  if (failures == 0) {
    console::line("PASS");
    return static_cast<int>(ExitCode::passed);
  }
  console::print("FAIL (");
  console::print_dec(failures);
  console::line(" failures)");
  return static_cast<int>(ExitCode::failed);
}

}  // namespace tc::firmware_test
