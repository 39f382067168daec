// The one clock of tc-devsim and tc-coapload: steady (never jumps), in milliseconds for CoAP
// timing and in microseconds for latencies.
#pragma once

#include <chrono>
#include <cstdint>

namespace tc::bench {

[[nodiscard]] inline uint64_t monotonic_us() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now().time_since_epoch())
                                   .count());
}

[[nodiscard]] inline uint64_t monotonic_ms() {
  return monotonic_us() / 1000;
}

}  // namespace tc::bench
