// The management tree's CBOR payloads (runtime/mgmt/payloads.hpp), compared in diagnostic notation.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cbor/diagnostic.hpp"
#include "cbor/writer.hpp"
#include "mgmt/payloads.hpp"

namespace {

using namespace tc;

template <typename F>
std::string render(F f) {
  std::vector<uint8_t> window(4096);
  coap::PayloadWriter w(window, 0);
  mgmt::CborOut out(w);
  f(out);
  std::vector<char> text(8192);
  EXPECT_EQ(cbor::diagnostic(w.window(), text), cbor::Error::ok);
  return text.data();
}

TEST(DevicePayloads, Error) {
  EXPECT_EQ(render([](mgmt::CborOut& o) { mgmt::render_error(o, "no such container"); }),
            R"({"error": "no such container"})");
}

TEST(DevicePayloads, TextIsSanitised) {
  EXPECT_EQ(render([](mgmt::CborOut& o) {
              o.text(
                  std::string_view("a\xff"
                                   "b\x01",
                                   4));
            }),
            R"("a?b?")");
}

TEST(DevicePayloads, Device) {
  mgmt::DeviceSummary d{"dev-1", "box", "fw 1", 1234, 1, 4, 65536, true};
  EXPECT_EQ(render([&](mgmt::CborOut& o) { mgmt::render_device(o, d); }),
            R"({"id": "dev-1", "model": "box", "firmware": "fw 1", "uptime_ms": 1234, )"
            R"("containers": 1, "capacity": 4, "pool_bytes": 65536, "insecure": true})");
}

TEST(DevicePayloads, Catalog) {
  manifest::BoardProfile b;
  manifest::BoardResource& r = b.resources[b.resource_count++];
  r.name.assign("sensor/temperature");
  r.type = manifest::ValueType::integer;
  r.min_value = -4000;
  r.max_value = 8500;
  r.unit.assign("cdegC");
  r.energy_uj = 15;
  manifest::BoardResource& s = b.resources[b.resource_count++];
  s.name.assign("radio/scanner");
  s.kind = manifest::ResourceKind::radio;
  s.type = manifest::ValueType::bytes;
  s.max_bytes = 256;
  s.access = manifest::Direction::read;
  EXPECT_EQ(render([&](mgmt::CborOut& o) { mgmt::render_catalog(o, b); }),
            R"([{"name": "sensor/temperature", "kind": "sensor", "type": "int", "min": -4000, )"
            R"("max": 8500, "unit": "cdegC", "energy_uj": 15, "access": "read"}, )"
            R"({"name": "radio/scanner", "kind": "radio", "type": "bytes", "max_bytes": 256, )"
            R"("unit": "", "energy_uj": 0, "access": "read"}])");
}

TEST(DevicePayloads, ContainerSummaryAndStatus) {
  agent::ContainerInfo c;
  c.name.assign("app");
  c.tenant.assign("t");
  c.version = 3;
  c.state = agent::State::suspended;
  c.suspension = agent::Suspension::throttled;
  c.stats.activations = 5;
  c.stats.denials[5] = 2;
  c.stats.violations[1] = 1;
  EXPECT_EQ(render([&](mgmt::CborOut& o) { mgmt::render_container(o, c, false); }),
            R"({"name": "app", "version": 3, "tenant": "t", "state": "suspended"})");
  const std::string full = render([&](mgmt::CborOut& o) { mgmt::render_container(o, c, true); });
  EXPECT_NE(full.find(R"("suspension": "throttled")"), std::string::npos) << full;
  EXPECT_NE(full.find(R"("denials": {"rate": 2})"), std::string::npos) << full;
  EXPECT_NE(full.find(R"("violations": {"out_of_fuel": 1})"), std::string::npos) << full;
  EXPECT_NE(full.find(R"("activations": 5)"), std::string::npos) << full;
}

TEST(DevicePayloads, Events) {
  agent::Event e;
  e.seq = 7;
  e.time_ms = 100;
  e.kind = agent::EventKind::denial;
  e.detail = 5;
  e.a = 2;
  e.count = 3;
  e.container.assign("app");
  EXPECT_EQ(render([&](mgmt::CborOut& o) { mgmt::render_event(o, e, {}); }),
            R"({"seq": 7, "time_ms": 100, "kind": "denied", "container": "app", )"
            R"("reason": "rate", "endpoint": 2, "count": 3})");
  e.kind = agent::EventKind::log;
  e.a = 4;
  EXPECT_EQ(render([&](mgmt::CborOut& o) { mgmt::render_event(o, e, "tick"); }),
            R"({"seq": 7, "time_ms": 100, "kind": "log", "container": "app", "line": 4, )"
            R"("text": "tick"})");
}

TEST(DevicePayloads, InstallBody) {
  std::vector<uint8_t> buf(64);
  cbor::Writer w(buf);
  const uint8_t image[] = {1, 2, 3};
  const uint8_t man[] = {0xa0};
  w.write_array(2).write_bytes(image).write_bytes(man);
  std::span<const uint8_t> i, m;
  EXPECT_EQ(mgmt::parse_install(w.written(), i, m), nullptr);
  EXPECT_EQ(i.size(), 3u);
  EXPECT_EQ(m.size(), 1u);
  const uint8_t bad[] = {0x82, 0x41, 0x00};
  EXPECT_NE(mgmt::parse_install(bad, i, m), nullptr);
}

}  // namespace
