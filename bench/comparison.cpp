#include "comparison.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace tc::bench {

void CollectingReporter::ReportRuns(const std::vector<Run>& runs) {
  benchmark::ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    // Aggregates (mean, median, stddev) are recomputed below from the raw repetitions.
    if (run.run_type != Run::RT_Iteration || run.error_occurred) continue;
    const double ns =
        run.GetAdjustedRealTime() * 1e9 / benchmark::GetTimeUnitMultiplier(run.time_unit);
    times_ns_[run.benchmark_name()].push_back(ns);
  }
}

double CollectingReporter::median_ns(const std::string& name) const {
  const auto found = times_ns_.find(name);
  if (found == times_ns_.end() || found->second.empty()) return -1.0;
  std::vector<double> sorted = found->second;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t mid = sorted.size() / 2;
  return sorted.size() % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
}

namespace {

std::string side_name(std::string_view side, std::string_view kernel) {
  std::string name(side);
  name += '/';
  name += kernel;
  return name;
}

void print_row(std::ostream& out, std::string_view name, double native_ns, double vm_ns,
               uint64_t instructions) {
  char line[160];
  const double per_insn = instructions == 0 ? 0.0 : vm_ns / static_cast<double>(instructions);
  std::snprintf(line, sizeof line, "%-16.*s %12.1f %12.1f %9.2fx %12llu %10.2f\n",
                static_cast<int>(name.size()), name.data(), native_ns, vm_ns, vm_ns / native_ns,
                static_cast<unsigned long long>(instructions), per_insn);
  out << line;
}

}  // namespace

bool print_comparison(std::ostream& out, const CollectingReporter& times,
                      const std::vector<KernelFigures>& kernels) {
  out << "\nkernel              native ns        VM ns   slowdown  VM insns/run  VM ns/insn\n";
  double log_sum = 0.0;
  std::size_t counted = 0;
  bool complete = true;
  for (const KernelFigures& kernel : kernels) {
    const double native_ns = times.median_ns(side_name(kNativeSide, kernel.name));
    const double vm_ns = times.median_ns(side_name(kVmSide, kernel.name));
    if (native_ns <= 0.0 || vm_ns <= 0.0) {
      // Filtered out with --benchmark_filter, or the benchmark failed.
      out << kernel.name << ": not measured in this run\n";
      complete = false;
      continue;
    }
    print_row(out, kernel.name, native_ns, vm_ns, kernel.vm_instructions);
    log_sum += std::log(vm_ns / native_ns);
    ++counted;
  }
  if (counted != 0) {
    char line[96];
    std::snprintf(line, sizeof line, "geometric-mean slowdown over %zu kernels: %.2fx\n", counted,
                  std::exp(log_sum / static_cast<double>(counted)));
    out << line;
  }
  return complete;
}

}  // namespace tc::bench
