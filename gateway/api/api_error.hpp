// Errors of the HTTP API, one JSON shape for all of them:
//   {"error": {"status": 404, "code": "device_not_found", "message": "...", ...details}}
// `code` is a stable token for programs, `message` a sentence for people; details add e.g. the
// device's own answer ("device_answer": {"coap_code", "error", "reason"}) or the command.
// Handlers throw ApiError; the server turns it into the answer.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "common/json.hpp"

namespace tc::gw {

class ApiError : public std::runtime_error {
 public:
  ApiError(int status, std::string code, const std::string& message, Json details = Json::object())
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
[[nodiscard]] ApiError http_layer_error(int status);

}  // namespace tc::gw
