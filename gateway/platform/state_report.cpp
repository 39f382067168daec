#include "platform/state_report.hpp"

namespace tc::gw {
namespace {

Json device_state(const Device& d, const DeviceView* view,
                  const std::vector<DesiredContainer>* desired) {
  Json out = {{"id", d.id},
              {"online", d.online},
              {"address", d.address},
              {"last_seen_ms", d.last_seen_ms},
              {"managed", desired != nullptr}};
  if (view != nullptr && view->containers) out["containers"] = *view->containers;
  if (desired != nullptr) {
    // A managed device not reconciled yet (just listed, or offline since the gateway started).
    const std::vector<ContainerSync> sync =
        view != nullptr && view->sync.size() == desired->size()
            ? view->sync
            : all_pending(*desired, d.online ? "not reconciled yet" : "the device is offline");
    Json list = Json::array();
    for (const ContainerSync& s : sync)
      list.push_back(to_json(s));
    out["sync"] = std::move(list);
  }
  return out;
}

}  // namespace

Json to_json(const ContainerSync& sync) {
  Json out = {{"container", sync.container}, {"status", name(sync.status)}};
  if (!sync.detail.empty()) out["detail"] = sync.detail;
  return out;
}

Json state_report(const std::vector<Device>& devices, const DeviceViews& views,
                  const std::optional<DesiredState>& desired, int64_t now_ms,
                  std::string_view version) {
  Json list = Json::array();
  for (const Device& d : devices) {
    const auto view = views.find(d.id);
    const std::vector<DesiredContainer>* wanted = nullptr;
    if (desired) {
      if (const auto it = desired->devices.find(d.id); it != desired->devices.end()) {
        wanted = &it->second;
      }
    }
    list.push_back(device_state(d, view == views.end() ? nullptr : &view->second, wanted));
  }
  Json gateway = {{"version", version},
                  {"time_ms", now_ms},
                  {"desired_revision", desired ? Json(desired->revision) : Json()}};
  return {{"gateway", std::move(gateway)}, {"devices", std::move(list)}};
}

}  // namespace tc::gw
