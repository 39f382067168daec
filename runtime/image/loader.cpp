#include "image/loader.hpp"

#include <cstring>

namespace tc::image {
namespace {

constexpr uint64_t align8(uint64_t value) {
  return (value + 7) & ~uint64_t{7};
}

uint64_t effective_stack(const ImageView& image, uint32_t stack_size) {
  return stack_size != 0 ? stack_size : uint64_t{frame_size(image)} * (vm::kMaxCallDepth + 1);
}

}  // namespace

uint32_t frame_size(const ImageView& image) {
  if (image.stack_size == 0) return kDefaultFrameSize;
  // Clamped so that a corrupt header cannot wrap; load() then refuses the oversized stack.
  const uint64_t frame = align8(image.stack_size);
  return frame > vm::kMaxRegionSize ? vm::kMaxRegionSize : static_cast<uint32_t>(frame);
}

uint64_t arena_needed(const ImageView& image, uint32_t stack_size) {
  const uint64_t data = uint64_t{image.data.size()} + image.bss_size;
  return align8(data) + align8(effective_stack(image, stack_size));
}

Status load(const ImageView& image, std::span<uint8_t> arena, uint32_t stack_size,
            vm::Machine& machine, LoadLayout* layout) {
  LoadLayout l;
  l.frame_size = frame_size(image);
  const uint64_t stack = effective_stack(image, stack_size);
  if (stack > vm::kMaxRegionSize) return {StatusCode::out_of_range, "stack too large"};
  l.stack_size = static_cast<uint32_t>(stack);
  if (l.stack_size < l.frame_size) {
    return {StatusCode::invalid_argument, "stack is smaller than one frame of the image"};
  }
  // Offsets are relative to the arena's first 8-byte aligned byte, so that the carved regions
  // are aligned whatever the caller's buffer alignment.
  const auto address = reinterpret_cast<uintptr_t>(arena.data());
  const uint64_t skew = align8(address) - address;
  const uint64_t data_size = uint64_t{image.data.size()} + image.bss_size;
  const uint64_t stack_offset = skew + align8(data_size);
  const uint64_t end = stack_offset + align8(l.stack_size);
  if (end > arena.size()) {
    return {StatusCode::resource_exhausted, "arena too small for the image's data, bss and stack"};
  }
  l.data_offset = static_cast<uint32_t>(skew);
  l.data_size = static_cast<uint32_t>(data_size);
  l.stack_offset = static_cast<uint32_t>(stack_offset);
  l.arena_used = static_cast<uint32_t>(end);

  uint8_t* data = arena.data() + l.data_offset;
  if (!image.data.empty()) std::memcpy(data, image.data.data(), image.data.size());
  std::memset(data + image.data.size(), 0, image.bss_size);
  // A fresh stack: nothing from a previous container or activation leaks into this one.
  std::memset(arena.data() + l.stack_offset, 0, l.stack_size);

  // The machine never writes through a read-only slot, so dropping const here is safe; it is
  // what lets rodata execute in place from flash.
  auto* rodata = const_cast<uint8_t*>(image.rodata.data());
  Status s =
      machine.map(vm::kSlotRodata, {image.rodata.empty() ? nullptr : rodata,
                                    static_cast<uint32_t>(image.rodata.size()), vm::Access::read});
  if (!s.ok()) return s;
  s = machine.map(vm::kSlotData,
                  {data_size == 0 ? nullptr : data, l.data_size, vm::Access::read_write});
  if (!s.ok()) return s;
  s = machine.map(vm::kSlotStack,
                  {arena.data() + l.stack_offset, l.stack_size, vm::Access::read_write});
  if (!s.ok()) return s;
  machine.set_frame_size(l.frame_size);
  if (layout != nullptr) *layout = l;
  return Status::Ok();
}

}  // namespace tc::image
