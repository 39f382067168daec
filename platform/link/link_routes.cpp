// The platform link's four requests (docs/api/platform-link.md), each acting as the gateway its
// token names. Nothing here is audited: these are a machine's heartbeats and reports, not a
// person's changes.
#include <algorithm>

#include "api/caller.hpp"
#include "api/platform_api.hpp"
#include "fleet/desired_store.hpp"
#include "fleet/device_store.hpp"
#include "fleet/gateway_items.hpp"
#include "http/http_error.hpp"
#include "http/json_response.hpp"
#include "http/request_body.hpp"
#include "link/desired_document.hpp"
#include "link/link_bodies.hpp"
#include "link/link_caller.hpp"
#include "log/log.hpp"

namespace tc::platform {
namespace {

constexpr std::size_t kDigestHexDigits = 64;

// Whether an If-None-Match header (a list of entity tags, weak ones too, or "*") names `etag`.
bool etag_listed(std::string_view if_none_match, std::string_view etag) {
  while (!if_none_match.empty()) {
    const std::size_t comma = if_none_match.find(',');
    std::string_view tag = if_none_match.substr(0, comma);
    while (!tag.empty() && tag.front() == ' ')
      tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ')
      tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

std::string sha256_digest(const std::string& text) {
  const bool ok = text.size() == kDigestHexDigits && std::ranges::all_of(text, [](char c) {
                    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                  });
  if (!ok) {
    throw http::HttpError(400, "bad_digest",
                          "an envelope is named by its SHA-256: 64 lowercase hex digits");
  }
  return text;
}

void get_desired(const PlatformApi& api, const httplib::Request& req, httplib::Response& res) {
  const Gateway gateway = require_gateway(api.db, req);
  const DesiredDocument document = desired_document(
      sql::transact(api.db, [&](sql::Connection& c) { return desired_devices(c, gateway.id); }));
  const std::string etag = "\"" + document.revision + "\"";
  res.set_header("ETag", etag);
  if (etag_listed(req.get_header_value("If-None-Match"), etag)) {
    res.status = 304;
    return;
  }
  http::send_json(res, 200, document.body);
}

void get_envelope(const PlatformApi& api, const httplib::Request& req, httplib::Response& res) {
  const Gateway gateway = require_gateway(api.db, req);
  const std::string digest = sha256_digest(req.matches[1].str());
  const auto bytes = sql::transact(
      api.db, [&](sql::Connection& c) { return desired_envelope(c, gateway.id, digest); });
  if (!bytes) {
    throw http::HttpError(404, "envelope_not_found",
                          "the desired state names no envelope " + digest);
  }
  res.status = 200;
  res.set_content(std::string(bytes->begin(), bytes->end()), "application/suit-envelope+cose");
}

void put_state(const PlatformApi& api, const httplib::Request& req, httplib::Response& res,
               const std::string& body) {
  const Gateway gateway = require_gateway(api.db, req);
  const std::vector<DeviceReport> reports = state_body(http::request_json(req, body, false));
  const std::vector<ClaimedDevice> refused = sql::transact(api.db, [&](sql::Connection& c) {
    const int64_t now = now_ms();
    record_gateway_seen(c, gateway.id, now);
    return record_device_reports(c, gateway, reports, now);
  });
  if (refused.empty()) {
    res.status = 204;
    return;
  }
  // The push is applied for every other device, so it is a success (200, not an error status
  // after a partial change) that lists what was refused; which gateway holds these is not this
  // gateway's to know. The gateway shows the list as its link's last error.
  http::Json listed = http::Json::array();
  for (const ClaimedDevice& d : refused) {
    log::warning("gateway " + gateway.name + " reports device " + d.name +
                 ", registered through gateway " + d.gateway + ": refused");
    listed.push_back({{"device", d.name},
                      {"code", "device_claimed"},
                      {"message", "device " + d.name + " is registered through another gateway"}});
  }
  http::send_json(res, 200, {{"refused", std::move(listed)}});
}

void post_events(const PlatformApi& api, const httplib::Request& req, httplib::Response& res,
                 const std::string& body) {
  const Gateway gateway = require_gateway(api.db, req);
  const LinkItems items = items_body(http::request_json(req, body, false), now_ms());
  sql::transact(api.db,
                [&](sql::Connection& c) { (void)store_gateway_items(c, gateway.id, items.items); });
  http::send_json(res, 200, {{"ack", items.last_id}});
}

}  // namespace

void add_link_routes(httplib::Server& server, const PlatformApi& api) {
  server.Get(
      "/api/v1/gateway/desired",
      [&api](const httplib::Request& req, httplib::Response& res) { get_desired(api, req, res); });
  server.Get(
      R"(/api/v1/gateway/envelopes/([^/]*))",
      [&api](const httplib::Request& req, httplib::Response& res) { get_envelope(api, req, res); });
  server.Put("/api/v1/gateway/state",
             http::with_body([&api](const httplib::Request& req, httplib::Response& res,
                                    const std::string& body) { put_state(api, req, res, body); }));
  server.Post(
      "/api/v1/gateway/events",
      http::with_body([&api](const httplib::Request& req, httplib::Response& res,
                             const std::string& body) { post_events(api, req, res, body); }));
}

}  // namespace tc::platform
