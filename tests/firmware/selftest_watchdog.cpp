// Firmware self-test: the SysTick-driven watchdog ends an endless loop while a well-behaved
// container next to it keeps running. endless-loop (containers/endless_loop.c) has fuel for
// seconds but a 20 ms loop deadline; steady-sampler reads a sensor every 50 ms. After one second
// of emulated time the watchdog must have stopped the loop (deadline violations) and the sampler
// must have run without a failure. The time the stopped activation had run is printed in emulated
// time (deterministic under QEMU -icount); only "it ended at all" is asserted.
#include "agent/violation.hpp"
#include "console.hpp"
#include "embedded_containers.hpp"
#include "firmware_agent.hpp"
#include "firmware_main.hpp"
#include "self_test.hpp"

namespace {

using namespace tc;
using namespace tc::firmware_test;
namespace console = cortex_m::console;

constexpr std::string_view kLoop = "endless-loop";
constexpr std::string_view kSampler = "steady-sampler";
constexpr uint64_t kRunMs = 1000;

FirmwareAgent firmware;

bool install_and_start(std::span<const uint8_t> image, std::span<const uint8_t> manifest,
                       std::string_view name) {
  return expect(firmware.install(image, manifest).ok() && firmware.agent().start(name).ok(),
                name.data());  // both names are literals, NUL-terminated
}

void report_loop(const agent::Stats& s) {
  const uint32_t deadlines = s.violations[static_cast<unsigned>(agent::Violation::deadline)];
  console::print("endless-loop: ");
  console::print_dec(s.activations);
  console::print(" activations, ");
  console::print_dec(deadlines);
  console::print(" ended by the watchdog; the last one after ");
  console::print_dec(firmware.watchdog().last_stop_after_us());
  console::print(" us of emulated time (");
  console::print_dec(s.instructions);
  console::line(" eBPF instructions in all)");
  expect(firmware.watchdog().fired() >= 1, "the SysTick watchdog fired");
  expect(deadlines >= 1, "the endless loop was ended at its deadline");
  expect(s.violations[static_cast<unsigned>(agent::Violation::out_of_fuel)] == 0,
         "the watchdog, not the fuel, ended it");
}

void report_sampler(const agent::ContainerInfo& info) {
  console::print("steady-sampler: ");
  console::print_dec(info.stats.activations);
  console::print(" activations, ");
  console::print_dec(info.stats.endpoint_calls);
  console::line(" sensor reads");
  expect(info.state == agent::State::running, "steady-sampler is still running");
  expect(info.stats.activations >= 2 && info.stats.hook_failures == 0,
         "steady-sampler kept running without a failure");
  expect(info.stats.total_violations() == 0, "steady-sampler was never stopped");
}

}  // namespace

extern "C" int tc_firmware_main() {
  begin("selftest_watchdog");
  if (!expect(firmware.begin().ok(), "agent starts") ||
      !install_and_start(kSteadySamplerImage, kSteadySamplerManifest, kSampler) ||
      !install_and_start(kEndlessLoopImage, kEndlessLoopManifest, kLoop)) {
    return end();
  }
  firmware.run_until(firmware.clock().now_ms() + kRunMs);

  const Result<agent::ContainerInfo> loop = firmware.agent().status(kLoop);
  const Result<agent::ContainerInfo> sampler = firmware.agent().status(kSampler);
  if (expect(loop.ok(), "status of endless-loop")) report_loop(loop.value().stats);
  if (expect(sampler.ok(), "status of steady-sampler")) report_sampler(sampler.value());
  return end();
}
