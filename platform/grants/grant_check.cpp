#include "grants/grant_check.hpp"

#include "manifest/schema.hpp"

namespace tc::platform {
namespace {

using manifest::Direction;

std::string n(uint64_t v) {
  return std::to_string(v);
}

const char* direction_name(Direction d) {
  return manifest::schema::kDirectionNames[static_cast<uint8_t>(d)];
}

bool covers(Direction granted, Direction asked) {
  return granted == Direction::read_write || granted == asked;
}

class Checker {
 public:
  Checker(const Grant& grant, std::vector<GrantExcess>& out) : grant_(grant), out_(out) {}

  void excess(std::string path, std::string message) {
    out_.push_back({std::move(path), std::move(message)});
  }

  void validity(int64_t now) {
    if (grant_.revoked_ms && *grant_.revoked_ms <= now) {
      excess("$", "the grant was revoked at " + std::to_string(*grant_.revoked_ms));
    } else if (now < grant_.valid_from_ms) {
      excess("$", "the grant is valid from " + std::to_string(grant_.valid_from_ms));
    } else if (grant_.valid_until_ms && now >= *grant_.valid_until_ms) {
      excess("$", "the grant ended at " + std::to_string(*grant_.valid_until_ms));
    }
  }

  // A maximum the grant sets (g > 0): the manifest's value, 0 meaning unlimited, must not pass it.
  void at_most(const std::string& path, uint64_t asked, uint64_t granted, const char* unit) {
    if (granted == 0) return;
    if (asked == 0) {
      excess(path, std::string("unlimited exceeds the grant's ") + n(granted) + unit);
    } else if (asked > granted) {
      excess(path, n(asked) + unit + " exceeds the grant's " + n(granted) + unit);
    }
  }

  // A per-window budget: its rate (budget / window) must not pass the grant's.
  void budget_rate(const std::string& path, uint64_t asked, uint32_t window, uint64_t granted,
                   uint32_t granted_window, const char* unit) {
    if (granted == 0) return;
    if (asked == 0) {
      excess(path, std::string("unlimited exceeds the grant's ") + n(granted) + unit + " per " +
                       n(granted_window) + " ms");
    } else if (asked * granted_window > granted * window) {
      excess(path, n(asked) + unit + " per " + n(window) + " ms exceeds the grant's " + n(granted) +
                       unit + " per " + n(granted_window) + " ms");
    }
  }

  void endpoint(const manifest::Endpoint& e, const std::string& path) {
    const std::string target(e.target.view());
    const GrantedEndpoint* g = granted(target);
    if (g == nullptr) {
      excess(path + ".target", target + " is not in the grant");
      return;
    }
    if (!covers(g->direction, e.direction)) {
      excess(path + ".direction", std::string(direction_name(e.direction)) +
                                      " is not covered by the grant's " +
                                      direction_name(g->direction));
    }
    const std::string limits = path + ".limits";
    const manifest::EndpointLimits& l = e.limits;
    at_most(limits + ".calls_per_second", l.calls_per_second, g->calls_per_second, " per second");
    budget_rate(limits + ".bytes_per_window", l.bytes_per_window, l.window_ms, g->bytes_per_window,
                g->window_ms, " bytes");
    budget_rate(limits + ".energy_per_window_uj", l.energy_per_window_uj, l.window_ms,
                g->energy_per_window_uj, g->window_ms, " uJ");
    const bool budgeted = g->bytes_per_window != 0 || g->energy_per_window_uj != 0;
    if (budgeted && l.window_ms > g->window_ms) {
      excess(limits + ".window_ms",
             n(l.window_ms) + " ms is longer than the grant's " + n(g->window_ms) + " ms");
    }
    bounds(l, *g, limits);
  }

  void bounds(const manifest::EndpointLimits& l, const GrantedEndpoint& g,
              const std::string& limits) {
    if (!g.bounds) return;
    const auto [low, high] = *g.bounds;
    const std::string granted =
        "the grant's [" + std::to_string(low) + ", " + std::to_string(high) + "]";
    if (!l.has_bounds) {
      excess(limits, "no value bounds; writes must stay within " + granted);
    } else if (l.min_value < low || l.max_value > high) {
      excess(limits, "[" + std::to_string(l.min_value) + ", " + std::to_string(l.max_value) +
                         "] is not within " + granted);
    }
  }

 private:
  const GrantedEndpoint* granted(const std::string& target) const {
    for (const auto& g : grant_.endpoints) {
      if (g.target == target) return &g;
    }
    return nullptr;
  }

  const Grant& grant_;
  std::vector<GrantExcess>& out_;
};

}  // namespace

std::vector<GrantExcess> check_against_grant(const manifest::Manifest& m, const Grant& grant,
                                             const GrantCheckContext& context) {
  std::vector<GrantExcess> out;
  Checker check(grant, out);
  if (m.tenant.view() != grant.tenant) {
    check.excess("$.tenant",
                 std::string(m.tenant.view()) + " is not the grant's tenant " + grant.tenant);
  }
  check.validity(context.now_ms);
  for (uint8_t i = 0; i < m.endpoint_count; ++i) {
    check.endpoint(m.endpoints[i], "$.endpoints[" + std::to_string(i) + "]");
  }
  const GrantLimits& g = grant.limits;
  check.at_most("$.timing.cpu_share_permille", m.timing.cpu_share_permille, g.cpu_share_permille,
                " permille");
  const uint64_t memory = uint64_t{m.memory.stack_bytes} + m.memory.data_bytes;
  if (g.memory_bytes != 0 && memory > g.memory_bytes) {
    check.excess("$.memory", "stack " + std::to_string(m.memory.stack_bytes) + " + data " +
                                 std::to_string(m.memory.data_bytes) + " = " +
                                 std::to_string(memory) + " bytes exceeds the grant's " +
                                 std::to_string(g.memory_bytes) + " bytes");
  }
  if (g.storage_bytes != 0 && m.memory.storage_bytes > g.storage_bytes) {
    check.excess("$.memory.storage_bytes", std::to_string(m.memory.storage_bytes) +
                                               " bytes exceeds the grant's " +
                                               std::to_string(g.storage_bytes) + " bytes");
  }
  if (g.containers != 0 && context.containers_on_device + 1 > g.containers) {
    check.excess("$", "this would be the tenant's container number " +
                          std::to_string(context.containers_on_device + 1) +
                          " on the device; the grant allows " + std::to_string(g.containers));
  }
  return out;
}

}  // namespace tc::platform
