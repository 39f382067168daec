// A request's JSON body and its content type. Both throw HttpError on bad input (415 for a
// content type that is not JSON, 400 for text that is not JSON), so a handler reads as the
// straight path. Pure functions: fuzzed (tests/fuzz/gateway_api, tests/fuzz/platform_api).
#pragma once

#include <string>
#include <string_view>

#include "http/json.hpp"

namespace tc::http {

// "application/json; charset=utf-8" -> "application/json".
[[nodiscard]] std::string media_type(std::string_view content_type);

// A JSON body (application/json); an empty body reads as `{}` when `empty_ok`.
[[nodiscard]] Json json_body(std::string_view content_type, std::string_view body, bool empty_ok);

}  // namespace tc::http
