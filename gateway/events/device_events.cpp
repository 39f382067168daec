#include "events/device_events.hpp"

#include <algorithm>

namespace tc::gw {
namespace {

constexpr std::size_t kMaxKindLength = 32;

bool is_token(const std::string& text) {
  return !text.empty() && text.size() <= kMaxKindLength &&
         std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
         });
}

std::optional<uint64_t> unsigned_member(const Json& object, const char* name) {
  const auto it = object.find(name);
  if (it == object.end() || !it->is_number_unsigned()) return std::nullopt;
  return it->get<uint64_t>();
}

}  // namespace

DecodedDeviceEvents decode_device_events(std::span<const uint8_t> cbor) {
  dev::JsonResult json = dev::cbor_to_json(cbor);
  if (!json.value) return {std::nullopt, json.error};
  const Json& root = *json.value;
  if (!root.is_object()) return {std::nullopt, "the notification is not a map"};
  const std::optional<uint64_t> next = unsigned_member(root, "next");
  const auto events = root.find("events");
  if (!next || events == root.end() || !events->is_array()) {
    return {std::nullopt, "the notification lacks \"next\" or \"events\""};
  }
  DeviceEventBatch batch;
  batch.next = *next;
  for (const Json& e : *events) {
    const std::optional<uint64_t> seq = e.is_object() ? unsigned_member(e, "seq") : std::nullopt;
    if (!seq) return {std::nullopt, "an event without \"seq\""};
    const auto kind = e.find("kind");
    const bool named = kind != e.end() && kind->is_string() && is_token(kind->get<std::string>());
    batch.events.push_back({*seq, named ? kind->get<std::string>() : "device_event", e});
  }
  return {std::move(batch), {}};
}

}  // namespace tc::gw
