#include "events/sse.hpp"

#include <charconv>

namespace tc::gw {

std::string sse_frame(const Event& event) {
  std::string out;
  out.reserve(event.data.size() + event.type.size() + 40);
  out.append("id: ").append(std::to_string(event.id)).append("\nevent: ").append(event.type);
  out.append("\ndata: ").append(event.data).append("\n\n");
  return out;
}

std::string sse_comment(std::string_view text) {
  std::string out(": ");
  for (const char c : text)
    out.push_back(c == '\n' || c == '\r' ? ' ' : c);
  out.append("\n\n");
  return out;
}

std::string sse_retry(std::chrono::milliseconds delay) {
  return "retry: " + std::to_string(delay.count()) + "\n\n";
}

std::optional<uint64_t> parse_event_id(std::string_view text) {
  uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

}  // namespace tc::gw
