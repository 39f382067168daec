// The eBPF conformance vectors the VM self-test runs on the target. The table is generated at
// build time (generate_vectors.cmake) from ../shared/vectors/ebpf/tests_assembled.json, limited to
// one of its subsets, and lives in flash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tc::firmware_test {

struct ConformanceVector {
  const char* name;  // "add.data"
  std::span<const uint8_t> program;
  std::span<const uint8_t> mem;  // the memory r1 points to (copied: programs write it)
  uint64_t result;               // the expected r0
  bool expect_error;             // the program must be rejected or fail instead
};

extern const ConformanceVector kConformanceVectors[];
extern const std::size_t kConformanceVectorCount;

}  // namespace tc::firmware_test
