#include "fleet/desired_store.hpp"

namespace tc::platform {

std::vector<DesiredDevice> desired_devices(sql::Connection& c, int64_t gateway_id) {
  // A managed device without desired rows comes back once with NULL container columns.
  const sql::Result r = c.exec(
      "SELECT d.name, x.container, x.sequence, x.envelope_sha256, length(e.bytes), x.run_state "
      "FROM devices d LEFT JOIN desired x ON x.device_id = d.id "
      "LEFT JOIN envelopes e ON e.sha256 = x.envelope_sha256 "
      "WHERE d.gateway_id = ? AND (d.managed <> 0 OR x.device_id IS NOT NULL) "
      "ORDER BY d.name, x.container",
      {gateway_id});
  std::vector<DesiredDevice> out;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (out.empty() || out.back().name != r.text(i, 0)) out.push_back({r.text(i, 0), {}});
    if (r.is_null(i, 1)) continue;
    out.back().containers.push_back({.name = r.text(i, 1),
                                     .sequence = r.integer(i, 2),
                                     .digest = r.text(i, 3),
                                     .size = r.integer(i, 4),
                                     .state = r.text(i, 5)});
  }
  return out;
}

std::optional<std::vector<uint8_t>> desired_envelope(sql::Connection& c, int64_t gateway_id,
                                                     std::string_view sha256) {
  const sql::Result r = c.exec(
      "SELECT e.bytes FROM envelopes e WHERE e.sha256 = ? AND EXISTS ("
      "SELECT 1 FROM desired x JOIN devices d ON d.id = x.device_id "
      "WHERE x.envelope_sha256 = e.sha256 AND d.gateway_id = ?)",
      {std::string(sha256), gateway_id});
  if (r.empty()) return std::nullopt;
  return r.bytes(0, 0);
}

}  // namespace tc::platform
