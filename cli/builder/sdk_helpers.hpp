// The helpers the SDK header (sdk/include/tinycontainer.h) declares, by stable number and name:
// what the builder accepts in `call N` and what tools print in messages.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vm/vm.hpp"

namespace tc::builder {

struct SdkHelper {
  uint32_t id;
  std::string_view name;
};

// All SDK helpers, in number order.
[[nodiscard]] std::span<const SdkHelper> sdk_helpers();

// The helper's C name ("tc_log"), or nothing for a number the SDK does not define.
[[nodiscard]] std::optional<std::string_view> sdk_helper_name(uint32_t id);

// "tc_open (helper 3)" or "helper 99".
[[nodiscard]] std::string describe_helper(uint32_t id);

// A table in which every SDK helper exists (as a stub that traps): what the builder verifies
// against, since the device decides later which helpers a manifest allows.
[[nodiscard]] const vm::HelperTable& sdk_helper_table();

}  // namespace tc::builder
