#include "api/handler_support.hpp"
#include "api/routes.hpp"

namespace tc::gw {
namespace {

// 0 (never) and "" (none) as null.
Json time_or_null(int64_t ms) {
  return ms == 0 ? Json() : Json(ms);
}
Json text_or_null(const std::string& text) {
  return text.empty() ? Json() : Json(text);
}

Json to_json(const PlatformStatus& s) {
  return {{"enabled", true},
          {"url", s.url},
          {"last_pull_ms", time_or_null(s.last_pull_ms)},
          {"last_push_ms", time_or_null(s.last_push_ms)},
          {"desired_revision", text_or_null(s.desired_revision)},
          {"outbox_pending", s.outbox_pending},
          {"last_error", text_or_null(s.last_error)},
          {"refused_devices", text_or_null(s.refused_devices)}};
}

}  // namespace

void add_platform_routes(httplib::Server& server, const ApiContext& api) {
  server.Get("/api/v1/platform", [&api](const httplib::Request&, httplib::Response& res) {
    send_json(res, 200,
              api.platform == nullptr ? Json{{"enabled", false}} : to_json(api.platform->status()));
  });
}

}  // namespace tc::gw
