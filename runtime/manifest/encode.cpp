// Manifest -> CBOR. Every field is written (no "default" omitted), keys ascending.
#include "cbor/writer.hpp"
#include "manifest/codec.hpp"
#include "manifest/schema.hpp"

namespace tc::manifest {
namespace {

namespace s = schema;

void write_memory(cbor::Writer& w, const Memory& m) {
  w.write_map(3);
  w.write_uint(s::memory::stack_bytes).write_uint(m.stack_bytes);
  w.write_uint(s::memory::data_bytes).write_uint(m.data_bytes);
  w.write_uint(s::memory::storage_bytes).write_uint(m.storage_bytes);
}

void write_timing(cbor::Writer& w, const Timing& t) {
  w.write_map(9);
  w.write_uint(s::timing::loop_period_ms).write_uint(t.loop_period_ms);
  w.write_uint(s::timing::max_start_ms).write_uint(t.max_start_ms);
  w.write_uint(s::timing::max_loop_ms).write_uint(t.max_loop_ms);
  w.write_uint(s::timing::max_stop_ms).write_uint(t.max_stop_ms);
  w.write_uint(s::timing::max_event_ms).write_uint(t.max_event_ms);
  w.write_uint(s::timing::fuel).write_uint(t.fuel);
  w.write_uint(s::timing::cpu_share_permille).write_uint(t.cpu_share_permille);
  w.write_uint(s::timing::cpu_window_ms).write_uint(t.cpu_window_ms);
  w.write_uint(s::timing::max_lifetime_s).write_uint(t.max_lifetime_s);
}

void write_failure(cbor::Writer& w, const FailurePolicy& f) {
  w.write_map(3);
  w.write_uint(s::failure::strikes).write_uint(f.strikes);
  w.write_uint(s::failure::backoff_ms).write_uint(f.backoff_ms);
  w.write_uint(s::failure::max_restarts).write_uint(f.max_restarts);
}

void write_limits(cbor::Writer& w, const EndpointLimits& l) {
  w.write_map(l.has_bounds ? 6 : 4);
  w.write_uint(s::limits::calls_per_second).write_uint(l.calls_per_second);
  w.write_uint(s::limits::bytes_per_window).write_uint(l.bytes_per_window);
  w.write_uint(s::limits::window_ms).write_uint(l.window_ms);
  w.write_uint(s::limits::energy_per_window_uj).write_uint(l.energy_per_window_uj);
  if (l.has_bounds) {
    w.write_uint(s::limits::min).write_int(l.min_value);
    w.write_uint(s::limits::max).write_int(l.max_value);
  }
}

void write_endpoint(cbor::Writer& w, const Endpoint& e) {
  w.write_map(4);
  w.write_uint(s::endpoint::id).write_uint(e.id);
  w.write_uint(s::endpoint::target).write_text(e.target.view());
  w.write_uint(s::endpoint::direction).write_uint(static_cast<uint8_t>(e.direction));
  w.write_uint(s::endpoint::limits);
  write_limits(w, e.limits);
}

void write_export(cbor::Writer& w, const Export& e) {
  w.write_map(3);
  w.write_uint(s::exports::path).write_text(e.path.view());
  w.write_uint(s::exports::methods).write_uint(e.methods);
  w.write_uint(s::exports::observable).write_bool(e.observable);
}

}  // namespace

Result<std::size_t> encode(const Manifest& m, std::span<uint8_t> out) {
  if (m.endpoint_count > kMaxEndpoints || m.export_count > kMaxExports) {
    return Status{StatusCode::invalid_argument, "manifest: too many endpoints or exports"};
  }
  cbor::Writer w(out);
  w.write_map(9);
  w.write_uint(s::top::name).write_text(m.name.view());
  w.write_uint(s::top::version).write_uint(m.version);
  w.write_uint(s::top::tenant).write_text(m.tenant.view());
  w.write_uint(s::top::runtime).write_uint(static_cast<uint8_t>(m.runtime));
  w.write_uint(s::top::memory);
  write_memory(w, m.memory);
  w.write_uint(s::top::timing);
  write_timing(w, m.timing);
  w.write_uint(s::top::failure);
  write_failure(w, m.failure);
  w.write_uint(s::top::endpoints).write_array(m.endpoint_count);
  for (uint8_t i = 0; i < m.endpoint_count; ++i)
    write_endpoint(w, m.endpoints[i]);
  w.write_uint(s::top::exports).write_array(m.export_count);
  for (uint8_t i = 0; i < m.export_count; ++i)
    write_export(w, m.exports[i]);
  if (w.error() != cbor::Error::ok) return cbor::to_status(w.error());
  return w.size();
}

}  // namespace tc::manifest
