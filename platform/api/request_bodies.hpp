// The JSON bodies clients send to /api/v1, read into values. Each function throws HttpError 400
// naming the field ("field": "name") on bad input, so a handler reads as the straight path. Pure
// functions: fuzzed (tests/fuzz/platform_api_fuzzer.cpp).
#pragma once

#include <string>

#include "http/json.hpp"
#include "identity/role.hpp"

namespace tc::platform {

// POST /tenants: {"name": name, "display_name": text (optional, at most 200 characters)}.
struct TenantRequest {
  std::string name;
  std::string display_name;
};
[[nodiscard]] TenantRequest tenant_request(const http::Json& body);

// POST /users: {"tenant": name, "name": name, "role": "operator" | "owner" | "tenant"}.
struct UserRequest {
  std::string tenant;
  std::string name;
  Role role = Role::tenant;
};
[[nodiscard]] UserRequest user_request(const http::Json& body);

// POST /gateways: {"name": name, "owner": tenant name}.
struct GatewayRequest {
  std::string name;
  std::string owner;
};
[[nodiscard]] GatewayRequest gateway_request(const http::Json& body);

// POST /tokens: {"name": name (optional, "token" when absent)}.
[[nodiscard]] std::string token_request(const http::Json& body);

}  // namespace tc::platform
