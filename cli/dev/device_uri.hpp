// The device address tcctl dev takes: coap://HOST[:PORT][/] (port 5683 by default). HOST is a
// name, an IPv4 address or a bracketed IPv6 address. coaps:// (DTLS) is not supported yet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tc::dev {

inline constexpr uint16_t kDefaultCoapPort = 5683;

struct DeviceUri {
  std::string host;  // without brackets
  uint16_t port = kDefaultCoapPort;

  // "127.0.0.1:5683", "[::1]:5683": how messages name the device.
  [[nodiscard]] std::string display() const;
};

struct UriResult {
  std::optional<DeviceUri> uri;
  std::string error;  // why the text is not a device URI, when uri is empty
};

[[nodiscard]] UriResult parse_device_uri(std::string_view text);

}  // namespace tc::dev
