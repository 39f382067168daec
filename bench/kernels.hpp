// The benchmark kernels (bench/kernels/*.c). Each C file is compiled twice: natively into this
// executable, with bench_init / bench_run renamed to <name>_init / <name>_run, and into a
// container image, where they stay the exported entries bench_init / bench_run.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

// X(name): keep in step with TC_BENCH_KERNELS in bench/CMakeLists.txt.
#define TC_BENCH_KERNELS(X) \
  X(fletcher32)             \
  X(crc32)                  \
  X(insertion_sort)         \
  X(matmul)                 \
  X(sha256)                 \
  X(fibonacci)              \
  X(state_machine)

extern "C" {
#define TC_BENCH_DECLARE(name) \
  long name##_init(void);      \
  uint64_t name##_run(void);
TC_BENCH_KERNELS(TC_BENCH_DECLARE)
#undef TC_BENCH_DECLARE
}

namespace tc::bench {

struct NativeKernel {
  std::string_view name;
  long (*init)();
  uint64_t (*run)();
};

#define TC_BENCH_ENTRY(name) NativeKernel{#name, &name##_init, &name##_run},
inline constexpr std::array kKernels = {TC_BENCH_KERNELS(TC_BENCH_ENTRY)};
#undef TC_BENCH_ENTRY

}  // namespace tc::bench
