// tc-coapload: the gateway benchmark's baseline (docs/performance.md, "Gateway"): the proxied
// request sent straight to the simulated devices over CoAP.
//
//   tc-coapload --targets FILE [--path /c/bench/x/value] [--concurrency 64] [--duration 10]
//
// FILE is what `tc-devsim --addresses` writes. Prints a summary and one machine-readable line:
//   result answered=N seconds=S rps=R p50_us=A p99_us=B max_us=C errors=E timeouts=T cpu_s=U
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>

#include "coap_load.hpp"

namespace {

double cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void print_result(const tc::bench::LoadConfig& config, const tc::bench::LoadResult& r, double cpu) {
  const double rps = static_cast<double>(r.answered) / r.seconds;
  const uint64_t lost = r.timeouts + r.send_errors;
  std::printf(
      "%zu devices, %zu in flight, %.1f s: %llu answers (%.0f/s), %llu errors, %llu "
      "timeouts, %llu send errors, %llu separate responses\n",
      config.targets.size(), config.concurrency, r.seconds,
      static_cast<unsigned long long>(r.answered), rps, static_cast<unsigned long long>(r.errors),
      static_cast<unsigned long long>(r.timeouts), static_cast<unsigned long long>(r.send_errors),
      static_cast<unsigned long long>(r.separate));
  std::printf("latency of 2.05 answers: p50 %llu us, p99 %llu us, max %llu us\n",
              static_cast<unsigned long long>(r.latency_us.percentile(50)),
              static_cast<unsigned long long>(r.latency_us.percentile(99)),
              static_cast<unsigned long long>(r.latency_us.max()));
  std::printf(
      "result answered=%llu seconds=%.3f rps=%.1f p50_us=%llu p99_us=%llu max_us=%llu "
      "errors=%llu timeouts=%llu cpu_s=%.3f\n",
      static_cast<unsigned long long>(r.answered), r.seconds, rps,
      static_cast<unsigned long long>(r.latency_us.percentile(50)),
      static_cast<unsigned long long>(r.latency_us.percentile(99)),
      static_cast<unsigned long long>(r.latency_us.max()),
      static_cast<unsigned long long>(r.errors), static_cast<unsigned long long>(lost), cpu);
}

int run(int argc, char** argv) {
  CLI::App app{"tc-coapload: K concurrent CoAP GETs to simulated devices, for T seconds"};
  tc::bench::LoadConfig config;
  std::string targets;
  app.add_option("--targets", targets, "'ID HOST:PORT' lines (tc-devsim --addresses)")->required();
  app.add_option("--path", config.path, "the request path");
  app.add_option("--concurrency", config.concurrency, "requests in flight")
      ->check(CLI::Range(1, 65535));
  app.add_option("--duration", config.duration_s, "seconds")->check(CLI::Range(1, 3600));
  app.add_option("--timeout-ms", config.timeout_ms, "a request unanswered this long is lost")
      ->check(CLI::Range(1, 600000));
  CLI11_PARSE(app, argc, argv);

  std::string error;
  if (!tc::bench::read_targets(targets, config.targets, error)) {
    std::cerr << "tc-coapload: " << error << "\n";
    return 2;
  }
  tc::bench::LoadResult r;
  const double cpu_before = cpu_seconds();
  if (!tc::bench::run_coap_load(config, r, error)) {
    std::cerr << "tc-coapload: " << error << "\n";
    return 1;
  }
  const double cpu = cpu_seconds() - cpu_before;
  print_result(config, r, cpu);
  return r.answered > 0 ? 0 : 1;
}
}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "tc-coapload: " << e.what() << "\n";
    return 1;
  }
}
