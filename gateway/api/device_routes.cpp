#include "api/api_error.hpp"
#include "api/handler_support.hpp"
#include "api/request_parsing.hpp"
#include "api/routes.hpp"

namespace tc::gw {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kDevice = R"(/api/v1/devices/([^/]+))";

void list_devices(const ApiContext& api, const Request& req, Response& res) {
  const std::optional<std::string_view> online = param(req, "online");
  const std::optional<bool> wanted =
      online ? std::optional<bool>(bool_param("online", *online)) : std::nullopt;
  Json devices = Json::array();
  for (const Device& d : api.devices.list()) {
    if (!wanted || d.online == *wanted) devices.push_back(to_json(d, false));
  }
  send_json(res, 200, {{"devices", std::move(devices)}});
}

// The registry's view, and the device's own GET /dev when it is online (a device that does not
// answer leaves "info_error" instead: the registry part is still worth showing).
void show_device(const ApiContext& api, const Request& req, Response& res) {
  const Device device = require_device(api, req.matches[1].str());
  Json out = to_json(device, true);
  if (device.online) {
    try {
      out["info"] = read_device(api, device.id, "/dev", "not_found");
    } catch (const ApiError& e) {
      out["info_error"] = e.body()["error"];
    }
  }
  send_json(res, 200, out);
}

}  // namespace

void add_device_routes(httplib::Server& server, const ApiContext& api) {
  server.Get("/api/v1/health", [&api](const Request&, Response& res) {
    send_json(res, 200,
              {{"status", "ok"},
               {"devices", api.devices.list().size()},
               {"online", api.devices.online_count()}});
  });
  server.Get("/api/v1/devices",
             [&api](const Request& req, Response& res) { list_devices(api, req, res); });
  server.Get(kDevice, [&api](const Request& req, Response& res) { show_device(api, req, res); });
  server.Get(std::string(kDevice) + "/resources", [&api](const Request& req, Response& res) {
    const std::string id = req.matches[1].str();
    send_json(res, 200,
              {{"device", id}, {"resources", read_device(api, id, "/dev/resources", "not_found")}});
  });
  server.Get(std::string(kDevice) + "/resources/(.+)", [&api](const Request& req, Response& res) {
    send_json(res, 200,
              read_device(api, req.matches[1].str(), "/dev/resources/" + req.matches[2].str(),
                          "resource_not_found"));
  });
  server.Get(std::string(kDevice) + "/stats", [&api](const Request& req, Response& res) {
    send_json(res, 200, read_device(api, req.matches[1].str(), "/dev/stats", "not_found"));
  });
}

}  // namespace tc::gw
