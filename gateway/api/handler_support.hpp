// Pieces every route handler uses: JSON answers, looking up the device a path names, asking a
// device and turning its answer into JSON or an ApiError, and answering a queued command.
#pragma once

#include <httplib.h>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "api/api_context.hpp"
#include "commands/command.hpp"
#include "common/json.hpp"
#include "devices/device.hpp"

namespace tc::gw {

void send_json(httplib::Response& res, int status, const Json& body);

// A POST or PUT handler that gets the request body as an argument.
using BodyHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const std::string& body)>;

// cpp-httplib 0.11 reads a POST or PUT body until the connection's read timeout when the request
// declares no length (`curl -X POST URL` sends none), then answers 400. Wrapped in a content
// reader, the handler reads a body only when Content-Length or Transfer-Encoding announces one:
// a request without either has none (RFC 9112, 6.3). A body over the limit is 413.
[[nodiscard]] httplib::Server::HandlerWithContentReader with_body(BodyHandler handler);

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
