// The helper table of a container: only the helpers its manifest allows (DESIGN.md 2.1: the
// verifier rejects any other call at install). Always: tc_log, tc_now_ms, tc_random_u32,
// tc_sleep_until. Endpoints (tc_open/read/write/close) with any endpoint; tc_kv_* with a storage
// quota; tc_publish with a writable channel; tc_respond with exports; tc_ml_infer with an
// "ml/..." endpoint.
#pragma once

#include "manifest/manifest.hpp"
#include "vm/vm.hpp"

namespace tc::agent {

struct HelperSet {
  static void fill(const manifest::Manifest& manifest, vm::HelperTable& table);
};

}  // namespace tc::agent
