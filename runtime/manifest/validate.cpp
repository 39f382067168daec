// The manifest's own rules (docs/manifest.md, "Validation rules"): one check per field, the
// first broken rule of each field reported.
#include "manifest/validate.hpp"

#include <initializer_list>

#include "manifest/checker.hpp"
#include "manifest/schema.hpp"
#include "manifest/target.hpp"

namespace tc::manifest {
namespace {

namespace s = schema;
using detail::Checker;
using detail::Field;

struct Rule {
  bool broken;
  Reason reason;
};

// Reports the first broken rule of field `name`.
void check(Checker& c, const char* name, std::initializer_list<Rule> rules) {
  if (c.stopped()) return;
  for (const Rule& rule : rules) {
    if (rule.broken) {
      Field field(c, name);
      c.fail(rule.reason);
      return;
    }
  }
}

// Names and tenants end up in CoAP paths, file names and log lines: lower case only, so that
// two tenants cannot differ by case alone.
bool is_safe_name(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
  }
  return true;
}

// "signature", "box/state": segments separated by single slashes.
bool is_export_path(std::string_view path) {
  while (true) {
    const std::size_t slash = path.find('/');
    if (!is_segment(path.substr(0, slash))) return false;
    if (slash == std::string_view::npos) return true;
    path.remove_prefix(slash + 1);
  }
}

void check_identity(Checker& c, const Manifest& m) {
  check(c, s::top::kNames[s::top::name],
        {{m.name.empty(), Reason::empty}, {!is_safe_name(m.name.view()), Reason::bad_characters}});
  check(c, s::top::kNames[s::top::version], {{m.version == 0, Reason::must_be_positive}});
  check(c, s::top::kNames[s::top::tenant],
        {{m.tenant.empty(), Reason::empty},
         {!is_safe_name(m.tenant.view()), Reason::bad_characters}});
  const auto runtime = static_cast<uint8_t>(m.runtime);
  check(c, s::top::kNames[s::top::runtime], {{runtime < 1 || runtime > 2, Reason::unknown_value}});
}

void check_memory(Checker& c, const Memory& m) {
  Field field(c, s::top::kNames[s::top::memory]);
  check(c, "stack_bytes",
        {{m.stack_bytes % 8 != 0, Reason::not_multiple_of_8},
         {m.stack_bytes < kMinStackBytes, Reason::too_small},
         {m.stack_bytes > kMaxStackBytes, Reason::too_large}});
  check(c, "data_bytes",
        {{m.data_bytes % 8 != 0, Reason::not_multiple_of_8},
         {m.data_bytes > kMaxDataBytes, Reason::too_large}});
  check(c, "storage_bytes", {{m.storage_bytes > kMaxStorageBytes, Reason::too_large}});
}

void check_deadline(Checker& c, const char* name, uint32_t ms) {
  check(c, name, {{ms == 0, Reason::must_be_positive}, {ms > kMaxDeadlineMs, Reason::too_large}});
}

void check_timing(Checker& c, const Timing& t) {
  Field field(c, s::top::kNames[s::top::timing]);
  // A period shorter than the loop's own deadline would queue activations behind each other.
  check(
      c, "loop_period_ms",
      {{t.loop_period_ms != 0 && t.loop_period_ms < t.max_loop_ms, Reason::period_below_deadline}});
  check_deadline(c, "max_start_ms", t.max_start_ms);
  check_deadline(c, "max_loop_ms", t.max_loop_ms);
  check_deadline(c, "max_stop_ms", t.max_stop_ms);
  check_deadline(c, "max_event_ms", t.max_event_ms);
  check(c, "fuel", {{t.fuel == 0, Reason::must_be_positive}});
  check(c, "cpu_share_permille",
        {{t.cpu_share_permille < 1 || t.cpu_share_permille > 1000, Reason::bad_share}});
  check(c, "cpu_window_ms", {{t.cpu_window_ms == 0, Reason::must_be_positive}});
}

void check_failure(Checker& c, const FailurePolicy& f) {
  Field field(c, s::top::kNames[s::top::failure]);
  check(c, "strikes", {{f.strikes == 0, Reason::must_be_positive}});
  // A zero back-off would let a crashing container restart in a tight loop.
  check(c, "backoff_ms", {{f.backoff_ms == 0, Reason::must_be_positive}});
}

void check_limits(Checker& c, const Endpoint& e) {
  const EndpointLimits& l = e.limits;
  Field field(c, "limits");
  const bool budget = l.bytes_per_window != 0 || l.energy_per_window_uj != 0;
  check(c, "window_ms", {{budget && l.window_ms == 0, Reason::window_required}});
  if (!l.has_bounds) return;
  const bool writes = (static_cast<uint8_t>(e.direction) & static_cast<uint8_t>(Direction::write));
  check(c, "min",
        {{!writes, Reason::bounds_without_write},
         {l.min_value > l.max_value, Reason::min_above_max}});
}

void check_endpoint(Checker& c, const Manifest& m, uint8_t index) {
  const Endpoint& e = m.endpoints[index];
  bool duplicate = false;
  for (uint8_t j = 0; j < index; ++j)
    duplicate = duplicate || m.endpoints[j].id == e.id;
  check(c, "id", {{duplicate, Reason::duplicate_id}});
  TargetKind kind{};
  const bool well_formed = classify_target(e.target.view(), kind);
  check(c, "target", {{!well_formed, Reason::bad_target}, {kind != e.kind, Reason::kind_mismatch}});
  const auto direction = static_cast<uint8_t>(e.direction);
  check(c, "direction", {{direction < 1 || direction > 3, Reason::unknown_value}});
  check_limits(c, e);
}

void check_export(Checker& c, const Manifest& m, uint8_t index) {
  const Export& e = m.exports[index];
  bool duplicate = false;
  for (uint8_t j = 0; j < index; ++j)
    duplicate = duplicate || m.exports[j].path == e.path;
  check(c, "path",
        {{!is_export_path(e.path.view()), Reason::bad_path}, {duplicate, Reason::duplicate_path}});
  check(c, "methods",
        {{e.methods == 0, Reason::no_methods}, {e.methods > kAllMethods, Reason::unknown_value}});
  check(c, "observable",
        {{e.observable && (e.methods & kMethodGet) == 0, Reason::observe_without_get}});
}

void check_lists(Checker& c, const Manifest& m) {
  check(c, s::top::kNames[s::top::endpoints],
        {{m.endpoint_count > kMaxEndpoints, Reason::too_many_items}});
  check(c, s::top::kNames[s::top::exports],
        {{m.export_count > kMaxExports, Reason::too_many_items}});
  // Counts beyond capacity leave nothing safe to index.
  if (c.stopped() || m.endpoint_count > kMaxEndpoints || m.export_count > kMaxExports) return;
  {
    Field list(c, s::top::kNames[s::top::endpoints]);
    for (uint8_t i = 0; i < m.endpoint_count; ++i) {
      Field item(c, i);
      check_endpoint(c, m, i);
    }
  }
  Field list(c, s::top::kNames[s::top::exports]);
  for (uint8_t i = 0; i < m.export_count; ++i) {
    Field item(c, i);
    check_export(c, m, i);
  }
}

}  // namespace

ManifestError validate_all(const Manifest& manifest, ErrorSink sink, void* context) {
  Checker c(sink, context);
  check_identity(c, manifest);
  check_memory(c, manifest.memory);
  check_timing(c, manifest.timing);
  check_failure(c, manifest.failure);
  check_lists(c, manifest);
  return c.first();
}

ManifestError validate(const Manifest& manifest) {
  return validate_all(manifest, nullptr, nullptr);
}

}  // namespace tc::manifest
