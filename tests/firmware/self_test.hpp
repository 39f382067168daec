// The self-tests' reporting, shared by every image under tests/firmware: a banner, failure lines
// on the console UART, and the verdict tc_firmware_main() returns (which the reset handler turns
// into QEMU's exit status).
#pragma once

#include <cstdint>
#include <string_view>

namespace tc::firmware_test {

// Starts SysTick and prints "<name> on <board>".
void begin(std::string_view name);
// Records a failure: "FAIL <what>: <detail>".
void fail(std::string_view what, std::string_view detail);
// Records a failure of a value: "FAIL <what>: <field> = <got>, expected <want>".
void fail_values(std::string_view what, std::string_view field, uint64_t got, uint64_t want);
// Records a failure unless `condition`; prints "ok <what>" otherwise. Returns `condition`.
bool expect(bool condition, std::string_view what);
// Prints "PASS"/"FAIL (<n> failures)" and returns the exit status for tc_firmware_main().
[[nodiscard]] int end();

}  // namespace tc::firmware_test
