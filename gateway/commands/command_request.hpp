// The CoAP request that carries a command to a device (docs/protocol.md):
//   install   POST /c, CBOR {"uri": <where the device fetches the envelope>} (install by reference)
//   start, stop, restart   POST /c/{name}/{kind}
//   remove    DELETE /c/{name}
#pragma once

#include <chrono>
#include <string>

#include "commands/command.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

struct CommandTimeouts {
  std::chrono::milliseconds life_cycle{10000};
  // Covers the device fetching the whole envelope from the gateway before it answers.
  std::chrono::milliseconds install{60000};
};

[[nodiscard]] CoapRequest command_request(const DeviceCommand& command, const std::string& blob_uri,
                                          const CommandTimeouts& timeouts);

}  // namespace tc::gw
