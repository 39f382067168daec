#include "serial_address.hpp"

#include <arpa/inet.h>

#include <charconv>

namespace tc::gw::serial {
namespace {

constexpr std::string_view kScheme = "tcp:";

SerialAddressParse failure(std::string error) {
  return {std::nullopt, std::move(error)};
}

}  // namespace

SerialAddressParse parse_serial_address(std::string_view text) {
  if (!text.starts_with(kScheme)) {
    return failure("serial address '" + std::string(text) + "': expected tcp:HOST:PORT");
  }
  const std::string_view rest = text.substr(kScheme.size());
  const std::size_t colon = rest.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return failure("serial address '" + std::string(text) + "': expected tcp:HOST:PORT");
  }
  std::string host(rest.substr(0, colon));
  if (host == "localhost") host = "127.0.0.1";
  in_addr ignored{};
  if (inet_pton(AF_INET, host.c_str(), &ignored) != 1) {
    return failure("serial address '" + std::string(text) + "': host must be an IPv4 address");
  }
  const std::string_view port_text = rest.substr(colon + 1);
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 ||
      port > 65535) {
    return failure("serial address '" + std::string(text) + "': port must be 1..65535");
  }
  return {SerialAddress{std::move(host), static_cast<uint16_t>(port)}, {}};
}

}  // namespace tc::gw::serial
