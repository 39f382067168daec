#include "api/handler_support.hpp"

#include "api/api_error.hpp"
#include "api/device_call.hpp"
#include "api/device_errors.hpp"
#include "api/request_parsing.hpp"
#include "common/reply_json.hpp"

namespace tc::gw {
namespace {

// The HTTP error of a command that failed while the client waited: the device's refusal as a
// direct request would show it, or the reason it got no (usable) answer.
ApiError command_error(const DeviceCommand& c) {
  const std::string message = "command " + std::to_string(c.id) + " failed: " + c.last_error;
  Json details = {{"command", to_json(c)}};
  if (const std::optional<uint8_t> code = parse_coap_code(c.coap_code)) {
    const ApiError refusal = device_refusal(*code, c.result, "container_not_found");
    details.update(refusal.details());
    return {refusal.status(), refusal.code(), message, std::move(details)};
  }
  const bool garbage = c.last_error.rfind("bad answer", 0) == 0;
  return {garbage ? 502 : 504, garbage ? "bad_device_answer" : "device_timeout", message,
          std::move(details)};
}

}  // namespace

Device require_device(const ApiContext& api, std::string_view id) {
  std::optional<Device> device = is_device_id(id) ? api.devices.find(id) : std::nullopt;
  if (!device) {
    throw ApiError(404, "device_not_found", "no device '" + std::string(id.substr(0, 64)) + "'",
                   {{"device", id.substr(0, 64)}});
  }
  return std::move(*device);
}

DeviceAddress require_online(const ApiContext& api, std::string_view id) {
  // The proxy's hot path: one shared-lock lookup when the device is online.
  if (std::optional<DeviceAddress> address = api.devices.online_address(id)) {
    return std::move(*address);
  }
  const Device device = require_device(api, id);
  if (!device.online) {
    throw ApiError(503, "device_offline",
                   "device '" + device.id + "' is offline (its registration lapsed or was removed)",
                   {{"device", device.id}});
  }
  return device.address;
}

Json read_device(const ApiContext& api, std::string_view id, std::string path,
                 std::string_view not_found_code, std::vector<std::string> query) {
  const DeviceAddress address = require_online(api, id);
  CoapRequest request;
  request.path = std::move(path);
  request.query = std::move(query);
  request.timeout = api.limits.device_timeout;
  const CoapOutcome outcome = call_device(api.link, address, std::move(request));
  if (!outcome.ok()) throw device_failure(outcome);
  if (!outcome.reply.success()) throw device_refusal(outcome.reply, not_found_code);
  std::optional<Json> json = reply_json(outcome.reply);
  return json ? std::move(*json) : Json();
}

std::optional<std::string_view> param(const httplib::Request& req, const char* name) {
  const auto it = req.params.find(name);
  if (it == req.params.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::chrono::seconds> command_wait(const ApiContext& api,
                                                 const httplib::Request& req) {
  return wait_param(param(req, "wait"), api.limits.default_wait, api.limits.max_wait);
}

void answer_command(const ApiContext& api, httplib::Response& res, const DeviceCommand& queued,
                    std::optional<std::chrono::seconds> wait, bool created) {
  DeviceCommand c = queued;
  if (wait) {
    if (std::optional<DeviceCommand> now = api.commands.wait(queued.id, *wait)) c = std::move(*now);
  }
  if (c.status == CommandStatus::done) {
    send_json(res, created ? 201 : 200, to_json(c));
    return;
  }
  if (c.status == CommandStatus::failed) throw command_error(c);
  res.set_header("Location", "/api/v1/commands/" + std::to_string(c.id));
  send_json(res, 202, to_json(c));
}

}  // namespace tc::gw
