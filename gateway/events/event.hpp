// One event of the gateway's site-wide stream: a device coming online or going offline, a
// command changing status, one of a device's own events (installed, violation, denied, log...),
// a container's report. Its id orders the stream (Server-Sent Events `id:`); its data is the JSON
// object clients receive, serialized once when published.
#pragma once

#include <cstdint>
#include <string>

namespace tc::gw {

struct Event {
  uint64_t id = 0;
  std::string type;    // the SSE `event:` name, e.g. "device_online", "violation"
  std::string device;  // the device it concerns (every event concerns one)
  std::string data;    // a JSON object with at least "device" and "time"
};

}  // namespace tc::gw
