// (a) Every bpf_conformance vector (tests_assembled.json, cpu v1..v4) through run_plugin, the
// same code path as `tcctl ebpf plugin`, compared with the expected r0 or error.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "conformance_vectors.hpp"
#include "ebpf/hex.hpp"
#include "ebpf/plugin.hpp"
#include "tally.hpp"

namespace tc::conformance {
namespace {

using ebpf_host::PluginOutcome;

Tally& tally() {
  static Tally instance;
  return instance;
}

// Prints the per-feature and per-version table once every test has run.
class SummaryEnvironment : public ::testing::Environment {
 public:
  void TearDown() override {
    if (!tally().empty()) std::printf("\nbpf_conformance summary\n%s", tally().table().c_str());
  }
};
// GoogleTest owns registered environments.
[[maybe_unused]] ::testing::Environment* const kSummary =
    ::testing::AddGlobalTestEnvironment(new SummaryEnvironment);

std::vector<Vector> selected_vectors() {
  std::vector<Vector> out;
  for (const Vector& v : assembled_vectors()) {
    if (v.cpu_version >= "v1" && v.cpu_version <= "v4") out.push_back(v);
  }
  return out;
}

bool needs_unsupported(const Vector& v) {
  return std::any_of(v.features.begin(), v.features.end(),
                     [](const std::string& f) { return unsupported_feature(f); });
}

class Conformance : public ::testing::TestWithParam<Vector> {
 protected:
  void TearDown() override {
    const Outcome outcome = IsSkipped()    ? Outcome::skipped
                            : HasFailure() ? Outcome::failed
                                           : Outcome::passed;
    tally().record(GetParam().features, GetParam().cpu_version, outcome);
  }
};

TEST_P(Conformance, MatchesExpectedResult) {
  const Vector& v = GetParam();
  const PluginOutcome outcome = ebpf_host::run_plugin(v.program, v.mem);
  if (needs_unsupported(v)) {
    // Documented as unsupported: the verifier must refuse it at load time, not run it.
    EXPECT_EQ(outcome.kind, PluginOutcome::Kind::rejected) << outcome.error;
    EXPECT_NE(outcome.error.find("unsupported call form"), std::string::npos) << outcome.error;
    if (!HasFailure()) GTEST_SKIP() << "unsupported on purpose: " << outcome.error;
    return;
  }
  if (!v.error.empty()) {
    EXPECT_FALSE(outcome.ok()) << "expected an error (" << v.error << "), got r0 = 0x"
                               << ebpf_host::format_hex_u64(outcome.r0);
    return;
  }
  ASSERT_TRUE(outcome.ok()) << outcome.error;
  const auto expected = ebpf_host::parse_hex_u64(v.result);
  ASSERT_TRUE(expected.has_value()) << "bad result in the vector: " << v.result;
  EXPECT_EQ(ebpf_host::format_hex_u64(outcome.r0), ebpf_host::format_hex_u64(*expected));
}

INSTANTIATE_TEST_SUITE_P(Bpf, Conformance, ::testing::ValuesIn(selected_vectors()),
                         [](const ::testing::TestParamInfo<Vector>& param_info) {
                           return test_name(param_info.param.name);
                         });

}  // namespace
}  // namespace tc::conformance
