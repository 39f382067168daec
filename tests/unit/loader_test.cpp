// The image loader: rodata in place, data copied, bss and stack zeroed, regions aligned, clear
// failures when the arena or stack is too small.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "image/image.hpp"
#include "image/loader.hpp"
#include "vm/isa.hpp"
#include "vm/vm.hpp"

namespace tc::image {
namespace {

using ebpf::Insn;

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

void put_insn(std::vector<uint8_t>& out, Insn insn) {
  uint8_t bytes[8];
  ebpf::store_insn(insn, bytes);
  out.insert(out.end(), bytes, bytes + 8);
}

void put_lddw(std::vector<uint8_t>& out, uint8_t dst, uint64_t value) {
  put_insn(out, {ebpf::kOpLddw, dst, 0, static_cast<int32_t>(static_cast<uint32_t>(value))});
  put_insn(out, {0, 0, 0, static_cast<int32_t>(static_cast<uint32_t>(value >> 32))});
}

constexpr uint8_t kLdxB = ebpf::kClassLdx | ebpf::kModeMem | ebpf::kSizeB;
constexpr uint8_t kLdxW = ebpf::kClassLdx | ebpf::kModeMem | ebpf::kSizeW;
constexpr uint8_t kStxW = ebpf::kClassStx | ebpf::kModeMem | ebpf::kSizeW;
constexpr uint8_t kAdd = ebpf::kClassAlu64 | ebpf::kAluAdd | ebpf::kSrcReg;

// r0 = rodata[0] + data[0] (u32) + bss[0] (u32); stores r0 on the stack and into bss.
std::vector<uint8_t> sample_image(uint32_t stack_size = 64) {
  std::vector<uint8_t> text;
  put_lddw(text, 1, vm::slot_base(vm::kSlotRodata));
  put_insn(text, {kLdxB, 0x10, 0, 0});  // r0 = *(u8*)(r1)
  put_lddw(text, 2, vm::slot_base(vm::kSlotData));
  put_insn(text, {kLdxW, 0x23, 0, 0});  // r3 = *(u32*)(r2 + 0)
  put_insn(text, {kAdd, 0x30, 0, 0});   // r0 += r3
  put_insn(text, {kLdxW, 0x23, 8, 0});  // r3 = *(u32*)(r2 + 8): bss
  put_insn(text, {kAdd, 0x30, 0, 0});
  put_insn(text, {kStxW, 0x0a, -8, 0});  // *(u32*)(r10 - 8) = r0
  put_insn(text, {kStxW, 0x02, 8, 0});   // bss = r0
  put_insn(text, {ebpf::kOpExit, 0, 0, 0});
  const std::vector<uint8_t> rodata = {40, 1, 2};
  const std::vector<uint8_t> data = {2, 0, 0, 0, 0, 0, 0, 0};  // then 4 bytes of bss

  std::vector<uint8_t> out = {'T', 'C', 'X', '1', kImageVersion, 0, 1, 0};
  put_u32(out, static_cast<uint32_t>(text.size()));
  put_u32(out, static_cast<uint32_t>(rodata.size()));
  put_u32(out, static_cast<uint32_t>(data.size()));
  put_u32(out, 4);  // bss
  put_u32(out, stack_size);
  put_u32(out, 0);
  const char name[16] = "tc_start";
  out.insert(out.end(), name, name + 16);
  put_u32(out, 0);
  out.resize(text_offset(1), 0);
  out.insert(out.end(), text.begin(), text.end());
  out.insert(out.end(), rodata.begin(), rodata.end());
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

vm::HelperTable no_helpers;

struct Loaded {
  std::vector<uint8_t> bytes = sample_image();
  ImageView view;
  vm::Machine machine{no_helpers};

  Loaded() { EXPECT_EQ(parse(bytes, view), ImageReason::ok); }
};

TEST(Loader, MapsRodataInPlaceAndReadOnly) {
  Loaded l;
  std::vector<uint8_t> arena(256, 0xAA);
  ASSERT_TRUE(load(l.view, arena, 128, l.machine).ok());
  const uint64_t rodata = vm::slot_base(vm::kSlotRodata);
  EXPECT_EQ(l.machine.translate(rodata, 3, vm::Access::read), l.view.rodata.data());
  EXPECT_EQ(l.machine.translate(rodata, 4, vm::Access::read), nullptr);
  EXPECT_EQ(l.machine.translate(rodata, 1, vm::Access::write), nullptr);
}

TEST(Loader, CopiesDataZeroesBssAndStack) {
  Loaded l;
  std::vector<uint8_t> arena(256, 0xAA);
  LoadLayout layout;
  ASSERT_TRUE(load(l.view, arena, 128, l.machine, &layout).ok());
  EXPECT_EQ(layout.data_size, 12u);
  EXPECT_EQ(layout.stack_size, 128u);
  EXPECT_EQ(layout.frame_size, 64u);
  const uint8_t* data = l.machine.translate(vm::slot_base(vm::kSlotData), 12, vm::Access::write);
  ASSERT_NE(data, nullptr);
  EXPECT_EQ(data, arena.data() + layout.data_offset);
  EXPECT_EQ(data[0], 2);
  for (int i = 8; i < 12; ++i)
    EXPECT_EQ(data[i], 0) << i;
  const uint8_t* stack = l.machine.translate(vm::slot_base(vm::kSlotStack), 128, vm::Access::write);
  ASSERT_NE(stack, nullptr);
  for (int i = 0; i < 128; ++i)
    EXPECT_EQ(stack[i], 0) << i;
  EXPECT_EQ(l.machine.translate(vm::slot_base(vm::kSlotStack), 129, vm::Access::read), nullptr);
}

TEST(Loader, AlignsRegionsInAMisalignedArena) {
  Loaded l;
  std::vector<uint8_t> storage(300, 0);
  const std::span<uint8_t> arena(storage.data() + 3, 290);
  LoadLayout layout;
  ASSERT_TRUE(load(l.view, arena, 64, l.machine, &layout).ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(arena.data() + layout.data_offset) % 8, 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(arena.data() + layout.stack_offset) % 8, 0u);
  EXPECT_LE(layout.arena_used, arena.size());
}

TEST(Loader, RunsTheLoadedImage) {
  Loaded l;
  std::vector<uint8_t> arena(arena_needed(l.view, 0) + 8);
  ASSERT_TRUE(load(l.view, arena, 0, l.machine).ok());
  vm::Program program;
  ASSERT_TRUE(vm::verify(l.view.text, no_helpers, program).ok());
  vm::RunResult r = l.machine.run(program, 0, 100);
  ASSERT_EQ(r.exit, vm::Exit::returned);
  EXPECT_EQ(r.r0, 42u);
  r = l.machine.run(program, 0, 100);  // bss kept its value between activations
  EXPECT_EQ(r.r0, 84u);
  ASSERT_TRUE(load(l.view, arena, 0, l.machine).ok());  // a reload resets the state
  EXPECT_EQ(l.machine.run(program, 0, 100).r0, 42u);
}

TEST(Loader, NeedsExactlyArenaNeeded) {
  Loaded l;
  const uint64_t needed = arena_needed(l.view, 128);
  EXPECT_EQ(needed, 16u + 128u);
  alignas(8) uint8_t arena[144];
  EXPECT_TRUE(load(l.view, std::span<uint8_t>(arena, needed), 128, l.machine).ok());
  const Status s = load(l.view, std::span<uint8_t>(arena, needed - 1), 128, l.machine);
  EXPECT_EQ(s.code(), StatusCode::resource_exhausted);
}

TEST(Loader, DefaultStackHoldsEveryCallLevel) {
  Loaded l;
  std::vector<uint8_t> arena(arena_needed(l.view, 0));
  LoadLayout layout;
  ASSERT_TRUE(load(l.view, arena, 0, l.machine, &layout).ok());
  EXPECT_EQ(layout.stack_size, 64u * (vm::kMaxCallDepth + 1));
}

TEST(Loader, RejectsAStackSmallerThanOneFrame) {
  Loaded l;
  std::vector<uint8_t> arena(1024);
  EXPECT_EQ(load(l.view, arena, 32, l.machine).code(), StatusCode::invalid_argument);
}

TEST(Loader, ClassicFrameWhenTheHeaderHasNoStackSize) {
  const std::vector<uint8_t> bytes = sample_image(0);
  ImageView view;
  ASSERT_EQ(parse(bytes, view), ImageReason::ok);
  EXPECT_EQ(frame_size(view), kDefaultFrameSize);
}

TEST(Loader, RejectsAHugeFrame) {
  const std::vector<uint8_t> bytes = sample_image(0xffffffffu);
  ImageView view;
  ASSERT_EQ(parse(bytes, view), ImageReason::ok);
  vm::Machine machine(no_helpers);
  std::vector<uint8_t> arena(64);
  EXPECT_FALSE(load(view, arena, 0, machine).ok());
}

}  // namespace
}  // namespace tc::image
