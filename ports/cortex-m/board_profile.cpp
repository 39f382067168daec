#include "board_profile.hpp"

namespace tc::cortex_m {
namespace {

manifest::Direction access_of(const agent::ResourceInfo& info) {
  if (info.readable && info.writable) return manifest::Direction::read_write;
  return info.writable ? manifest::Direction::write : manifest::Direction::read;
}

manifest::ValueType type_of(agent::ValueType type) {
  return type == agent::ValueType::bytes ? manifest::ValueType::bytes
                                         : manifest::ValueType::integer;
}

}  // namespace

void describe_board(const agent::Resources& resources, std::string_view model,
                    uint8_t max_containers, manifest::BoardProfile& out) {
  out = manifest::BoardProfile{};
  (void)out.model.assign(model);
  out.capacities.max_containers = max_containers;
  for (uint32_t i = 0; i < resources.count() && out.resource_count < manifest::kMaxBoardResources;
       ++i) {
    const agent::ResourceInfo info = resources.info(i);
    manifest::BoardResource& r = out.resources[out.resource_count];
    if (!manifest::resource_kind(info.target, r.kind) || !r.name.assign(info.target)) continue;
    r.type = type_of(info.type);
    r.min_value = info.min_value;
    r.max_value = info.max_value;
    r.max_bytes = info.type == agent::ValueType::bytes ? info.max_bytes : 0;
    r.energy_uj = info.energy_uj_per_use;
    r.access = access_of(info);
    ++out.resource_count;
  }
}

}  // namespace tc::cortex_m
