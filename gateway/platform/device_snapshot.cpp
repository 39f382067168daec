#include "platform/device_snapshot.hpp"

#include "api/device_call.hpp"
#include "common/reply_json.hpp"

namespace tc::gw {
namespace {

CoapRequest get(std::string path, std::chrono::milliseconds timeout) {
  CoapRequest r;
  r.path = std::move(path);
  r.timeout = timeout;
  return r;
}

// The answer's JSON, or why there is none.
std::pair<Json, std::string> answer(const CoapOutcome& o, const std::string& what) {
  if (!o.ok()) return {Json(), what + ": " + o.message};
  if (!o.reply.success()) return {Json(), what + ": the device answered " + o.reply.code_text()};
  return {reply_json(o.reply).value_or(Json()), {}};
}

uint64_t unsigned_of(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number_unsigned() ? it->get<uint64_t>() : 0;
}

std::string text_of(const Json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

DeviceSnapshot read_device_snapshot(DeviceLink& link, const DeviceAddress& at,
                                    std::chrono::milliseconds timeout) {
  DeviceSnapshot snapshot;
  auto [list, error] = answer(call_device(link, at, get("/c", timeout)), "GET /c");
  if (error.empty() && !list.is_array()) error = "GET /c: the answer is not a list";
  if (!error.empty()) return {{}, error};
  std::vector<CoapRequest> requests;
  for (const Json& entry : list) {
    const std::string name = entry.is_object() ? text_of(entry, "name") : std::string();
    if (name.empty()) return {{}, "GET /c: an entry without a name"};
    snapshot.containers.push_back({name, unsigned_of(entry, "version"), text_of(entry, "tenant"),
                                   text_of(entry, "state"), 0, Json()});
    requests.push_back(get("/c/" + name, timeout));
  }
  const std::vector<CoapOutcome> outcomes = call_device_all(link, at, std::move(requests));
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    ContainerSnapshot& c = snapshot.containers[i];
    auto [status, problem] = answer(outcomes[i], "GET /c/" + c.name);
    if (!problem.empty()) return {{}, problem};
    if (!status.is_object()) return {{}, "GET /c/" + c.name + ": the answer is not an object"};
    c.sequence = unsigned_of(status, "sequence");
    if (const std::string state = text_of(status, "state"); !state.empty()) c.state = state;
    c.status = std::move(status);
  }
  return snapshot;
}

std::vector<ActualContainer> actual_containers(const DeviceSnapshot& snapshot) {
  std::vector<ActualContainer> out;
  out.reserve(snapshot.containers.size());
  for (const ContainerSnapshot& c : snapshot.containers)
    out.push_back({c.name, c.state, c.sequence});
  return out;
}

Json state_json(const DeviceSnapshot& snapshot) {
  Json out = Json::array();
  for (const ContainerSnapshot& c : snapshot.containers) {
    out.push_back({{"name", c.name},
                   {"version", c.version},
                   {"tenant", c.tenant},
                   {"state", c.state},
                   {"sequence", c.sequence}});
  }
  return out;
}

}  // namespace tc::gw
