// The JSON of the identity layer's values and the gateways' in /api/v1's answers
// (docs/api/platform.yaml). Times are milliseconds since the Unix epoch; a token's secret appears
// only in the answer that issues it.
#pragma once

#include <vector>
#include "fleet/gateway_registry.hpp"

#include "http/json.hpp"
#include "identity/identity.hpp"

namespace tc::platform {

[[nodiscard]] http::Json to_json(const Tenant& t);
[[nodiscard]] http::Json to_json(const User& u);
[[nodiscard]] http::Json to_json(const TokenInfo& t);
[[nodiscard]] http::Json to_json(const Gateway& g);

// A list answer's array: each item's to_json.
template <class T>
[[nodiscard]] http::Json to_json_array(const std::vector<T>& items) {
  http::Json out = http::Json::array();
  for (const T& item : items)
    out.push_back(to_json(item));
  return out;
}

}  // namespace tc::platform
