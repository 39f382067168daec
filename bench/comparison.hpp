// The final native-vs-VM table, computed from the same Google Benchmark run that printed the
// per-benchmark lines: a console reporter that also keeps every iteration run's time.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tc::bench {

// Benchmark names are "<side>/<kernel>", side being one of these.
inline constexpr std::string_view kNativeSide = "native";
inline constexpr std::string_view kVmSide = "vm";

class CollectingReporter : public benchmark::ConsoleReporter {
 public:
  CollectingReporter() : benchmark::ConsoleReporter(OO_Tabular) {}
  void ReportRuns(const std::vector<Run>& runs) override;

  // Median real time in ns over the repetitions of `name`, or a negative value if it never ran.
  [[nodiscard]] double median_ns(const std::string& name) const;

 private:
  std::map<std::string, std::vector<double>, std::less<>> times_ns_;
};

struct KernelFigures {
  std::string_view name;
  uint64_t vm_instructions = 0;  // instruction slots one bench_run executes in the VM
};

// Prints kernel, native ns, VM ns, slowdown, VM instructions per run, VM ns per instruction, and
// the geometric mean of the slowdowns. Returns false when a kernel has no figures.
bool print_comparison(std::ostream& out, const CollectingReporter& times,
                      const std::vector<KernelFigures>& kernels);

}  // namespace tc::bench
