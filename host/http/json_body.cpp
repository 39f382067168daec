#include "http/json_body.hpp"

#include <algorithm>

#include "http/http_error.hpp"

namespace tc::http {
namespace {

// nlohmann's messages start with "[json.exception.parse_error.101] ": the rest is for people.
std::string readable(const std::string& what) {
  const auto close = what.find("] ");
  return close == std::string::npos ? what : what.substr(close + 2);
}

}  // namespace

std::string media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  std::string_view type = content_type.substr(0, semicolon);
  while (!type.empty() && type.back() == ' ')
    type.remove_suffix(1);
  while (!type.empty() && type.front() == ' ')
    type.remove_prefix(1);
  std::string out(type);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return out;
}

Json json_body(std::string_view content_type, std::string_view body, bool empty_ok) {
  if (body.empty() && empty_ok) return Json::object();
  if (media_type(content_type) != "application/json") {
    throw HttpError(
        415, "unsupported_media_type",
        "the body must be application/json, not '" + std::string(content_type.substr(0, 60)) + "'");
  }
  try {
    return Json::parse(body);
  } catch (const Json::exception& e) {
    // parse_error, and out_of_range for a number beyond a double ("1e400").
    throw HttpError(400, "malformed_json", "the body is not valid JSON: " + readable(e.what()));
  }
}

}  // namespace tc::http
