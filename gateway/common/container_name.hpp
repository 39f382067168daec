// The container names a device accepts (docs/protocol.md): 1..31 characters of [a-z0-9._-],
// starting with a letter or a digit. The API checks them in paths and the platform link in the
// desired state, with this one rule.
#pragma once

#include <cstddef>
#include <string_view>

namespace tc::gw {

inline constexpr std::size_t kMaxContainerName = 31;

[[nodiscard]] bool is_container_name(std::string_view name);

}  // namespace tc::gw
