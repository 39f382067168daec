#include "http/http_error.hpp"

namespace tc::http {

Json error_body(int status, std::string_view code, std::string_view message, const Json& details) {
  Json error = {{"status", status}, {"code", code}, {"message", message}};
  if (details.is_object()) error.update(details);
  return {{"error", std::move(error)}};
}

Json HttpError::body() const {
  return error_body(status_, code_, what(), details_);
}

HttpError http_layer_error(int status) {
  switch (status) {
    case 400:
      return {400, "bad_request", "the request is not valid HTTP"};
    case 404:
      return {404, "not_found", "no such resource in the API"};
    case 405:
      return {405, "method_not_allowed", "this method is not allowed on this resource"};
    case 413:
      return {413, "body_too_large", "the request body exceeds the server's limit"};
    case 414:
      return {414, "uri_too_long", "the request URI is too long"};
    case 416:
      return {416, "bad_range", "the requested range cannot be served"};
    default:
      break;
  }
  return {status, "http_error", "HTTP status " + std::to_string(status)};
}

}  // namespace tc::http
