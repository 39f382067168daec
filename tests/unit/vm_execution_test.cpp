// Termination (fuel, external stop), suspension and resumption at helper calls, exact instruction
// accounting, local calls and their limits, helper faults.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <thread>

#include "program.hpp"

namespace tc::test {
namespace {

constexpr int kIdentity = 1;
constexpr int kSuspend = 2;
constexpr int kFault = 3;
constexpr int kStopper = 4;
constexpr int kSum = 5;
constexpr int kCount = 6;

std::atomic<int> g_helper_calls{0};

vm::HelperResult identity(vm::Machine&, void*, const uint64_t (&args)[5]) {
  ++g_helper_calls;
  return vm::HelperResult::Value(args[0]);
}
vm::HelperResult suspend(vm::Machine&, void*, const uint64_t (&)[5]) {
  return vm::HelperResult::Suspend();
}
vm::HelperResult fault(vm::Machine&, void*, const uint64_t (&)[5]) {
  return vm::HelperResult::Trap();
}
vm::HelperResult stopper(vm::Machine& m, void*, const uint64_t (&)[5]) {
  m.request_stop();
  return vm::HelperResult::Value(0);
}
vm::HelperResult sum(vm::Machine&, void*, const uint64_t (&a)[5]) {
  return vm::HelperResult::Value(a[0] + a[1] + a[2] + a[3] + a[4]);
}
// Reports the context pointer it was given, to check it reaches helpers unchanged.
vm::HelperResult count(vm::Machine&, void* context, const uint64_t (&)[5]) {
  ++*static_cast<int*>(context);
  return vm::HelperResult::Value(0);
}

class ExecutionTest : public ::testing::Test {
 protected:
  ExecutionTest() : machine_(helpers_, &context_calls_) {
    EXPECT_TRUE(helpers_.add(kIdentity, identity).ok());
    EXPECT_TRUE(helpers_.add(kSuspend, suspend).ok());
    EXPECT_TRUE(helpers_.add(kFault, fault).ok());
    EXPECT_TRUE(helpers_.add(kStopper, stopper).ok());
    EXPECT_TRUE(helpers_.add(kSum, sum).ok());
    EXPECT_TRUE(helpers_.add(kCount, count).ok());
    EXPECT_TRUE(machine_.map(vm::kSlotStack, {stack_.data(), 4096, vm::Access::read_write}).ok());
  }

  vm::RunResult run(const Bytecode& code, uint64_t fuel = 1'000'000) {
    code_ = code;
    const vm::VerifyError error = vm::verify(code_.bytes(), helpers_, program_);
    EXPECT_TRUE(error.ok()) << message(error);
    return machine_.run(program_, 0, fuel);
  }

