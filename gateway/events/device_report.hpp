// A container's remote-endpoint write that reached the gateway (Listener::on_device_request,
// docs/gateway.md "Remote endpoints") as the fields of a "report" event: method, path, query, the
// container (the `c=` query parameter) and the payload, decoded from CBOR to JSON when it is
// CBOR, else as hex.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

[[nodiscard]] Json device_report(Method method, const std::string& path,
                                 const std::vector<std::string>& query,
                                 std::optional<uint16_t> content_format,
                                 const std::vector<uint8_t>& payload);

[[nodiscard]] const char* method_name(Method method);

}  // namespace tc::gw
