// Memory isolation: every load and store is checked against the region table, deny by default,
// at every region boundary, for every access size; traps say kind, pc, address and size.
#include <gtest/gtest.h>

#include <array>

#include "program.hpp"

namespace tc::test {
namespace {

constexpr uint8_t kSizes[] = {ebpf::kSizeB, ebpf::kSizeH, ebpf::kSizeW, ebpf::kSizeDW};
constexpr uint32_t kWidth[] = {1, 2, 4, 8};

class MemoryTest : public ::testing::Test {
 protected:
  MemoryTest() : machine_(helpers_) {
    EXPECT_TRUE(machine_.map(vm::kSlotStack, {stack_.data(), 512, vm::Access::read_write}).ok());
    EXPECT_TRUE(machine_.map(vm::kSlotData, {data_.data(), 64, vm::Access::read_write}).ok());
    EXPECT_TRUE(machine_.map(vm::kSlotRodata, {rodata_.data(), 32, vm::Access::read}).ok());
  }

  // Runs `code` with r1 = `address`.
  vm::RunResult run(const Bytecode& code, uint64_t address) {
    const vm::VerifyError error = vm::verify(code.bytes(), helpers_, program_);
    EXPECT_TRUE(error.ok()) << message(error);
    const uint64_t args[] = {address};
    return machine_.run(program_, 0, 1000, args);
  }

  vm::RunResult load(uint8_t size, uint64_t address) {
    return run({ldx(size, 0, 1, 0), exit_insn()}, address);
  }
  vm::RunResult store(uint8_t size, uint64_t address) {
    return run({mov(0, 0), st(size, 1, 0, 0x5a), exit_insn()}, address);
  }

