// Device payloads (CBOR, docs/protocol.md) as JSON, generically, decoded with the device core's
// reader (runtime/cbor):
//   map with text keys -> object (key order kept); a non-text key becomes its JSON text
//   array -> array; unsigned/negative integer -> integer (below -2^63: a float)
//   text -> string; byte string -> lowercase hex string ("0a1b")
//   float -> number (NaN and infinities -> null); true/false/null -> the same; undefined -> null
//   other simple values -> "simple(N)"; a tag -> its content (the tag number is dropped)
// Indefinite-length items are joined. Trailing bytes or malformed input are an error.
//
// And back, for bodies sent to a device (the gateway's proxy): json_to_cbor writes JSON in
// preferred serialization (shortest heads and floats), objects as maps with text keys, and
// refuses nesting the device's reader would refuse (deeper than cbor::kMaxDepth).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tc::dev {

using Json = nlohmann::ordered_json;

struct JsonResult {
  std::optional<Json> value;
  std::string error;  // why the bytes are not one CBOR item, when value is empty
};

[[nodiscard]] JsonResult cbor_to_json(std::span<const uint8_t> cbor);

struct CborResult {
  std::optional<std::vector<uint8_t>> value;
  std::string error;  // why the value has no CBOR form a device reads, when value is empty
};

[[nodiscard]] CborResult json_to_cbor(const Json& json);

[[nodiscard]] std::string to_hex(std::span<const uint8_t> bytes);

}  // namespace tc::dev
