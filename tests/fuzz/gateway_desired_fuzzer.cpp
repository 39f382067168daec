// libFuzzer target: the platform's desired-state document (gateway/platform/desired_state), which
// comes from the network. A document is accepted or rejected with a reason, never a crash; an
// accepted one holds only what the checks let through.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/container_name.hpp"
#include "platform/desired_state.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const tc::gw::DesiredParse parsed = tc::gw::parse_desired(text);
  if (parsed.state.has_value() == !parsed.error.empty()) std::abort();
  if (!parsed.state) return 0;
  for (const auto& [device, containers] : parsed.state->devices) {
    if (device.empty()) std::abort();
    for (const tc::gw::DesiredContainer& c : containers) {
      if (!tc::gw::is_container_name(c.name) || c.digest.size() != 64 || c.size == 0 ||
          c.size > tc::gw::kMaxEnvelopeSize) {
        std::abort();
      }
    }
  }
  return 0;
}
