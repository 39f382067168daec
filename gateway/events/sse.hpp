// Server-Sent Events framing (WHATWG HTML, "Server-sent events"): what the gateway writes on a
// text/event-stream, and the Last-Event-ID a reconnecting client sends back.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "events/event.hpp"

namespace tc::gw {

// "id: 42\nevent: device_online\ndata: {...}\n\n" (the data is one line of JSON).
[[nodiscard]] std::string sse_frame(const Event& event);
// ": text\n\n": ignored by clients; keeps idle connections (and proxies) alive. Line breaks in
// the text become spaces.
[[nodiscard]] std::string sse_comment(std::string_view text);
// "retry: N\n\n": how long a client waits before reconnecting.
[[nodiscard]] std::string sse_retry(std::chrono::milliseconds delay);

// A Last-Event-ID value: a decimal event id. Empty for anything else.
[[nodiscard]] std::optional<uint64_t> parse_event_id(std::string_view text);

}  // namespace tc::gw
