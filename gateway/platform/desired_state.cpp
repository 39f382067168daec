#include "platform/desired_state.hpp"

#include "common/container_name.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "common/json.hpp"

namespace tc::gw {
namespace {

constexpr std::size_t kDigestHexDigits = 64;

// A rejection: its text becomes DesiredParse::error.
class Rejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

bool is_sha256_hex(std::string_view text) {
  return text.size() == kDigestHexDigits && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

const Json& member(const Json& object, const char* key, const std::string& where) {
  const auto it = object.find(key);
  if (it == object.end()) throw Rejected(where + ": '" + key + "' is missing");
  return *it;
}

std::string text_member(const Json& object, const char* key, const std::string& where) {
  const Json& value = member(object, key, where);
  if (!value.is_string()) throw Rejected(where + ": '" + key + "' must be a string");
  return value.get<std::string>();
}

uint64_t unsigned_member(const Json& object, const char* key, const std::string& where) {
  const Json& value = member(object, key, where);
  if (!value.is_number_unsigned()) {
    throw Rejected(where + ": '" + key + "' must be an unsigned integer");
  }
  return value.get<uint64_t>();
}

DesiredRun run_state(const Json& object, const std::string& where) {
  const std::string state = text_member(object, "state", where);
  if (state == "running") return DesiredRun::running;
  if (state == "stopped") return DesiredRun::stopped;
  throw Rejected(where + ": 'state' must be \"running\" or \"stopped\"");
}

DesiredContainer container(const Json& entry, const std::string& where) {
  if (!entry.is_object()) throw Rejected(where + " must be an object");
  DesiredContainer c;
  c.name = text_member(entry, "name", where);
  if (!is_container_name(c.name)) {
    throw Rejected(where + ": '" + c.name + "' is not a container name a device accepts");
  }
  c.sequence = unsigned_member(entry, "sequence", where);
  c.digest = text_member(entry, "digest", where);
  if (!is_sha256_hex(c.digest)) {
    throw Rejected(where + ": 'digest' must be 64 lowercase hex digits (SHA-256)");
  }
  c.size = unsigned_member(entry, "size", where);
  if (c.size == 0 || c.size > kMaxEnvelopeSize) {
    throw Rejected(where + ": 'size' must be 1.." + std::to_string(kMaxEnvelopeSize));
  }
  c.state = run_state(entry, where);
  return c;
}

std::vector<DesiredContainer> device_containers(const std::string& id, const Json& device) {
  const std::string where = "devices." + id;
  if (id.empty()) throw Rejected("devices: a device id is empty");
  if (!device.is_object()) throw Rejected(where + " must be an object");
  const Json& list = member(device, "containers", where);
  if (!list.is_array()) throw Rejected(where + ": 'containers' must be an array");
  std::vector<DesiredContainer> out;
  std::set<std::string, std::less<>> names;
  for (std::size_t i = 0; i < list.size(); ++i) {
    DesiredContainer c = container(list[i], where + ".containers[" + std::to_string(i) + "]");
    if (!names.insert(c.name).second) throw Rejected(where + ": '" + c.name + "' is listed twice");
    out.push_back(std::move(c));
  }
  return out;
}

DesiredState document(const Json& json) {
  if (!json.is_object()) throw Rejected("the document must be a JSON object");
  DesiredState state;
  state.revision = text_member(json, "revision", "document");
  if (state.revision.empty()) throw Rejected("document: 'revision' is empty");
  const Json& devices = member(json, "devices", "document");
  if (!devices.is_object()) throw Rejected("document: 'devices' must be an object");
  for (const auto& [id, device] : devices.items()) {
    state.devices.emplace(id, device_containers(id, device));
  }
  return state;
}

}  // namespace

std::string_view name(DesiredRun state) {
  return state == DesiredRun::running ? "running" : "stopped";
}

DesiredParse parse_desired(std::string_view text) {
  const Json json = Json::parse(text, nullptr, false);
  if (json.is_discarded()) return {std::nullopt, "the document is not JSON"};
  try {
    return {document(json), {}};
  } catch (const Rejected& r) {
    return {std::nullopt, r.what()};
  }
}

}  // namespace tc::gw
