// The gateway's JSON type: the one tcctl's CBOR -> JSON conversion produces (cli/dev/cbor_json),
// with keys kept in insertion order so that answers read like the documentation.
#pragma once

#include <string>

#include "dev/cbor_json.hpp"

namespace tc::gw {

using Json = dev::Json;

// Compact JSON text. Strings from devices may hold invalid UTF-8: it is replaced (U+FFFD), never
// an exception.
[[nodiscard]] inline std::string json_text(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace tc::gw
