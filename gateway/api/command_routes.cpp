#include "api/api_error.hpp"
#include "api/handler_support.hpp"
#include "api/request_parsing.hpp"
#include "api/routes.hpp"

namespace tc::gw {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kCommand = R"(/api/v1/commands/([^/]+))";
constexpr uint64_t kMaxListed = 1000;

ApiError command_not_found(const std::string& id) {
  return {404, "command_not_found", "no command '" + id.substr(0, 32) + "'"};
}

// The command id in the path; an id that is not a number names no command.
int64_t command_id(const Request& req) {
  const std::string text = req.matches[1].str();
  try {
    const uint64_t id = unsigned_param("id", text);
    if (id <= static_cast<uint64_t>(INT64_MAX)) return static_cast<int64_t>(id);
  } catch (const ApiError&) {
  }
  throw command_not_found(text);
}

void list_commands(const ApiContext& api, const Request& req, Response& res) {
  CommandFilter filter;
  if (const std::optional<std::string_view> device = param(req, "device")) {
    filter.device = std::string(*device);
  }
  if (const std::optional<std::string_view> status = param(req, "status")) {
    filter.status = command_status(*status);
    if (!filter.status) {
      throw ApiError(400, "bad_parameter",
                     "query parameter 'status': one of queued, sending, done, failed, cancelled",
                     {{"field", "status"}});
    }
  }
  if (const std::optional<std::string_view> limit = param(req, "limit")) {
    const uint64_t n = unsigned_param("limit", *limit);
    if (n == 0 || n > kMaxListed) {
      throw ApiError(400, "bad_parameter", "query parameter 'limit': 1..1000",
                     {{"field", "limit"}});
    }
    filter.limit = n;
  }
  Json commands = Json::array();
  for (const DeviceCommand& c : api.commands.list(filter))
    commands.push_back(to_json(c));
  send_json(res, 200, {{"commands", std::move(commands)}});
}

void cancel_command(const ApiContext& api, const Request& req, Response& res) {
  const int64_t id = command_id(req);
  auto [outcome, command] = api.commands.cancel(id);
  switch (outcome) {
    case CancelOutcome::cancelled:
      send_json(res, 200, to_json(*command));
      return;
    case CancelOutcome::not_found:
      throw command_not_found(std::to_string(id));
    case CancelOutcome::already_final:
      throw ApiError(
          409, "command_finished",
          "command " + std::to_string(id) + " is already " + std::string(name(command->status)),
          {{"command", to_json(*command)}});
    case CancelOutcome::in_flight:
      throw ApiError(409, "command_in_flight",
                     "command " + std::to_string(id) +
                         " is being sent to the device: its outcome is no longer the gateway's "
                         "to cancel",
                     {{"command", to_json(*command)}});
  }
}

}  // namespace

void add_command_routes(httplib::Server& server, const ApiContext& api) {
  server.Get("/api/v1/commands",
             [&api](const Request& req, Response& res) { list_commands(api, req, res); });
  server.Get(kCommand, [&api](const Request& req, Response& res) {
    const int64_t id = command_id(req);
    const std::optional<DeviceCommand> command = api.commands.find(id);
    if (!command) throw command_not_found(std::to_string(id));
    send_json(res, 200, to_json(*command));
  });
  server.Delete(kCommand,
                [&api](const Request& req, Response& res) { cancel_command(api, req, res); });
}

}  // namespace tc::gw
