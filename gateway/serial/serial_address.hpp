// Where a serial device is reached: for now QEMU's serial port exposed as a TCP socket,
// "tcp:HOST:PORT" (QEMU: -serial tcp:127.0.0.1:PORT,server,nowait). HOST is an IPv4 literal or
// "localhost"; no name lookup, so that nothing waits for DNS.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tc::gw::serial {

struct SerialAddress {
  std::string host;  // an IPv4 literal ("localhost" becomes 127.0.0.1)
  uint16_t port = 0;

  bool operator==(const SerialAddress&) const = default;
};

struct SerialAddressParse {
  std::optional<SerialAddress> address;
  std::string error;  // when !address: what is wrong, for a person
};

// "tcp:HOST:PORT", port 1..65535.
[[nodiscard]] SerialAddressParse parse_serial_address(std::string_view text);

}  // namespace tc::gw::serial
