#include "api/device_call.hpp"
#include "api/device_errors.hpp"
#include "api/handler_support.hpp"
#include "api/proxy_translation.hpp"
#include "api/routes.hpp"

namespace tc::gw {
namespace {

using httplib::Request;
using httplib::Response;

constexpr const char* kApps = R"(/api/v1/devices/([^/]+)/apps/([^/]+)/(.+))";

bool accepts_cbor(const Request& req) {
  return req.get_header_value("Accept").find("application/cbor") != std::string::npos;
}

// The hot path: a registry lookup under a shared lock, the translation, one CoAP exchange that
// this thread waits for (no lock held), the answer. Nothing touches SQLite.
void proxy(const ApiContext& api, const Request& req, Response& res, const std::string& body) {
  const std::string id = req.matches[1].str();
  const std::string container = req.matches[2].str();
  const std::string path = req.matches[3].str();
  const std::string content_type = req.get_header_value("Content-Type");
  ProxyInput input{req.method, container, path, {}, content_type, body};
  input.query.assign(req.params.begin(), req.params.end());
  CoapRequest request = proxy_request(input, api.limits.device_timeout);
  const DeviceAddress address = require_online(api, id);
  const CoapOutcome outcome = call_device(api.link, address, std::move(request));
  if (!outcome.ok()) throw device_failure(outcome);
  const ProxyAnswer answer = proxy_answer(outcome.reply, accepts_cbor(req));
  res.status = answer.status;
  res.set_header("X-CoAP-Code", answer.coap_code);
  if (answer.unknown_format) {
    res.set_header("X-CoAP-Content-Format", std::to_string(*answer.unknown_format));
  }
  if (!answer.content_type.empty()) res.set_content(answer.body, answer.content_type);
}

}  // namespace

// Registered before every other route of its method: httplib tries routes in order, and this
// one carries the load.
void add_proxy_routes(httplib::Server& server, const ApiContext& api) {
  const auto handler = [&api](const Request& req, Response& res, const std::string& body) {
    proxy(api, req, res, body);
  };
  server.Get(kApps, [handler](const Request& req, Response& res) { handler(req, res, req.body); });
  server.Delete(kApps,
                [handler](const Request& req, Response& res) { handler(req, res, req.body); });
  server.Post(kApps, with_body(handler));
  server.Put(kApps, with_body(handler));
}

}  // namespace tc::gw
