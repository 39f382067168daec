#include "builder/sdk_helpers.hpp"

#include <array>

#include "tinycontainer.h"

namespace tc::builder {
namespace {

constexpr std::array kHelpers{
    SdkHelper{TC_HELPER_LOG, "tc_log"},
    SdkHelper{TC_HELPER_NOW_MS, "tc_now_ms"},
    SdkHelper{TC_HELPER_OPEN, "tc_open"},
    SdkHelper{TC_HELPER_READ, "tc_read"},
    SdkHelper{TC_HELPER_WRITE, "tc_write"},
    SdkHelper{TC_HELPER_CLOSE, "tc_close"},
    SdkHelper{TC_HELPER_KV_GET, "tc_kv_get"},
    SdkHelper{TC_HELPER_KV_PUT, "tc_kv_put"},
    SdkHelper{TC_HELPER_KV_DELETE, "tc_kv_delete"},
    SdkHelper{TC_HELPER_PUBLISH, "tc_publish"},
    SdkHelper{TC_HELPER_RESPOND, "tc_respond"},
    SdkHelper{TC_HELPER_ML_INFER, "tc_ml_infer"},
    SdkHelper{TC_HELPER_RANDOM_U32, "tc_random_u32"},
    SdkHelper{TC_HELPER_SLEEP_UNTIL, "tc_sleep_until"},
};
static_assert(kHelpers.size() == TC_HELPER_LAST - TC_HELPER_FIRST + 1, "a helper is missing");

vm::HelperResult trap_stub(vm::Machine&, void*, const uint64_t (&)[5]) {
  return vm::HelperResult::Trap();
}

vm::HelperTable make_table() {
  vm::HelperTable table;
  for (const SdkHelper& h : kHelpers) {
    // Numbers are below kMaxHelpers by construction; add() cannot fail.
    (void)table.add(h.id, trap_stub);
  }
  return table;
}

}  // namespace

std::span<const SdkHelper> sdk_helpers() {
  return kHelpers;
}

std::optional<std::string_view> sdk_helper_name(uint32_t id) {
  for (const SdkHelper& h : kHelpers) {
    if (h.id == id) return h.name;
  }
  return std::nullopt;
}

std::string describe_helper(uint32_t id) {
  const auto name = sdk_helper_name(id);
  if (!name) return "helper " + std::to_string(id);
  return std::string(*name) + " (helper " + std::to_string(id) + ")";
}

const vm::HelperTable& sdk_helper_table() {
  static const vm::HelperTable table = make_table();
  return table;
}

}  // namespace tc::builder
