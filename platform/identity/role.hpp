// The three roles of docs/platform.md "Who may do what": the operator runs the platform, a device
// owner rents its devices' resources, an application tenant deploys containers on what it rents.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace tc::platform {

enum class Role : uint8_t { operator_role, owner, tenant };

[[nodiscard]] std::string_view role_name(Role role);
[[nodiscard]] std::optional<Role> parse_role(std::string_view name);

}  // namespace tc::platform
