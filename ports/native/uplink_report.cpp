#include "uplink_report.hpp"

#include <cstdio>

#include "coap/code.hpp"

namespace tc::native {

void UplinkReport::update(const rd::CoapUplink& uplink) {
  const rd::UplinkStats now = uplink.stats();
  const uint32_t rejected = now.rejected - seen_.rejected;
  const uint32_t dropped = now.dropped - seen_.dropped;
  const uint32_t delivered = now.delivered - seen_.delivered;
  const uint32_t full = now.full - seen_.full;
  seen_ = now;
  if (delivered != 0) {
    if (verbose_) std::fprintf(stderr, "tc-device: uplink: %u write(s) delivered\n", delivered);
    failing_ = false;
  }
  if (rejected == 0 && dropped == 0 && full == 0) return;
  if (!verbose_ && failing_) return;
  failing_ = true;
  if (rejected != 0) {
    const auto code = static_cast<coap::Code>(uplink.last_rejection());
    std::fprintf(stderr, "tc-device: uplink: %u write(s) rejected (%u.%02u%s)\n", rejected,
                 unsigned{coap::code_class(code)}, unsigned{coap::code_detail(code)},
                 uplink.last_rejection() == 0 ? ": Reset" : "");
  }
  if (dropped != 0) {
    std::fprintf(stderr, "tc-device: uplink: %u write(s) dropped: no answer after the retries\n",
                 dropped);
  }
  if (full != 0) {
    std::fprintf(stderr, "tc-device: uplink: %u write(s) refused: the queue is full (TC_EAGAIN)\n",
                 full);
  }
}

}  // namespace tc::native
