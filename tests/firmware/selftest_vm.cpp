// Firmware self-test: the device VM runs the bpf_conformance vectors (the RFC 9669 base subset,
// generated into conformance_vectors.cpp at build time) on the target, under the conventions of
// the suite's plugin: helper 5 returns its first argument, r1/r2 are a writable copy of the
// vector's memory and its length, r10 the top of a 512-byte stack. Verdict: every vector's r0
// matches (or, for a vector expecting an error, the program is rejected or fails).
#include <array>
#include <cstring>

#include "conformance_vectors.hpp"
#include "console.hpp"
#include "exit_code.hpp"
#include "firmware_main.hpp"
#include "self_test.hpp"
#include "systick.hpp"
#include "vm/vm.hpp"

namespace {

using namespace tc;
using namespace tc::cortex_m;

constexpr uint32_t kHelperId = 5;
constexpr uint32_t kStackBytes = 512;
constexpr uint32_t kMaxMemBytes = 1024;
constexpr uint64_t kFuel = 10'000'000;

vm::HelperResult return_first_argument(vm::Machine&, void*, const uint64_t (&args)[5]) {
  return vm::HelperResult::Value(args[0]);
}

alignas(8) std::array<uint8_t, kStackBytes> stack;
alignas(8) std::array<uint8_t, kMaxMemBytes> memory;

struct Outcome {
  bool ok = false;
  uint64_t instructions = 0;
};

Outcome run_vector(const firmware_test::ConformanceVector& v, const vm::HelperTable& helpers) {
  vm::Program program;
  const vm::VerifyError rejected = vm::verify(v.program, helpers, program);
  if (!rejected.ok()) {
    if (!v.expect_error) {
      std::array<char, 96> text{};
      firmware_test::fail(v.name, rejected.format(text));
    }
    return {v.expect_error, 0};
  }
  if (v.mem.size() > memory.size()) {
    firmware_test::fail(v.name, "memory larger than the test buffer");
    return {};
  }
  if (!v.mem.empty()) std::memcpy(memory.data(), v.mem.data(), v.mem.size());
  stack.fill(0);
  vm::Machine machine(helpers);
  (void)machine.map(vm::kSlotStack, {stack.data(), kStackBytes, vm::Access::read_write});
  (void)machine.map(vm::kSlotContext,
                    {memory.data(), static_cast<uint32_t>(v.mem.size()), vm::Access::read_write});
  const uint64_t args[2] = {vm::slot_base(vm::kSlotContext), v.mem.size()};
  const vm::RunResult r = machine.run(program, 0, kFuel, args);
  if (v.expect_error) return {r.exit != vm::Exit::returned, r.instructions};
  if (r.exit != vm::Exit::returned) {
    firmware_test::fail(v.name, vm::describe(r.exit));
    return {false, r.instructions};
  }
  if (r.r0 != v.result) {
    firmware_test::fail_values(v.name, "r0", r.r0, v.result);
    return {false, r.instructions};
  }
  return {true, r.instructions};
}

}  // namespace

extern "C" int tc_firmware_main() {
  firmware_test::begin("selftest_vm");
  vm::HelperTable helpers;
  (void)helpers.add(kHelperId, return_first_argument);

  uint32_t passed = 0;
  uint64_t instructions = 0;
  const uint64_t start_us = systick::now_us();
  for (std::size_t i = 0; i < firmware_test::kConformanceVectorCount; ++i) {
    const Outcome o = run_vector(firmware_test::kConformanceVectors[i], helpers);
    passed += o.ok ? 1 : 0;
    instructions += o.instructions;
  }
  const uint64_t elapsed_us = systick::now_us() - start_us;

  console::print("conformance vectors: ");
  console::print_dec(passed);
  console::print(" of ");
  console::print_dec(firmware_test::kConformanceVectorCount);
  console::line(" passed");
  console::print("eBPF instructions executed: ");
  console::print_dec(instructions);
  console::print(" in ");
  console::print_dec(elapsed_us);
  console::line(" us of emulated time (verification included)");
  firmware_test::expect(passed == firmware_test::kConformanceVectorCount, "every vector passes");
  return firmware_test::end();
}
