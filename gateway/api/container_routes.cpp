#include "api/api_error.hpp"
#include "api/device_call.hpp"
#include "api/device_errors.hpp"
#include "api/handler_support.hpp"
#include "api/request_parsing.hpp"
#include "api/routes.hpp"
#include "common/reply_json.hpp"

namespace tc::gw {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kContainers = R"(/api/v1/devices/([^/]+)/containers)";
constexpr const char* kContainer = R"(/api/v1/devices/([^/]+)/containers/([^/]+))";

// Each entry of GET /c with its GET /c/{name} (status and statistics) under "status", asked of
// the device all at once.
void add_status(const ApiContext& api, const std::string& id, Json& containers) {
  const DeviceAddress address = require_online(api, id);
  std::vector<CoapRequest> requests;
  for (const Json& c : containers) {
    CoapRequest r;
    r.path = "/c/" + c.value("name", std::string());
    r.timeout = api.limits.device_timeout;
    requests.push_back(std::move(r));
  }
  const std::vector<CoapOutcome> outcomes = call_device_all(api.link, address, std::move(requests));
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const CoapOutcome& o = outcomes[i];
    if (!o.ok()) {
      containers[i]["status_error"] = device_failure(o).body()["error"];
    } else if (!o.reply.success()) {
      containers[i]["status_error"] =
          device_refusal(o.reply, "container_not_found").body()["error"];
    } else {
      containers[i]["status"] = reply_json(o.reply).value_or(Json());
    }
  }
}

void list_containers(const ApiContext& api, const Request& req, Response& res) {
  const std::string id = req.matches[1].str();
  const std::optional<std::string_view> detail = param(req, "detail");
  const bool with_status = detail && bool_param("detail", *detail);
  Json containers = read_device(api, id, "/c", "not_found");
  if (!containers.is_array()) {
    throw ApiError(502, "bad_device_answer", "the device's container list is not an array");
  }
  if (with_status) add_status(api, id, containers);
  send_json(res, 200, {{"device", id}, {"containers", std::move(containers)}});
}

void show_logs(const ApiContext& api, const Request& req, Response& res) {
  const std::string id = req.matches[1].str();
  const std::string name = req.matches[2].str();
  check_container_name(name);
  std::vector<std::string> query;
  if (const std::optional<std::string_view> from = param(req, "from")) {
    query.push_back("from=" + std::to_string(unsigned_param("from", *from)));
  }
  send_json(res, 200,
            read_device(api, id, "/c/" + name + "/logs", "container_not_found", std::move(query)));
}

void install(const ApiContext& api, const Request& req, Response& res, const std::string& body) {
  const Device device = require_device(api, req.matches[1].str());
  std::vector<uint8_t> envelope = envelope_body(req.get_header_value("Content-Type"), body);
  const std::optional<std::chrono::seconds> wait = command_wait(api, req);
  const DeviceCommand queued =
      api.commands.submit({device.id, CommandKind::install, {}, std::move(envelope)});
  answer_command(api, res, queued, wait, true);
}

// start, stop, restart and remove: queued, for a device that is known (online or not).
void life_cycle(const ApiContext& api, const Request& req, Response& res, CommandKind kind) {
  const Device device = require_device(api, req.matches[1].str());
  const std::string name = req.matches[2].str();
  check_container_name(name);
  const std::optional<std::chrono::seconds> wait = command_wait(api, req);
  const DeviceCommand queued = api.commands.submit({device.id, kind, name, {}});
  answer_command(api, res, queued, wait, false);
}

}  // namespace

void add_container_routes(httplib::Server& server, const ApiContext& api) {
  server.Get(kContainers,
             [&api](const Request& req, Response& res) { list_containers(api, req, res); });
  server.Post(kContainers,
              with_body([&api](const Request& req, Response& res, const std::string& body) {
                install(api, req, res, body);
              }));
  server.Get(kContainer, [&api](const Request& req, Response& res) {
    const std::string name = req.matches[2].str();
    check_container_name(name);
    send_json(res, 200,
              read_device(api, req.matches[1].str(), "/c/" + name, "container_not_found"));
  });
  server.Delete(kContainer, [&api](const Request& req, Response& res) {
    life_cycle(api, req, res, CommandKind::remove);
  });
  server.Get(std::string(kContainer) + "/logs",
             [&api](const Request& req, Response& res) { show_logs(api, req, res); });
  // The body, if any, is read and ignored.
  server.Post(std::string(kContainer) + "/(start|stop|restart)",
              with_body([&api](const Request& req, Response& res, const std::string&) {
                const std::optional<CommandKind> kind = command_kind(req.matches[3].str());
                life_cycle(api, req, res, kind.value_or(CommandKind::start));
              }));
}

}  // namespace tc::gw
