#include "platform/usage_meter.hpp"

namespace tc::gw {
namespace {

struct Previous {
  int64_t at_ms = 0;
  UsageCounters counters;
};

uint64_t grown(uint64_t previous, uint64_t now) {
  return now < previous ? now : now - previous;
}

uint64_t counter(const Json& stats, const char* key) {
  const auto it = stats.find(key);
  return it != stats.end() && it->is_number_integer() && *it >= 0 ? it->get<uint64_t>() : 0;
}

bool is_zero(const UsageCounters& c) {
  return c == UsageCounters{};
}

}  // namespace

std::optional<UsageCounters> usage_counters(const Json& status) {
  if (!status.is_object()) return std::nullopt;
  const auto stats = status.find("stats");
  if (stats == status.end() || !stats->is_object()) return std::nullopt;
  return UsageCounters{counter(*stats, "activations"), counter(*stats, "instructions"),
                       counter(*stats, "cpu_us"),      counter(*stats, "endpoint_calls"),
                       counter(*stats, "bytes_read"),  counter(*stats, "bytes_written"),
                       counter(*stats, "energy_uj")};
}

UsageCounters usage_delta(const UsageCounters& previous, const UsageCounters& now) {
  return {grown(previous.activations, now.activations),
          grown(previous.instructions, now.instructions),
          grown(previous.cpu_us, now.cpu_us),
          grown(previous.endpoint_calls, now.endpoint_calls),
          grown(previous.bytes_read, now.bytes_read),
          grown(previous.bytes_written, now.bytes_written),
          grown(previous.energy_uj, now.energy_uj)};
}

Json to_json(const UsageCounters& c) {
  return {{"activations", c.activations}, {"instructions", c.instructions},
          {"cpu_us", c.cpu_us},           {"endpoint_calls", c.endpoint_calls},
          {"bytes_read", c.bytes_read},   {"bytes_written", c.bytes_written},
          {"energy_uj", c.energy_uj}};
}

int64_t UsageMeter::record(const UsageReading& reading) {
  auto lock = db_.lock();
  Transaction t(db_);
  Previous previous;
  {
    Statement s = db_.prepare(
        "SELECT taken_at, counters FROM platform_usage WHERE device = ? AND container = ?");
    s.bind(1, reading.device).bind(2, reading.container);
    if (s.step()) {
      previous.at_ms = s.integer(0);
      const Json stored = Json::parse(s.text(1), nullptr, false);
      previous.counters = usage_counters(Json{{"stats", stored}}).value_or(UsageCounters{});
    }
  }
  const UsageCounters delta = usage_delta(previous.counters, reading.counters);
  int64_t id = 0;
  if (!is_zero(delta)) {
    Json data = {{"device", reading.device},
                 {"container", reading.container},
                 {"tenant", reading.tenant},
                 {"from_ms", previous.at_ms},
                 {"to_ms", reading.at_ms}};
    data.update(to_json(delta));
    id = outbox_.add_locked("usage", json_text(data));
  }
  db_.prepare(
         "INSERT INTO platform_usage (device, container, taken_at, counters) VALUES (?, ?, ?, ?) "
         "ON CONFLICT (device, container) DO UPDATE SET taken_at = excluded.taken_at, "
         "counters = excluded.counters")
      .bind(1, reading.device)
      .bind(2, reading.container)
      .bind(3, reading.at_ms)
      .bind(4, json_text(to_json(reading.counters)))
      .run();
  t.commit();
  return id;
}

}  // namespace tc::gw
