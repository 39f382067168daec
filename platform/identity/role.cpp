#include "identity/role.hpp"

namespace tc::platform {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::operator_role:
      return "operator";
    case Role::owner:
      return "owner";
    case Role::tenant:
      return "tenant";
  }
  return "?";
}

std::optional<Role> parse_role(std::string_view name) {
  for (const Role r : {Role::operator_role, Role::owner, Role::tenant}) {
    if (role_name(r) == name) return r;
  }
  return std::nullopt;
}

}  // namespace tc::platform
