// Errors of a JSON HTTP API, one shape for all of them:
//   {"error": {"status": 404, "code": "device_not_found", "message": "...", ...details}}
// `code` is a stable token for programs, `message` a sentence for people; details add what the
// error is about (e.g. "field": the request field that was wrong). Handlers throw HttpError;
// HttpServer turns it into the answer.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "http/json.hpp"

namespace tc::http {

class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string code, const std::string& message, Json details = Json::object())
      : std::runtime_error(message),
        status_(status),
        code_(std::move(code)),
        details_(std::move(details)) {}

  [[nodiscard]] int status() const { return status_; }
  [[nodiscard]] const std::string& code() const { return code_; }
  [[nodiscard]] const Json& details() const { return details_; }

  [[nodiscard]] Json body() const;

 private:
  int status_;
  std::string code_;
  Json details_;
};

[[nodiscard]] Json error_body(int status, std::string_view code, std::string_view message,
                              const Json& details = Json::object());

// The code and message for a status the HTTP layer produced itself (404 of an unknown path, 413
// of a body over the limit, ...).
[[nodiscard]] HttpError http_layer_error(int status);

}  // namespace tc::http
