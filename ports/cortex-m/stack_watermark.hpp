// The main stack's high-water mark ("stack painting"): at reset, before anything runs deep, the
// unused stack is filled with a known word; later, the lowest word that is no longer that word
// tells the most the stack has held, interrupts included (they run on the same stack). The
// figure sizes __stack_size__ (linker/<board>.ld) from measurement instead of a guess.
#pragma once

#include <cstddef>

namespace tc::cortex_m::stack {

// Paints the stack from its bottom up to a little below the caller's frame. Call it first thing
// in the reset handler, with interrupts still disabled.
void paint();
// The most bytes of the stack used since paint(), interrupts included.
[[nodiscard]] std::size_t high_water();
// The stack's size (__stack_size__).
[[nodiscard]] std::size_t size();

}  // namespace tc::cortex_m::stack
