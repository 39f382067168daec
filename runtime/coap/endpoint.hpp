// The peer of an exchange, opaque to the CoAP server: address bytes (IPv4, IPv6, a serial link id)
// plus a port. The server only compares endpoints and hands them back to the Transport.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "core/status.hpp"

namespace tc::coap {

struct Endpoint {
  static constexpr std::size_t kMaxAddress = 16;  // IPv6

  std::array<uint8_t, kMaxAddress> address{};
  uint8_t length = 0;
  uint16_t port = 0;

  // invalid_argument when the address is longer than 16 bytes. Unused bytes stay zero so that
  // the defaulted comparison is exact.
  [[nodiscard]] static Result<Endpoint> from(std::span<const uint8_t> bytes, uint16_t port) {
    if (bytes.size() > kMaxAddress) {
      return Status(StatusCode::invalid_argument, "endpoint address longer than 16 bytes");
    }
    Endpoint e;
    for (std::size_t i = 0; i < bytes.size(); ++i)
      e.address[i] = bytes[i];
    e.length = static_cast<uint8_t>(bytes.size());
    e.port = port;
    return e;
  }

  [[nodiscard]] std::span<const uint8_t> bytes() const { return {address.data(), length}; }

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

}  // namespace tc::coap
