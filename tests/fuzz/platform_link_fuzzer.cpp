// The bodies a gateway pushes on the platform link (platform/link/link_bodies) and the event
// times in them (platform/link/event_time): the first byte picks a reader, the rest is the body.
// A refusal (HttpError 400/413/415) is the expected outcome of bad input; any other exception, a
// crash, or an accepted value that breaks the reader's promise (ids not increasing, more than
// kMaxLinkItems items, a stored JSON text that does not parse back) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <variant>

#include "http/http_error.hpp"
#include "http/json_body.hpp"
#include "link/event_time.hpp"
#include "link/link_bodies.hpp"

namespace {

using namespace tc::platform;
using tc::http::Json;

void require_json(const std::string& text) {
  if (Json::parse(text, nullptr, false).is_discarded()) std::abort();
}

void check_state(const Json& body) {
  for (const DeviceReport& d : state_body(body)) {
    if (d.name.empty() || d.name.size() > 63 || d.last_seen_ms < 0) std::abort();
    require_json(d.containers);
    require_json(d.sync);
  }
}

void check_items(const Json& body) {
  const LinkItems read = items_body(body, 1);
  if (read.items.size() > kMaxLinkItems) std::abort();
  int64_t previous = 0;
  for (const GatewayItem& item : read.items) {
    const int64_t id = std::visit([](const auto& one) { return one.item_id; }, item);
    if (id <= previous) std::abort();
    previous = id;
    if (const auto* e = std::get_if<EventItem>(&item)) require_json(e->data);
  }
  if (previous != read.last_id) std::abort();
}

void read(uint8_t which, std::string_view body) {
  if (which % 3 == 2) {
    (void)rfc3339_utc_ms(body);
    return;
  }
  const Json json = tc::http::json_body("application/json", body, true);
  if (which % 3 == 0) {
    check_state(json);
  } else {
    check_items(json);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  try {
    read(data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  } catch (const tc::http::HttpError&) {
  }
  return 0;
}
