// How deep below r10 a function reaches: the stack frame it needs. clang addresses locals as
// r10 + negative offset, directly or through a copy of r10 moved by a constant (to pass a stack
// buffer to a helper), so a linear scan that tracks such copies sees every frame access.
#pragma once

#include <cstdint>
#include <span>

namespace tc::builder {

// The deepest byte below r10 that instructions [begin, end) of `code` touch or point at.
[[nodiscard]] uint32_t stack_depth(std::span<const uint8_t> code, uint32_t begin, uint32_t end);

}  // namespace tc::builder
