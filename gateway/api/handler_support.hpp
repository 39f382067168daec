// Pieces every route handler uses: JSON answers (host/http), looking up the device a path names,
// asking a device and turning its answer into JSON or an ApiError, and answering a queued command.
#pragma once

#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "api/api_context.hpp"
#include "commands/command.hpp"
#include "common/json.hpp"
#include "devices/device.hpp"
#include "http/json_response.hpp"
#include "http/request_body.hpp"

namespace tc::gw {

// JSON answers and bodies of POST/PUT requests that may come without one (host/http).
using http::send_json;
using http::with_body;

// The device the path names; 404 device_not_found when unknown.
[[nodiscard]] Device require_device(const ApiContext& api, std::string_view id);
// Its address; 404 when unknown, 503 device_offline when it is not registered now.
[[nodiscard]] DeviceAddress require_online(const ApiContext& api, std::string_view id);

// GET `path` (with `query`) on an online device; its answer as JSON (null when empty). Failures
// and error answers throw (device_errors.hpp); `not_found_code` names a 4.04.
[[nodiscard]] Json read_device(const ApiContext& api, std::string_view id, std::string path,
                               std::string_view not_found_code,
                               std::vector<std::string> query = {});

// The query parameter's value when present.
[[nodiscard]] std::optional<std::string_view> param(const httplib::Request& req, const char* name);

// The request's `?wait` (read before a command is queued, so a bad value changes nothing).
[[nodiscard]] std::optional<std::chrono::seconds> command_wait(const ApiContext& api,
                                                               const httplib::Request& req);

// A command just queued: 202 with Location at once; with a wait, its outcome when it finishes in
// time (200, or 201 when `created`; a device refusal as its error), else 202.
void answer_command(const ApiContext& api, httplib::Response& res, const DeviceCommand& queued,
                    std::optional<std::chrono::seconds> wait, bool created);

}  // namespace tc::gw
