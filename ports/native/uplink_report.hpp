// tc-device's log of the uplink (remote endpoint writes, rd::CoapUplink) on stderr: with -v each
// write that was rejected or dropped; without it only the first such failure after a delivered
// write, so that an unreachable gateway is one line and not one per container write.
#pragma once

#include "rd/uplink.hpp"

namespace tc::native {

class UplinkReport {
 public:
  explicit UplinkReport(bool verbose) : verbose_(verbose) {}

  // Compares the uplink's counters with the last call and logs what changed.
  void update(const rd::CoapUplink& uplink);

 private:
  bool verbose_;
  bool failing_ = false;  // a failure was logged and no write was delivered since
  rd::UplinkStats seen_;
};

}  // namespace tc::native
