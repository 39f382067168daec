// Checks on the relocated code that the VM verifier cannot phrase in source terms: helper numbers
// the SDK does not define, indirect calls, map loads, and the local call graph (recursion and the
// depth that decides the stack a device must provide).
#pragma once

#include <cstdint>

#include "builder/section_layout.hpp"

namespace tc::builder {

// Rejects calls to unknown helpers, `callx` and pseudo `lddw` forms; throws BuildError.
void check_calls(const SectionLayout& layout);

// The longest chain of local calls (0 when no function calls another). Throws BuildError on
// recursion, which would make the stack unbounded, or on chains deeper than the VM allows.
[[nodiscard]] uint32_t call_depth(const SectionLayout& layout);

}  // namespace tc::builder
