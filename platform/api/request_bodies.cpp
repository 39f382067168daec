#include "api/request_bodies.hpp"

#include "http/http_error.hpp"
#include "identity/names.hpp"

namespace tc::platform {
namespace {

constexpr std::size_t kMaxDisplayName = 200;

http::HttpError bad_field(std::string_view field, const std::string& why) {
  return {400, "bad_field", why, {{"field", field}}};
}

void require_object(const http::Json& body) {
  if (!body.is_object()) {
    throw http::HttpError(400, "bad_body", "the body must be a JSON object", {{"field", "(body)"}});
  }
}

// The string member `field`; `fallback` when absent and a fallback is given.
std::string text(const http::Json& body, std::string_view field,
                 const std::optional<std::string>& fallback = std::nullopt) {
  const auto it = body.find(field);
  if (it == body.end()) {
    if (fallback) return *fallback;
    throw bad_field(field, "'" + std::string(field) + "' is missing");
  }
  if (!it->is_string()) throw bad_field(field, "'" + std::string(field) + "' must be a string");
  return it->get<std::string>();
}

// A name member, checked as identity/names.hpp says.
std::string name(const http::Json& body, std::string_view field, std::string_view what,
                 const std::optional<std::string>& fallback = std::nullopt) {
  std::string value = text(body, field, fallback);
  if (const std::string why = check_name(what, value); !why.empty()) throw bad_field(field, why);
  return value;
}

}  // namespace

TenantRequest tenant_request(const http::Json& body) {
  require_object(body);
  TenantRequest out{.name = name(body, "name", "tenant name"),
                    .display_name = text(body, "display_name", std::string())};
  if (out.display_name.size() > kMaxDisplayName) {
    throw bad_field("display_name", "'display_name' is longer than 200 characters");
  }
  return out;
}

UserRequest user_request(const http::Json& body) {
  require_object(body);
  std::string tenant = name(body, "tenant", "tenant name");
  std::string user = name(body, "name", "user name");
  const std::optional<Role> role = parse_role(text(body, "role"));
  if (!role) throw bad_field("role", "'role' must be operator, owner or tenant");
  return {.tenant = std::move(tenant), .name = std::move(user), .role = *role};
}

GatewayRequest gateway_request(const http::Json& body) {
  require_object(body);
  return {.name = name(body, "name", "gateway name"), .owner = name(body, "owner", "tenant name")};
}

std::string token_request(const http::Json& body) {
  require_object(body);
  return name(body, "name", "token name", std::string("token"));
}

}  // namespace tc::platform
