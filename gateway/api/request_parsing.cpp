#include "api/request_parsing.hpp"

#include "common/container_name.hpp"

#include <algorithm>
#include <charconv>
#include <span>

#include "api/api_error.hpp"
#include "cbor/reader.hpp"

namespace tc::gw {
namespace {

constexpr std::size_t kMaxDeviceId = 63;
constexpr std::size_t kMaxTokenName = 64;

ApiError bad_parameter(std::string_view name, const std::string& why) {
  return {400,
          "bad_parameter",
          "query parameter '" + std::string(name) + "': " + why,
          {{"field", name}}};
}

}  // namespace

std::optional<std::chrono::seconds> wait_param(std::optional<std::string_view> value,
                                               std::chrono::seconds fallback,
                                               std::chrono::seconds max) {
  if (!value) return std::nullopt;
  if (value->empty()) return fallback;
  const uint64_t seconds = unsigned_param("wait", *value);
  if (seconds > static_cast<uint64_t>(max.count())) {
    throw bad_parameter("wait", "at most " + std::to_string(max.count()) + " seconds");
  }
  return std::chrono::seconds(seconds);
}

uint64_t unsigned_param(std::string_view name, std::string_view value) {
  uint64_t n = 0;
  const char* end = value.data() + value.size();
  const auto [ptr, ec] = std::from_chars(value.data(), end, n);
  if (value.empty() || ec != std::errc() || ptr != end) {
    throw bad_parameter(name,
                        "'" + std::string(value.substr(0, 40)) + "' is not an unsigned integer");
  }
  return n;
}

bool bool_param(std::string_view name, std::string_view value) {
  if (value.empty() || value == "true" || value == "1") return true;
  if (value == "false" || value == "0") return false;
  throw bad_parameter(name, "expected true or false");
}

void check_container_name(std::string_view name) {
  if (!is_container_name(name)) {
    throw ApiError(400, "invalid_container_name",
                   "container names are 1..31 characters of [a-z0-9._-], starting with a letter "
                   "or digit",
                   {{"field", "name"}});
  }
}

bool is_device_id(std::string_view id) {
  return !id.empty() && id.size() <= kMaxDeviceId && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

std::vector<uint8_t> envelope_body(std::string_view content_type, std::string_view body) {
  const std::string type = media_type(content_type);
  if (type != "application/suit-envelope+cose" && type != "application/cbor" &&
      type != "application/octet-stream") {
    throw ApiError(415, "unsupported_media_type",
                   "a SUIT envelope is sent as application/suit-envelope+cose, application/cbor "
                   "or application/octet-stream, not '" +
                       std::string(content_type.substr(0, 60)) + "'");
  }
  if (body.empty()) throw ApiError(400, "empty_body", "the body must be a SUIT envelope");
  const std::span<const uint8_t> bytes(reinterpret_cast<const uint8_t*>(body.data()), body.size());
  cbor::Reader reader(bytes);
  const cbor::Error skipped = reader.skip();
  const cbor::Error end = skipped == cbor::Error::ok ? reader.finish() : skipped;
  if (end != cbor::Error::ok) {
    throw ApiError(400, "malformed_envelope",
                   std::string("the body is not one CBOR item (") + cbor::describe(end) +
                       " at byte " + std::to_string(reader.offset()) + ")");
  }
  return {bytes.begin(), bytes.end()};
}

std::string token_name(const Json& body) {
  if (!body.is_object()) {
    throw ApiError(400, "bad_body", "the body must be a JSON object", {{"field", "(body)"}});
  }
  const auto it = body.find("name");
  if (it == body.end()) return "token";
  if (!it->is_string() || it->get_ref<const std::string&>().empty() ||
      it->get_ref<const std::string&>().size() > kMaxTokenName) {
    throw ApiError(400, "bad_field", "'name' must be a string of 1..64 characters",
                   {{"field", "name"}});
  }
  return it->get<std::string>();
}

}  // namespace tc::gw