  vm::HelperTable helpers_;
  int context_calls_ = 0;
  vm::Machine machine_;
  Bytecode code_;
  vm::Program program_;
  alignas(8) std::array<uint8_t, 4096> stack_{};
};

TEST_F(ExecutionTest, CountsStraightLineInstructionsExactly) {
  const vm::RunResult r = run({mov(0, 1), add(0, 2), add(0, 3), add(0, 4), exit_insn()});
  EXPECT_EQ(r.exit, vm::Exit::returned);
  EXPECT_EQ(r.r0, 10u);
  EXPECT_EQ(r.instructions, 5u);
}

TEST_F(ExecutionTest, CountsLoopIterationsExactly) {
  // r0 = 0; r1 = 100; loop: r0 += 1; r1 -= 1; if r1 != 0 goto loop; exit
  const vm::RunResult r =
      run({mov(0, 0), mov(1, 100), add(0, 1), add(1, -1), jne(1, 0, -3), exit_insn()});
  EXPECT_EQ(r.r0, 100u);
  EXPECT_EQ(r.instructions, 2u + 100u * 3u + 1u);
}

TEST_F(ExecutionTest, CountsSkippedInstructionsOutOfForwardJumps) {
  const vm::RunResult r = run({mov(0, 7), ja(2), mov(0, 1), mov(0, 2), exit_insn()});
  EXPECT_EQ(r.r0, 7u);
  EXPECT_EQ(r.instructions, 3u);
}

TEST_F(ExecutionTest, FuelEndsAnInfiniteLoop) {
  const vm::RunResult r = run({mov(0, 0), add(0, 1), ja(-2)}, 10'000);
  EXPECT_EQ(r.exit, vm::Exit::out_of_fuel);
  EXPECT_GE(r.instructions, 10'000u);
  // Fuel is checked on every back edge, so the overshoot is below one loop body.
  EXPECT_LT(r.instructions, 10'000u + 3u);
}

TEST_F(ExecutionTest, FuelEndsASelfJump) {
  const vm::RunResult r = run({ja(-1)}, 50);
  EXPECT_EQ(r.exit, vm::Exit::out_of_fuel);
  EXPECT_EQ(r.instructions, 50u);
}

TEST_F(ExecutionTest, FuelIsCheckedAtHelperCalls) {
  // Straight line of helper calls: no back edge at all.
  const vm::RunResult r = run(
      {call(kIdentity), call(kIdentity), call(kIdentity), call(kIdentity), mov(0, 0), exit_insn()},
      2);
  EXPECT_EQ(r.exit, vm::Exit::out_of_fuel);
  EXPECT_EQ(r.trap.pc, 1u);
}

TEST_F(ExecutionTest, StopFlagFromAnotherThreadEndsAnInfiniteLoop) {
  code_ = {ja(-1)};
  ASSERT_TRUE(vm::verify(code_.bytes(), helpers_, program_).ok());
  std::atomic<bool> started{false};
  std::thread watchdog([&] {
    while (!started.load())
      std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    machine_.request_stop();
  });
  started = true;
  const vm::RunResult r = machine_.run(program_, 0, ~uint64_t{0});
  watchdog.join();
  EXPECT_EQ(r.exit, vm::Exit::stopped);
  EXPECT_GT(r.instructions, 0u);
}

TEST_F(ExecutionTest, StopRequestedInsideAHelperEndsAtTheNextBackEdge) {
  const vm::RunResult r = run({call(kStopper), mov(0, 0), ja(-1)});
  EXPECT_EQ(r.exit, vm::Exit::stopped);
  EXPECT_EQ(r.instructions, 3u);
}

TEST_F(ExecutionTest, StopRaisedBeforeRunEndsItAtTheFirstCheck) {
  // A watchdog that fires between arming and run() must not be lost.
  machine_.request_stop();
  const vm::RunResult r = run({mov(0, 0), add(0, 1), ja(-2)});
  EXPECT_EQ(r.exit, vm::Exit::stopped);
  EXPECT_EQ(r.instructions, 3u);
}

TEST_F(ExecutionTest, ClearStopLetsTheNextActivationRun) {
  machine_.request_stop();
  machine_.clear_stop();
  EXPECT_EQ(run({mov(0, 3), exit_insn()}).exit, vm::Exit::returned);
}

TEST_F(ExecutionTest, SuspendsAtAHelperAndResumesWithItsResult) {
  const vm::RunResult first = run({mov(6, 5), call(kSuspend), add_reg(0, 6), exit_insn()});
  ASSERT_EQ(first.exit, vm::Exit::suspended);
  EXPECT_TRUE(machine_.suspended());
  EXPECT_EQ(first.instructions, 2u);
  const vm::RunResult second = machine_.resume(37);
  EXPECT_EQ(second.exit, vm::Exit::returned);
  EXPECT_EQ(second.r0, 42u);
  EXPECT_EQ(second.instructions, 4u);
  EXPECT_FALSE(machine_.suspended());
}

TEST_F(ExecutionTest, SuspendsRepeatedlyInALoop) {
  // r6 = 3; loop: r0 = suspend(); r7 += r0; r6 -= 1; if r6 != 0 goto loop; r0 = r7; exit
  run({mov(6, 3), mov(7, 0), call(kSuspend), add_reg(7, 0), add(6, -1), jne(6, 0, -4),
       mov_reg(0, 7), exit_insn()});
  vm::RunResult r;
  for (uint64_t value : {1, 10, 100}) {
    ASSERT_TRUE(machine_.suspended());
    r = machine_.resume(value);
  }
  EXPECT_EQ(r.exit, vm::Exit::returned);
  EXPECT_EQ(r.r0, 111u);
}

TEST_F(ExecutionTest, ResumeWithoutSuspensionIsRefused) {
  const vm::RunResult r = machine_.resume(1);
  EXPECT_EQ(r.exit, vm::Exit::trapped);
  EXPECT_EQ(r.trap.kind, vm::TrapKind::not_runnable);
  run({mov(0, 0), exit_insn()});
  EXPECT_EQ(machine_.resume(1).trap.kind, vm::TrapKind::not_runnable);
}

TEST_F(ExecutionTest, StopWhileSuspendedEndsTheResume) {
  ASSERT_EQ(run({call(kSuspend), exit_insn()}).exit, vm::Exit::suspended);
  machine_.request_stop();
  EXPECT_EQ(machine_.resume(0).exit, vm::Exit::stopped);
}

TEST_F(ExecutionTest, HelpersReceiveArgumentsAndContext) {
  const vm::RunResult r = run({mov(1, 1), mov(2, 2), mov(3, 3), mov(4, 4), mov(5, 5), call(kSum),
                               call(kCount), exit_insn()});
  EXPECT_EQ(context_calls_, 1);
  EXPECT_EQ(r.r0, 0u);
  EXPECT_EQ(
      run({mov(1, 1), mov(2, 2), mov(3, 3), mov(4, 4), mov(5, 5), call(kSum), exit_insn()}).r0,
      15u);
}

TEST_F(ExecutionTest, HelperFaultTrapsAtTheCall) {
  const vm::RunResult r = run({mov(0, 0), call(kFault), exit_insn()});
  EXPECT_EQ(r.exit, vm::Exit::trapped);
  EXPECT_EQ(r.trap.kind, vm::TrapKind::helper_fault);
  EXPECT_EQ(r.trap.pc, 1u);
  EXPECT_EQ(r.instructions, 2u);
}

TEST_F(ExecutionTest, EntryArgumentsArriveInR1ToR5) {
  code_ = {mov_reg(0, 1), add_reg(0, 5), exit_insn()};
  ASSERT_TRUE(vm::verify(code_.bytes(), helpers_, program_).ok());
  const uint64_t args[] = {40, 0, 0, 0, 2};
  EXPECT_EQ(machine_.run(program_, 0, 100, args).r0, 42u);
}

TEST_F(ExecutionTest, RunRefusesAnEntryOutsideTheProgram) {
  run({mov(0, 0), exit_insn()});
  EXPECT_EQ(machine_.run(program_, 2, 100).trap.kind, vm::TrapKind::not_runnable);
  EXPECT_EQ(machine_.run(vm::Program(), 0, 100).trap.kind, vm::TrapKind::not_runnable);
}

TEST_F(ExecutionTest, LocalCallsPreserveCalleeSavedRegistersAndFrames) {
  // The callee writes its own frame and clobbers r6; the caller's frame and r6 survive.
  const vm::RunResult r2 = run({
      mov(6, 11),                     // 0
      st(ebpf::kSizeDW, 10, -8, 5),   // 1
      call_local(4),                  // 2 -> 7
      ldx(ebpf::kSizeDW, 1, 10, -8),  // 3
      add_reg(0, 1),                  // 4
      add_reg(0, 6),                  // 5
      exit_insn(),                    // 6
      st(ebpf::kSizeDW, 10, -8, 99),  // 7: callee
      mov(6, 0),                      // 8
      mov(0, 100),                    // 9
      exit_insn(),                    // 10
  });
  EXPECT_EQ(r2.exit, vm::Exit::returned);
  EXPECT_EQ(r2.r0, 100u + 5u + 11u);
}

TEST_F(ExecutionTest, UnboundedRecursionTrapsAsStackOverflow) {
  const vm::RunResult r = run({call_local(-1), exit_insn()});
  EXPECT_EQ(r.exit, vm::Exit::trapped);
  EXPECT_EQ(r.trap.kind, vm::TrapKind::stack_overflow);
}

TEST_F(ExecutionTest, FrameSizeBoundsCallDepthByStackSize) {
  // 4096 bytes of stack with 1024-byte frames: a call needs r10 - 1024 inside the stack, so
  // four nested calls fit and the fifth traps.
  machine_.set_frame_size(1024);
  // r1 counts depth; each level calls itself until r1 reaches the limit.
  const Bytecode recurse{mov(1, 0),     call_local(1), exit_insn(),    add(1, 1),
                         mov_reg(0, 1), jeq(1, 4, 1),  call_local(-4), exit_insn()};
  EXPECT_EQ(run(recurse).exit, vm::Exit::returned);
  const Bytecode deeper{mov(1, 0),     call_local(1), exit_insn(),    add(1, 1),
                        mov_reg(0, 1), jeq(1, 5, 1),  call_local(-4), exit_insn()};
  EXPECT_EQ(run(deeper).trap.kind, vm::TrapKind::stack_overflow);
}

TEST_F(ExecutionTest, DivisionByZeroFollowsRfc9669) {
  EXPECT_EQ(run({mov(0, 7), mov(1, 0), insn(0x3f, 0, 1, 0, 0), exit_insn()}).r0, 0u);
  EXPECT_EQ(run({mov(0, 7), mov(1, 0), insn(0x9f, 0, 1, 0, 0), exit_insn()}).r0, 7u);
  // 32-bit modulo by zero keeps the low half and clears the high half.
  Bytecode mod32;
  mod32.push(lddw(0, 0x1'0000'0007)).push(mov(1, 0)).push(insn(0x9c, 0, 1, 0, 0)).push(exit_insn());
  EXPECT_EQ(run(mod32).r0, 7u);
  // Signed division overflow wraps.
  Bytecode sdiv;
  sdiv.push(lddw(0, 0x8000'0000'0000'0000)).push(insn(0x37, 0, 0, 1, -1)).push(exit_insn());
  EXPECT_EQ(run(sdiv).r0, 0x8000'0000'0000'0000u);
}

TEST_F(ExecutionTest, InstructionCountIsCumulativeAcrossResumes) {
  run({mov(0, 0), mov(1, 0), call(kSuspend), mov(0, 1), exit_insn()});
  EXPECT_EQ(machine_.resume(0).instructions, 5u);
}

}  // namespace
}  // namespace tc::test