  vm::HelperTable helpers_;
  vm::Machine machine_;
  vm::Program program_;
  alignas(8) std::array<uint8_t, 512> stack_{};
  alignas(8) std::array<uint8_t, 64> data_{};
  alignas(8) std::array<uint8_t, 32> rodata_{};
};

TEST_F(MemoryTest, AccessesInsideEveryRegionSucceedUpToTheLastByte) {
  for (std::size_t i = 0; i < 4; ++i) {
    for (const auto& [slot, size] : {std::pair{vm::kSlotStack, 512u}, std::pair{vm::kSlotData, 64u},
                                     std::pair{vm::kSlotRodata, 32u}}) {
      const uint64_t last = vm::slot_base(slot) + size - kWidth[i];
      EXPECT_EQ(load(kSizes[i], vm::slot_base(slot)).exit, vm::Exit::returned);
      EXPECT_EQ(load(kSizes[i], last).exit, vm::Exit::returned) << "slot " << slot;
    }
  }
}

TEST_F(MemoryTest, LoadsAcrossTheUpperBoundTrapWithDetails) {
  for (std::size_t i = 0; i < 4; ++i) {
    for (const auto& [slot, size] : {std::pair{vm::kSlotStack, 512u}, std::pair{vm::kSlotData, 64u},
                                     std::pair{vm::kSlotRodata, 32u}}) {
      const uint64_t address = vm::slot_base(slot) + size - kWidth[i] + 1;
      const vm::RunResult r = load(kSizes[i], address);
      ASSERT_EQ(r.exit, vm::Exit::trapped);
      EXPECT_EQ(r.trap.kind, vm::TrapKind::load_out_of_bounds);
      EXPECT_EQ(r.trap.pc, 0u);
      EXPECT_EQ(r.trap.address, address);
      EXPECT_EQ(r.trap.size, kWidth[i]);
    }
  }
}

TEST_F(MemoryTest, AccessesBelowARegionTrap) {
  for (std::size_t i = 0; i < 4; ++i) {
    const uint64_t below = vm::slot_base(vm::kSlotData) - 1;
    EXPECT_EQ(load(kSizes[i], below).trap.kind, vm::TrapKind::load_out_of_bounds);
    EXPECT_EQ(store(kSizes[i], below).trap.kind, vm::TrapKind::store_out_of_bounds);
  }
}

TEST_F(MemoryTest, NullUnmappedAndWildAddressesTrap) {
  for (const uint64_t address :
       {uint64_t{0}, uint64_t{8}, vm::slot_base(vm::kSlotContext), vm::slot_base(7) + 4,
        vm::slot_base(8), vm::slot_base(200) + 16, ~uint64_t{0}, uint64_t{1} << 63}) {
    EXPECT_EQ(load(ebpf::kSizeB, address).trap.kind, vm::TrapKind::load_out_of_bounds) << address;
    EXPECT_EQ(store(ebpf::kSizeB, address).trap.kind, vm::TrapKind::store_out_of_bounds) << address;
  }
}

TEST_F(MemoryTest, ReadOnlyRegionRefusesStores) {
  const vm::RunResult r = store(ebpf::kSizeW, vm::slot_base(vm::kSlotRodata) + 4);
  ASSERT_EQ(r.exit, vm::Exit::trapped);
  EXPECT_EQ(r.trap.kind, vm::TrapKind::store_out_of_bounds);
  EXPECT_EQ(r.trap.pc, 1u);
  EXPECT_EQ(rodata_[4], 0);
}

TEST_F(MemoryTest, StoresLandInTheMappedBytesOnly) {
  EXPECT_EQ(store(ebpf::kSizeH, vm::slot_base(vm::kSlotData) + 62).exit, vm::Exit::returned);
  EXPECT_EQ(data_[62], 0x5a);
  EXPECT_EQ(data_[63], 0x00);
  EXPECT_EQ(store(ebpf::kSizeH, vm::slot_base(vm::kSlotData) + 63).exit, vm::Exit::trapped);
  EXPECT_EQ(data_[63], 0x00);
}

TEST_F(MemoryTest, OffsetFieldIsPartOfTheCheckedAddress) {
  const uint64_t base = vm::slot_base(vm::kSlotData);
  EXPECT_EQ(run({ldx(ebpf::kSizeDW, 0, 1, 56), exit_insn()}, base).exit, vm::Exit::returned);
  EXPECT_EQ(run({ldx(ebpf::kSizeDW, 0, 1, 57), exit_insn()}, base).exit, vm::Exit::trapped);
  EXPECT_EQ(run({ldx(ebpf::kSizeDW, 0, 1, -8), exit_insn()}, base + 8).exit, vm::Exit::returned);
  EXPECT_EQ(run({ldx(ebpf::kSizeDW, 0, 1, -9), exit_insn()}, base + 8).exit, vm::Exit::trapped);
}

TEST_F(MemoryTest, StackIsAddressedDownFromR10) {
  const Bytecode code{st(ebpf::kSizeDW, 10, -8, 42), ldx(ebpf::kSizeDW, 0, 10, -8), exit_insn()};
  const vm::RunResult ok = run(code, 0);
  EXPECT_EQ(ok.exit, vm::Exit::returned);
  EXPECT_EQ(ok.r0, 42u);
  EXPECT_EQ(run({ldx(ebpf::kSizeB, 0, 10, 0), exit_insn()}, 0).trap.kind,
            vm::TrapKind::load_out_of_bounds);
  EXPECT_EQ(run({ldx(ebpf::kSizeB, 0, 10, -513), exit_insn()}, 0).trap.kind,
            vm::TrapKind::load_out_of_bounds);
}

TEST_F(MemoryTest, UnmappingRevokesAccess) {
  machine_.unmap(vm::kSlotData);
  EXPECT_EQ(load(ebpf::kSizeB, vm::slot_base(vm::kSlotData)).exit, vm::Exit::trapped);
}

TEST_F(MemoryTest, AtomicsAreCheckedLikeStores) {
  const Bytecode code{mov(2, 1), insn(0xdb, 1, 2, 0, ebpf::kAluAdd), mov(0, 0), exit_insn()};
  EXPECT_EQ(run(code, vm::slot_base(vm::kSlotData) + 56).exit, vm::Exit::returned);
  EXPECT_EQ(run(code, vm::slot_base(vm::kSlotData) + 57).trap.kind,
            vm::TrapKind::store_out_of_bounds);
  EXPECT_EQ(run(code, vm::slot_base(vm::kSlotRodata)).trap.kind, vm::TrapKind::store_out_of_bounds);
}

TEST_F(MemoryTest, MapRefusesBadRegions) {
  uint8_t byte = 0;
  EXPECT_FALSE(machine_.map(0, {&byte, 1, vm::Access::read}).ok());
  EXPECT_FALSE(machine_.map(vm::kNumSlots, {&byte, 1, vm::Access::read}).ok());
  EXPECT_FALSE(machine_.map(vm::kSlotData, {nullptr, 1, vm::Access::read}).ok());
  EXPECT_FALSE(machine_.map(vm::kSlotData, {&byte, 1, vm::Access::write}).ok());
}

TEST_F(MemoryTest, TranslateEnforcesBoundsAndAccess) {
  const uint64_t data = vm::slot_base(vm::kSlotData);
  const uint64_t ro = vm::slot_base(vm::kSlotRodata);
  EXPECT_EQ(machine_.translate(data, 64, vm::Access::read_write), data_.data());
  EXPECT_EQ(machine_.translate(data + 1, 64, vm::Access::read), nullptr);
  EXPECT_EQ(machine_.translate(ro, 32, vm::Access::read), rodata_.data());
  EXPECT_EQ(machine_.translate(ro, 1, vm::Access::write), nullptr);
  EXPECT_EQ(machine_.translate(0, 1, vm::Access::read), nullptr);
  EXPECT_EQ(machine_.translate(~uint64_t{0}, 1, vm::Access::read), nullptr);
  EXPECT_EQ(machine_.translate(data + 0xffff'ffffu, 2, vm::Access::read), nullptr);
}

}  // namespace
}  // namespace tc::test
