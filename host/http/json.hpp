// The JSON type of the host programs' HTTP APIs: keys kept in insertion order, so that answers
// read like the documentation.
#pragma once

#include <nlohmann/json.hpp>

namespace tc::http {

using Json = nlohmann::ordered_json;

}  // namespace tc::http
