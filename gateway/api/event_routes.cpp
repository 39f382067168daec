#include <memory>

#include "api/api_error.hpp"
#include "api/handler_support.hpp"
#include "api/routes.hpp"
#include "events/sse.hpp"

namespace tc::gw {
namespace {

using httplib::Request;
using httplib::Response;
using std::chrono::milliseconds;
using std::chrono::steady_clock;

constexpr std::size_t kBatch = 256;
constexpr milliseconds kReconnectDelay{2000};

// Where one client's stream is.
struct Cursor {
  uint64_t after = 0;  // the last event id looked at
  std::string device;  // empty: the whole site
  bool started = false;
  steady_clock::time_point last_write = steady_clock::now();
};

// Where a stream starts: after the Last-Event-ID the client sent (header, or `last_event_id`
// for clients that cannot set headers), else with the next event.
uint64_t start_after(const ApiContext& api, const Request& req) {
  std::string given = req.get_header_value("Last-Event-ID");
  if (const std::optional<std::string_view> q = param(req, "last_event_id")) given = *q;
  const uint64_t newest = api.events.last_id();
  if (given.empty()) return newest;
  const std::optional<uint64_t> id = parse_event_id(given);
  if (!id) {
    throw ApiError(400, "bad_parameter", "Last-Event-ID must be a decimal event id",
                   {{"field", "Last-Event-ID"}});
  }
  // An id from the future (another gateway's) cannot be resumed: live from now.
  return std::min(*id, newest);
}

// One turn of the stream: what is new, else a wait, and a keep-alive comment when it has been
// quiet. False ends the stream (client gone, gateway stopping).
bool write_turn(const ApiContext& api, Cursor& cursor, httplib::DataSink& sink) {
  std::string out;
  if (!cursor.started) {
    cursor.started = true;
    out = sse_retry(kReconnectDelay);
  }
  const EventBatch batch = api.events.after(cursor.after, cursor.device, kBatch);
  if (batch.gap) {
    out += sse_comment("events after " + std::to_string(cursor.after) +
                       " are no longer held; some were missed");
  }
  for (const Event& e : batch.events)
    out += sse_frame(e);
  cursor.after = batch.scanned_to;
  if (out.empty()) {
    const auto quiet = steady_clock::now() - cursor.last_write;
    const auto left = std::chrono::duration_cast<milliseconds>(api.limits.keep_alive - quiet);
    if (left.count() > 0) {
      if (!api.events.wait(cursor.after, left)) return false;
      return sink.is_writable();
    }
    out = sse_comment("keep-alive");
  }
  cursor.last_write = steady_clock::now();
  return sink.write(out.data(), out.size());
}

void stream(const ApiContext& api, const Request& req, Response& res, std::string device) {
  auto cursor = std::make_shared<Cursor>();
  cursor->after = start_after(api, req);
  cursor->device = std::move(device);
  res.set_header("Cache-Control", "no-cache");
  res.set_chunked_content_provider("text/event-stream",
                                   [&api, cursor](std::size_t, httplib::DataSink& sink) {
                                     return write_turn(api, *cursor, sink);
                                   });
}

}  // namespace

void add_event_routes(httplib::Server& server, const ApiContext& api) {
  server.Get("/api/v1/events",
             [&api](const Request& req, Response& res) { stream(api, req, res, {}); });
  server.Get(R"(/api/v1/devices/([^/]+)/events)", [&api](const Request& req, Response& res) {
    stream(api, req, res, require_device(api, req.matches[1].str()).id);
  });
}

}  // namespace tc::gw
