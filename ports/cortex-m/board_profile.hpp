// The board profile (manifest::BoardProfile) the device's management tree serves and checks
// manifests against, derived from the agent's resources, so that what GET /dev/resources lists,
// what an install is validated against and what containers can open are one table.
#pragma once

#include <string_view>

#include "agent/resources.hpp"
#include "manifest/board.hpp"

namespace tc::cortex_m {

// Fills `out` with `model`, `max_containers` and one entry per resource of `resources` (its kind
// from the target's prefix, its range and energy cost, read or write access). Resources beyond
// the profile's capacity, or whose target is not KIND/NAME, are left out.
void describe_board(const agent::Resources& resources, std::string_view model,
                    uint8_t max_containers, manifest::BoardProfile& out);

}  // namespace tc::cortex_m
