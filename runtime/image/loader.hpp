// Maps a parsed container image into a VM machine (DESIGN.md 2.1, 2.2), without heap:
//
//   rodata  -> kSlotRodata, read-only, IN PLACE: the image bytes themselves (XIP from flash)
//   data    -> kSlotData, read-write, copied into the caller's arena, followed by bss (zeroed)
//   stack   -> kSlotStack, read-write, carved from the same arena after data (zeroed)
//
// The arena is RAM the caller owns (a fixed per-container buffer on a device); both carved
// regions start 8-byte aligned. Verification of the code is separate (vm::verify, once at
// install); load() only sets up memory and the frame size, and may run again before every
// restart to reset the container's state.
#pragma once

#include <cstdint>
#include <span>

#include "core/status.hpp"
#include "image/image.hpp"
#include "vm/vm.hpp"

namespace tc::image {

// Frame size for images whose header leaves the stack size at 0 (eBPF's classic 512 bytes).
inline constexpr uint32_t kDefaultFrameSize = 512;

// Where load() put the writable regions inside the arena.
struct LoadLayout {
  uint32_t data_offset = 0;  // .data then .bss
  uint32_t data_size = 0;    // data + bss
  uint32_t stack_offset = 0;
  uint32_t stack_size = 0;
  uint32_t frame_size = 0;  // bytes r10 moves per local call
  uint32_t arena_used = 0;  // bytes from the arena's start, alignment padding included
};

// The frame size the image's code needs (its header's stack size, rounded up to 8).
[[nodiscard]] uint32_t frame_size(const ImageView& image);

// Arena bytes load() needs for `image` with a stack of `stack_size` bytes, assuming an 8-byte
// aligned arena (add 7 for an arbitrary one).
[[nodiscard]] uint64_t arena_needed(const ImageView& image, uint32_t stack_size);

// Maps `image` into `machine`. `stack_size` is the whole stack (the manifest's value); 0 means
// one frame per nesting level the VM allows. Fails with resource_exhausted when the arena is too
// small and invalid_argument when the stack cannot hold one frame. `image` and `arena` must
// outlive the machine's use of them. On success `layout` (if given) describes the placement.
Status load(const ImageView& image, std::span<uint8_t> arena, uint32_t stack_size,
            vm::Machine& machine, LoadLayout* layout = nullptr);

}  // namespace tc::image
