// A manifest against the board profile (validate.hpp): resources exist, directions and value
// bounds stay inside what the device maker declared, memory and storage fit.
#include "manifest/checker.hpp"
#include "manifest/schema.hpp"
#include "manifest/validate.hpp"

namespace tc::manifest {
namespace {

namespace s = schema;
using detail::Checker;
using detail::Field;

void fail_at(Checker& c, const char* name, Reason reason) {
  Field field(c, name);
  c.fail(reason);
}

void check_memory(Checker& c, const Memory& m, const BoardCapacities& capacity) {
  Field field(c, s::top::kNames[s::top::memory]);
  const uint64_t memory = uint64_t{m.stack_bytes} + m.data_bytes;
  const uint32_t per_container = capacity.memory_per_container_bytes;
  if (per_container != 0 && memory > per_container) {
    // stack and data share the per-container pool; blame the larger of the two
    fail_at(c, m.stack_bytes > m.data_bytes ? "stack_bytes" : "data_bytes",
            Reason::over_board_capacity);
  }
  const uint32_t storage = capacity.storage_total_bytes;
  if (!c.stopped() && storage != 0 && m.storage_bytes > storage) {
    fail_at(c, "storage_bytes", Reason::over_board_capacity);
  }
}

void check_bounds(Checker& c, const EndpointLimits& l, const BoardResource& r) {
  if (!l.has_bounds) return;
  Field field(c, "limits");
  if (r.type == ValueType::bytes) {
    fail_at(c, "min", Reason::bounds_not_numeric);
  } else if (l.min_value < r.min_value) {
    fail_at(c, "min", Reason::bounds_outside_resource);
  } else if (l.max_value > r.max_value) {
    fail_at(c, "max", Reason::bounds_outside_resource);
  }
}

void check_endpoint(Checker& c, const Endpoint& e, const BoardProfile& board) {
  if (e.kind != TargetKind::resource) return;  // channels and remotes are not the board's
  const BoardResource* resource = board.find(e.target.view());
  if (resource == nullptr) return fail_at(c, "target", Reason::unknown_resource);
  if (!access_allows(resource->access, e.direction)) {
    fail_at(c, "direction", Reason::direction_not_allowed);
  }
  if (!c.stopped()) check_bounds(c, e.limits, *resource);
}

}  // namespace

ManifestError validate_against_board_all(const Manifest& manifest, const BoardProfile& board,
                                         ErrorSink sink, void* context) {
  Checker c(sink, context);
  check_memory(c, manifest.memory, board.capacities);
  Field list(c, s::top::kNames[s::top::endpoints]);
  const uint8_t count = manifest.endpoint_count <= kMaxEndpoints ? manifest.endpoint_count : 0;
  for (uint8_t i = 0; i < count && !c.stopped(); ++i) {
    Field item(c, i);
    check_endpoint(c, manifest.endpoints[i], board);
  }
  return c.first();
}

ManifestError validate_against_board(const Manifest& manifest, const BoardProfile& board) {
  return validate_against_board_all(manifest, board, nullptr, nullptr);
}

}  // namespace tc::manifest
