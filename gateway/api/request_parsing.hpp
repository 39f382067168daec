// Reading what a client sent: query parameters, path names, JSON and envelope bodies. Each
// function throws ApiError (400 with the field named, 415 for a wrong content type) on bad
// input, so a handler reads as the straight path. Pure functions: fuzzed (tests/fuzz/gateway_api).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json.hpp"
#include "http/json_body.hpp"

namespace tc::gw {

// Content types and JSON bodies (host/http/json_body.hpp).
using http::json_body;
using http::media_type;

// `?wait` (absent: no wait; empty: `fallback`; N: N seconds, at most `max`).
[[nodiscard]] std::optional<std::chrono::seconds> wait_param(std::optional<std::string_view> value,
                                                             std::chrono::seconds fallback,
                                                             std::chrono::seconds max);
[[nodiscard]] uint64_t unsigned_param(std::string_view name, std::string_view value);
[[nodiscard]] bool bool_param(std::string_view name, std::string_view value);

// Container names as manifests allow them: [a-z0-9][a-z0-9._-]*, at most 31 characters.
void check_container_name(std::string_view name);
// Device ids as the resource directory accepts them: [A-Za-z0-9._-], 1..63 characters.
[[nodiscard]] bool is_device_id(std::string_view id);

// A SUIT envelope upload: application/suit-envelope+cose, application/cbor or
// application/octet-stream; not empty; one well-formed CBOR item.
[[nodiscard]] std::vector<uint8_t> envelope_body(std::string_view content_type,
                                                 std::string_view body);
// POST /tokens: {"name": text (1..64 characters, optional)}.
[[nodiscard]] std::string token_name(const Json& body);

}  // namespace tc::gw
