// tc-bench-agent: what the device agent costs on the host (docs/performance.md, "Device agent").
//   1. one checked endpoint call (tc_read through the full check) against the bare resource call
//      and against the same container loop without the call;
//   2. install (verify + persist) to first activation of a 4 KiB container, FileStorage (fsync)
//      against an in-memory Storage;
//   3. activations per second, 8 containers side by side (1 ms loops, ThreadWatchdog armed around
//      each activation) against 1 container and against no watchdog.
// Prints Google Benchmark's lines, then a summary computed from the same run. Google Benchmark
// flags pass through, e.g. --benchmark_filter=install --benchmark_repetitions=5.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "agent_device.hpp"
#include "comparison.hpp"
#include "container.hpp"

namespace tc::bench {
namespace {

// Keep in step with TC_BENCH_READS in bench/containers/agent_read.c and agent_noread.c.
constexpr uint64_t kReadsPerLoop = 1000;
constexpr uint32_t kSensorIndex = 0;  // the board's only resource

// Figures a benchmark measures besides its time (the last, i.e. the reported, run wins).
std::map<std::string, double, std::less<>>& extras() {
  static std::map<std::string, double, std::less<>> values;
  return values;
}

double process_cpu_ns() {
  timespec ts{};
  ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// ---- 1. one checked endpoint call ---------------------------------------------------------

void bare_read_value(benchmark::State& state) {
  Device device(1, StorageKind::memory, WatchdogKind::none);
  agent::Resources* resources = &device.resources();
  benchmark::DoNotOptimize(resources);  // a real virtual call, as the agent makes it
  for (auto _ : state) {
    for (uint64_t i = 0; i < kReadsPerLoop; ++i) {
      Result<int64_t> v = resources->read_value(kSensorIndex);
      benchmark::DoNotOptimize(v);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kReadsPerLoop));
}

// One tc_loop per iteration: the device clock moves one loop period (1 ms) before each poll.
void container_loop(benchmark::State& state, const char* stem, bool counts_reads) {
  Device device(1, StorageKind::memory, WatchdogKind::thread);
  manifest::Manifest m = bench_manifest(stem, 1);
  add_limited_sensor(m);
  device.install_and_start(load_image(stem), m);
  const agent::ContainerInfo before = device.info(stem);
  for (auto _ : state) {
    device.clock().advance(1);
    device.agent().poll(device.clock().now_ms());
  }
  const agent::ContainerInfo after = device.info(stem);
  const uint64_t loops = after.stats.activations - before.stats.activations;
  const uint64_t calls = after.stats.endpoint_calls - before.stats.endpoint_calls;
  if (after.state != agent::State::running || loops != static_cast<uint64_t>(state.iterations()) ||
      calls != (counts_reads ? loops * kReadsPerLoop : 0) || after.stats.hook_failures != 0) {
    state.SkipWithError("the container did not run one clean tc_loop per poll");
    return;
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kReadsPerLoop));
}

void container_tc_read(benchmark::State& state) {
  container_loop(state, "agent_read", true);
}
void container_no_call(benchmark::State& state) {
  container_loop(state, "agent_noread", false);
}

// ---- 2. install to first activation -------------------------------------------------------

void install_to_activation(benchmark::State& state, StorageKind kind, const char* label) {
  Device device(1, kind, WatchdogKind::thread);
  const std::vector<uint8_t> image = load_image("agent_install");
  const manifest::Manifest m = bench_manifest("agent_install", 1000);
  using Clock = std::chrono::steady_clock;
  Clock::duration install_time{};
  Clock::duration start_time{};
  for (auto _ : state) {
    const Clock::time_point t0 = Clock::now();
    device.install(image, m);
    const Clock::time_point t1 = Clock::now();
    if (!device.agent().start(m.name.view()).ok()) {
      state.SkipWithError("start failed");
      return;
    }
    // tc_start runs inside start(); poll until the agent reports it, as a device would.
    while (device.info(m.name.view()).stats.activations < 1)
      device.agent().poll(device.clock().now_ms());
    const Clock::time_point t2 = Clock::now();
    install_time += t1 - t0;
    start_time += t2 - t1;
    state.PauseTiming();
    if (!device.agent().remove(m.name.view()).ok()) {
      state.SkipWithError("remove failed");
      return;
    }
    state.ResumeTiming();
  }
  const auto per_iteration_us = [&](Clock::duration d) {
    return std::chrono::duration<double, std::micro>(d).count() /
           static_cast<double>(state.iterations());
  };
  state.counters["install_us"] = per_iteration_us(install_time);
  state.counters["start_us"] = per_iteration_us(start_time);
  state.counters["image_B"] = static_cast<double>(image.size());
  extras()[std::string(label) + "/install_us"] = per_iteration_us(install_time);
  extras()[std::string(label) + "/start_us"] = per_iteration_us(start_time);
  extras()["image_bytes"] = static_cast<double>(image.size());
}

void install_file(benchmark::State& state) {
  install_to_activation(state, StorageKind::file, "file");
}
void install_memory(benchmark::State& state) {
  install_to_activation(state, StorageKind::memory, "memory");
}

// ---- 3. activations per second ------------------------------------------------------------

// Each iteration moves the device clock one loop period (1 ms) and polls once: every container
// is due, so one poll runs `containers` activations back to back. This measures the agent's
// capacity (how many activations per second it can run), not a real-time schedule.
void activations(benchmark::State& state, uint8_t containers, WatchdogKind watchdog,
                 const char* label) {
  Device device(containers, StorageKind::memory, watchdog);
  const std::vector<uint8_t> image = load_image("agent_tick");
  std::vector<std::string> names;
  for (uint8_t i = 0; i < containers; ++i) {
    names.push_back("tick-" + std::to_string(i));
    device.install_and_start(image, bench_manifest(names.back(), 1));
  }
  uint64_t before = 0;
  for (const std::string& name : names)
    before += device.info(name).stats.activations;
  const double cpu0 = process_cpu_ns();
  for (auto _ : state) {
    device.clock().advance(1);
    device.agent().poll(device.clock().now_ms());
  }
  const double cpu1 = process_cpu_ns();
  uint64_t after = 0;
  for (const std::string& name : names)
    after += device.info(name).stats.activations;
  if (after - before != static_cast<uint64_t>(state.iterations()) * containers) {
    state.SkipWithError("not every container ran once per poll");
    return;
  }
  const auto runs = static_cast<double>(after - before);
  state.SetItemsProcessed(static_cast<int64_t>(after - before));
  // Process CPU time (all threads: the watchdog thread's wake-ups included) per activation.
  state.counters["proc_cpu_ns/act"] = (cpu1 - cpu0) / runs;
  extras()[std::string(label) + "/proc_cpu_ns"] = (cpu1 - cpu0) / runs;
}

// ---- summary ------------------------------------------------------------------------------

void row(std::ostream& out, const char* figure, double value, const char* unit, const char* versus,
         double other, const char* other_unit) {
  char line[200];
  if (value <= 0.0 || other <= 0.0) {
    std::snprintf(line, sizeof line, "%-44s not measured in this run\n", figure);
  } else {
    std::snprintf(line, sizeof line, "%-44s %10.1f %-6s %-30s %10.1f %-6s %8.2fx\n", figure, value,
                  unit, versus, other, other_unit, value / other);
  }
  out << line;
}

double extra(std::string_view key) {
  const auto it = extras().find(key);
  return it == extras().end() ? -1.0 : it->second;
}

void print_summary(std::ostream& out, const CollectingReporter& times) {
  const auto per_read = [&](const char* name) {
    const double ns = times.median_ns(name);
    return ns <= 0.0 ? -1.0 : ns / static_cast<double>(kReadsPerLoop);
  };
  const double bare = per_read("agent/call/bare_read_value");
  const double gross = per_read("agent/call/tc_read");
  const double loop = per_read("agent/call/no_call");
  const double net = gross > 0.0 && loop > 0.0 ? gross - loop : -1.0;
  const double file_us = times.median_ns("agent/install/file_storage") / 1e3;
  const double mem_us = times.median_ns("agent/install/memory_storage") / 1e3;
  const double act1 = times.median_ns("agent/activations/1");
  const double act8 = times.median_ns("agent/activations/8") / 8.0;
  const double act8_none = times.median_ns("agent/activations/8/no_watchdog") / 8.0;

  out << "\nfigure                                            value unit   compared with"
         "                       value unit      ratio\n";
  row(out, "checked tc_read, net per call", net, "ns", "bare Resources::read_value", bare, "ns");
  row(out, "tc_read loop per call (VM loop included)", gross, "ns", "same loop without the call",
      loop, "ns");
  if (net > 0.0) {
    out << "  target: under 1000 ns per checked call: " << (net < 1000.0 ? "met" : "MISSED")
        << "\n";
  }
  row(out, "install -> first activation, FileStorage", file_us, "us", "in-memory Storage", mem_us,
      "us");
  row(out, "  install() (verify + persist), FileStorage", extra("file/install_us"), "us",
      "in-memory Storage", extra("memory/install_us"), "us");
  row(out, "  start() + poll, FileStorage", extra("file/start_us"), "us", "in-memory Storage",
      extra("memory/start_us"), "us");
  row(out, "ns per activation, 8 containers", act8, "ns", "1 container", act1, "ns");
  row(out, "activations/s, 8 containers", act8 > 0.0 ? 1e9 / act8 : -1.0, "/s", "1 container",
      act1 > 0.0 ? 1e9 / act1 : -1.0, "/s");
  row(out, "ns per activation, 8 x ThreadWatchdog", act8, "ns", "8 x no watchdog", act8_none, "ns");
  row(out, "process CPU ns per activation, 8 x ThreadWd", extra("8/proc_cpu_ns"), "ns",
      "8 x no watchdog", extra("8/none/proc_cpu_ns"), "ns");
  if (act8 > 0.0) {
    char line[160];
    std::snprintf(line, sizeof line,
                  "  8 containers at a 1 ms period need 8000 activations/s: %.1f %% of one core\n",
                  8000.0 * act8 / 1e7);
    out << line;
  }
  if (extra("image_bytes") > 0.0) {
    out << "  install image: " << static_cast<uint64_t>(extra("image_bytes")) << " bytes\n";
  }
}

int run(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;

  benchmark::RegisterBenchmark("agent/call/bare_read_value", bare_read_value)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("agent/call/tc_read", container_tc_read)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("agent/call/no_call", container_no_call)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("agent/install/file_storage", install_file)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("agent/install/memory_storage", install_memory)
      ->Unit(benchmark::kMicrosecond);
  benchmark::RegisterBenchmark("agent/activations/1", [](benchmark::State& state) {
    activations(state, 1, WatchdogKind::thread, "1");
  })->Unit(benchmark::kNanosecond);
  benchmark::RegisterBenchmark("agent/activations/8", [](benchmark::State& state) {
    activations(state, 8, WatchdogKind::thread, "8");
  })->Unit(benchmark::kNanosecond);
  benchmark::RegisterBenchmark("agent/activations/8/no_watchdog", [](benchmark::State& state) {
    activations(state, 8, WatchdogKind::none, "8/none");
  })->Unit(benchmark::kNanosecond);

  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  print_summary(std::cout, reporter);
  return 0;
}

}  // namespace
}  // namespace tc::bench

int main(int argc, char** argv) {
  try {
    return tc::bench::run(argc, argv);
  } catch (const tc::bench::ContainerError& e) {
    std::fprintf(stderr, "tc-bench-agent: %s\n", e.what());
    return 1;
  }
}
