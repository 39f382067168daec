// The proxy's translation between HTTP and a container's exported CoAP resources
// (ANY /api/v1/devices/{id}/apps/{container}/{path...} -> <method> /c/{container}/x/{path}):
//
// Request body by Content-Type: application/json -> CBOR (content format 60);
// application/cbor -> 60 as is; text/plain -> 0; application/octet-stream -> 42;
// application/link-format -> 40; no body -> no payload; anything else -> 415.
// Query parameters become Uri-Query options ("k=v").
//
// Answer by content format: CBOR (60) -> JSON, unless the client accepts application/cbor
// (then the bytes as they are); JSON (50), text (0), link format (40), octets (42) pass with
// their media type; another format passes as application/octet-stream with X-CoAP-Content-Format.
// 2.01 -> 201, other 2.xx -> 200 (204 when empty); 4.xx/5.xx -> ApiError (device_errors.hpp);
// CBOR that does not decode, JSON that does not parse -> 502 bad_device_answer.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "link/device_link.hpp"

namespace tc::gw {

struct ProxyInput {
  std::string_view method;  // HTTP method
  std::string_view container;
  std::string_view path;  // below the container's x/, segments joined by '/'
  std::vector<std::pair<std::string, std::string>> query;
  std::string_view content_type;
  std::string_view body;
};

struct ProxyAnswer {
  int status = 200;
  std::string content_type;  // empty when there is no body
  std::string body;
  std::string coap_code;                   // "2.05", for the X-CoAP-Code header
  std::optional<uint16_t> unknown_format;  // for X-CoAP-Content-Format
};

[[nodiscard]] CoapRequest proxy_request(const ProxyInput& input, std::chrono::milliseconds timeout);
[[nodiscard]] ProxyAnswer proxy_answer(const CoapReply& reply, bool raw_cbor);

}  // namespace tc::gw
