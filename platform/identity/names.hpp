// Names of tenants, users and tokens: what a person types and reads in URLs, tables and logs.
// 1 to 40 characters of [a-z0-9-], starting with a letter or a digit, not ending with '-'.
#pragma once

#include <string>
#include <string_view>

namespace tc::platform {

inline constexpr std::size_t kMaxNameLength = 40;

// Why `name` is not a valid name (naming `what`, e.g. "tenant name"), or empty when it is.
[[nodiscard]] std::string check_name(std::string_view what, std::string_view name);

}  // namespace tc::platform
