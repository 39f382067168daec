// Whether a container's manifest stays within a tenant's grant (docs/platform.md
// "Deployments", step 1). Every excess is reported, each with the manifest's JSON path, what the
// manifest asks and what the grant allows, so a tenant can fix them all at once:
//   "$.endpoints[0].limits.calls_per_second: 5 per second exceeds the grant's 1"
//
// Rules (a manifest 0 means unlimited, so under a grant maximum it is an excess too):
// - the manifest's tenant is the grant's; the grant is active at the time of the check;
// - every endpoint's target is granted, with a direction the grant covers (read_write covers
//   both);
// - calls per second at most the grant's; per-window budgets (bytes, energy) at most the grant's
//   rate (budget / window, compared exactly) over a window no longer than the grant's, so that
//   neither the rate nor a burst exceeds what was granted;
// - a granted endpoint with value bounds needs bounds inside them;
// - CPU share, stack + data memory and storage at most the grant's maxima;
// - the tenant's containers on the device, counting this one, at most the grant's number.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "grants/grant.hpp"
#include "manifest/manifest.hpp"

namespace tc::platform {

struct GrantExcess {
  std::string path;     // in the manifest, e.g. "$.endpoints[1].limits.bytes_per_window"
  std::string message;  // what it asks against what the grant allows

  [[nodiscard]] std::string text() const { return path + ": " + message; }
  bool operator==(const GrantExcess&) const = default;
};

struct GrantCheckContext {
  int64_t now_ms = 0;
  // The tenant's containers already on the device, not counting one this manifest replaces.
  uint32_t containers_on_device = 0;
};

[[nodiscard]] std::vector<GrantExcess> check_against_grant(const manifest::Manifest& m,
                                                           const Grant& grant,
                                                           const GrantCheckContext& context);

}  // namespace tc::platform
