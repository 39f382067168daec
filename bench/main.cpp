// tc-bench-vm: the same C kernels run natively (-O2) and as containers in the eBPF VM, in one
// process. Prints Google Benchmark's lines, then the native-vs-VM table with the geometric mean
// (docs/performance.md). Google Benchmark flags pass through, e.g. --benchmark_min_time=2.
#include <benchmark/benchmark.h>

#include <cinttypes>
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "comparison.hpp"
#include "container.hpp"
#include "kernels.hpp"

namespace tc::bench {
namespace {

// Where the build put the kernels' images (tcctl build, at build time).
constexpr const char* kImageDir = TC_BENCH_IMAGE_DIR;

// Far above any kernel's needs (the largest runs ~300k instructions): running out is a failure.
constexpr uint64_t kFuel = 1'000'000'000;

struct VmKernel {
  std::unique_ptr<Container> container;
  uint32_t run_pc = 0;
  uint64_t instructions = 0;
};

std::string bench_name(std::string_view side, std::string_view kernel) {
  return std::string(side) + "/" + std::string(kernel);
}

void register_native(const NativeKernel& kernel) {
  benchmark::RegisterBenchmark(bench_name(kNativeSide, kernel.name).c_str(),
                               [run = kernel.run](benchmark::State& state) {
                                 for (auto _ : state)
                                   benchmark::DoNotOptimize(run());
                               })
      ->Unit(benchmark::kNanosecond);
}

void register_vm(std::string_view name, const VmKernel& kernel) {
  benchmark::RegisterBenchmark(bench_name(kVmSide, name).c_str(), [container =
                                                                       kernel.container.get(),
                                                                   pc = kernel.run_pc](
                                                                      benchmark::State& state) {
    for (auto _ : state) {
      const vm::RunResult r = container->run(pc, kFuel);
      if (r.exit != vm::Exit::returned) {
        state.SkipWithError(vm::describe(r.exit));
        break;
      }
      benchmark::DoNotOptimize(r.r0);
    }
  })->Unit(benchmark::kNanosecond);
}

// Runs bench_init then bench_run once in the VM and checks the result against the native one:
// a benchmark of a wrong answer would be meaningless. Throws ContainerError on any difference.
VmKernel prepare_vm(const NativeKernel& native, uint64_t expected, const std::string& image_dir) {
  VmKernel vm{std::make_unique<Container>(image_dir + "/" + std::string(native.name) + ".tcx")};
  const vm::RunResult init = vm.container->run(vm.container->entry("bench_init"), kFuel);
  if (init.exit != vm::Exit::returned) {
    throw ContainerError(std::string(native.name) + ": bench_init " + vm::describe(init.exit) +
                         " (" + vm::describe(init.trap.kind) + ")");
  }
  vm.run_pc = vm.container->entry("bench_run");
  const vm::RunResult run = vm.container->run(vm.run_pc, kFuel);
  if (run.exit != vm::Exit::returned) {
    throw ContainerError(std::string(native.name) + ": bench_run " + vm::describe(run.exit) + " (" +
                         vm::describe(run.trap.kind) + ")");
  }
  if (run.r0 != expected) {
    char message[160];
    std::snprintf(message, sizeof message,
                  "%.*s: VM result 0x%016" PRIx64 " differs from native 0x%016" PRIx64,
                  static_cast<int>(native.name.size()), native.name.data(), run.r0, expected);
    throw ContainerError(message);
  }
  vm.instructions = run.instructions;
  return vm;
}

int run(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  std::vector<VmKernel> vms;
  std::vector<KernelFigures> figures;
  for (const NativeKernel& native : kKernels) {
    native.init();
    const uint64_t expected = native.run();
    register_native(native);
    vms.push_back(prepare_vm(native, expected, kImageDir));
    register_vm(native.name, vms.back());
    figures.push_back({native.name, vms.back().instructions});
  }

  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  print_comparison(std::cout, reporter, figures);
  return 0;
}

}  // namespace
}  // namespace tc::bench

int main(int argc, char** argv) {
  try {
    return tc::bench::run(argc, argv);
  } catch (const tc::bench::ContainerError& e) {
    std::fprintf(stderr, "tc-bench-vm: %s\n", e.what());
    return 1;
  }
}
