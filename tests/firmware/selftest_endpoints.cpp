// Firmware self-test: the agent's endpoint checks on the target. The endpoint-probe container
// (containers/endpoint_probe.c) makes allowed and forbidden calls against the simulated board; the
// test then checks what the agent counted and what reached the actuators:
//   allowed sensor reads, an unlisted endpoint (TC_ENOENDPOINT), a read of a write-only endpoint
//   (TC_EDIRECTION), the rate limit (TC_ERATE), actuator values outside the manifest's bounds
//   (TC_EBOUNDS, the actuator never sees them) and a buffer outside the container (TC_EFAULT).
#include "agent/violation.hpp"
#include "console.hpp"
#include "embedded_containers.hpp"
#include "firmware_agent.hpp"
#include "firmware_main.hpp"
#include "self_test.hpp"
#include "tinycontainer.h"

namespace {

using namespace tc;
using namespace tc::firmware_test;
using cortex_m::SimResources;

constexpr std::string_view kProbe = "endpoint-probe";

FirmwareAgent firmware;

uint32_t denials(const agent::Stats& stats, int code) {
  return stats.denials[-code];
}

void check_counters(const agent::Stats& s) {
  expect(s.hook_failures == 0, "the probe saw every result it expected");
  expect(denials(s, TC_ENOENDPOINT) == 1, "unlisted endpoint denied");
  expect(denials(s, TC_EDIRECTION) == 1, "read of a write-only endpoint denied");
  expect(denials(s, TC_ERATE) == 1, "third read within a second rate limited");
  expect(denials(s, TC_EBOUNDS) == 3, "three actuator values outside the bounds denied");
  expect(denials(s, TC_EFAULT) == 1, "buffer outside the container denied");
  expect(s.total_denials() == 7, "no other denial");
  expect(s.total_violations() == 0, "no violation");
}

void check_board(const SimResources& r) {
  expect(r.reads() == 2, "two sensor reads reached the sensor");
  expect(r.writes(SimResources::kLock) == 1 && r.last_value(SimResources::kLock) == 1,
         "the lock saw only the in-bounds write (1)");
  expect(r.writes(SimResources::kBacklight) == 1 && r.last_value(SimResources::kBacklight) == 50,
         "the backlight saw only the in-bounds write (50)");
}

}  // namespace

extern "C" int tc_firmware_main() {
  begin("selftest_endpoints");
  if (!expect(firmware.begin().ok(), "agent starts") ||
      !expect(firmware.agent().container_capacity() >= kContainerBytes,
              "each slot holds a 2 KiB container") ||
      !expect(firmware.install(kEndpointProbeImage, kEndpointProbeManifest).ok(),
              "endpoint-probe installs") ||
      !expect(firmware.agent().start(kProbe).ok(), "endpoint-probe starts")) {
    return end();
  }
  firmware.run_until(firmware.clock().now_ms() + 300);  // loop period 100 ms: a few loops

  expect(firmware.print_logs(kProbe, "probe done"), "the probe ran to its end");
  const Result<agent::ContainerInfo> info = firmware.agent().status(kProbe);
  if (expect(info.ok(), "status of endpoint-probe")) check_counters(info.value().stats);
  check_board(firmware.resources());
  return end();
}
