// How our harness judges one bpf_conformance .data file: assemble (or decode "-- raw"), run it
// through run_plugin, compare with "-- result" / "-- error". Used for the suite's negative cases,
// which are tests of the harness: none of them may count as a pass.
#pragma once

#include <string>

#include "asm/data_file.hpp"

namespace tc::conformance {

struct Verdict {
  bool passed = false;
  std::string why;  // what happened, for the test log and docs/conformance.md
};

[[nodiscard]] Verdict judge(const ebpf_asm::DataFile& file);

}  // namespace tc::conformance
