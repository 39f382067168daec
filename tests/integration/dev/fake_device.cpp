// A fake device for `tcctl dev` tests: a real UDP CoAP server on the device's server layer
// (runtime/coap/server.hpp) serving the docs/protocol.md paths with canned CBOR payloads. Installs
// (block-wise POST /c) are decoded for real: the body array, the manifest with the device's
// decoder, and the image's size checked as the device would.
//
//   fake_device [--secure] [--mute]    binds 127.0.0.1 on a free port and prints it
//     --secure  refuses unsigned installs (4.03), as a device started without --insecure
//     --mute    reads datagrams and never answers (for timeouts)
// One container, "blink", runs from the start and logs a line every 300 ms (with a "log" event).
// Exits after 60 s without traffic.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "cbor/reader.hpp"
#include "cbor/writer.hpp"
#include "coap/server.hpp"
#include "manifest/codec.hpp"
#include "udp_socket.hpp"

namespace {

using namespace tc::coap;
using tc::cbor::Writer;

uint64_t now_ms() {
  using namespace std::chrono;
  return static_cast<uint64_t>(
      duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}

struct Container {
  std::string name;
  uint64_t version = 0;
  std::string tenant;
  std::string state;
  std::size_t image_bytes = 0;
  uint32_t image_sum = 0;  // sum of the image bytes, to check the transfer
};

struct Event {
  uint64_t seq;
  uint64_t time_ms;
  std::string kind;
  std::string container;
  std::string text;  // "text" of log events, "reason" of install_failed
};

struct LogLine {
  uint64_t seq;
  uint64_t time_ms;
  std::string text;
};

constexpr std::size_t kCapacity = 3;

struct Device {
  bool secure = false;
  uint64_t start_ms = now_ms();
  std::vector<Container> containers{{"blink", 2, "acme", "running", 4096, 0}};
  std::vector<Event> events;
  std::vector<LogLine> logs;  // blink's
  uint64_t notified = 0;      // events up to here went to observers

  uint64_t uptime() const { return now_ms() - start_ms; }
  void event(std::string kind, std::string container, std::string text = {}) {
    events.push_back(
        {events.size(), uptime(), std::move(kind), std::move(container), std::move(text)});
  }
  Container* find(std::string_view name) {
    for (Container& c : containers) {
      if (c.name == name) return &c;
    }
    return nullptr;
  }
};

// A CBOR body built with a Writer over a scratch buffer, then copied into the response.
void reply_cbor(Response& r, const std::function<void(Writer&)>& build, Code code = Code::content) {
  static std::array<uint8_t, 16384> scratch;
  Writer w(scratch);
  build(w);
  r.set_code(code);
  r.set_format(ContentFormat::cbor);
  r.append(w.written());
}

void reply_error(Response& r, Code code, std::string_view text) {
  reply_cbor(
      r, [&](Writer& w) { w.write_map(1).write_text("error").write_text(text); }, code);
}

std::vector<std::string_view> rest_of_path(const Request& req) {
  std::vector<std::string_view> segments;
  std::size_t i = 0;
  for (const Option& o : req.message.all(OptionNumber::uri_path)) {
    if (i++ >= req.path_depth) segments.push_back(o.text());
  }
  return segments;
}

std::optional<uint64_t> from_query(const Request& req) {
  for (const Option& o : req.message.all(OptionNumber::uri_query)) {
    const std::string_view q = o.text();
    if (q.starts_with("from=")) return std::stoull(std::string(q.substr(5)));
  }
  return std::nullopt;
}

struct Info final : Handler {
  Device& d;
  explicit Info(Device& dev) : d(dev) {}
  void handle(const Request&, Response& r) override {
    reply_cbor(r, [&](Writer& w) {
      w.write_map(8).write_text("id").write_text("fake-1");
      w.write_text("model").write_text("fake");
      w.write_text("firmware").write_text("0.1.0-test");
      w.write_text("uptime_ms").write_uint(d.uptime());
      w.write_text("containers").write_uint(d.containers.size());
      w.write_text("capacity").write_uint(kCapacity);
      w.write_text("pool_bytes").write_uint(65536);
      w.write_text("insecure").write_bool(!d.secure);
    });
  }
};

struct Resources final : Handler {
  void handle(const Request&, Response& r) override {
    reply_cbor(r, [&](Writer& w) {
      w.write_array(2);
      w.write_map(8).write_text("name").write_text("sensor/temperature");
      w.write_text("kind").write_text("sensor").write_text("type").write_text("int");
      w.write_text("min").write_int(-40).write_text("max").write_int(125);
      w.write_text("unit").write_text("dC").write_text("energy_uj").write_uint(12);
      w.write_text("access").write_text("read");
      w.write_map(8).write_text("name").write_text("actuator/led");
      w.write_text("kind").write_text("actuator").write_text("type").write_text("int");
      w.write_text("min").write_int(0).write_text("max").write_int(1);
      w.write_text("unit").write_text("").write_text("energy_uj").write_uint(3);
      w.write_text("access").write_text("write");
    });
  }
};

struct Stats final : Handler {
  Device& d;
  explicit Stats(Device& dev) : d(dev) {}
  void handle(const Request&, Response& r) override {
    reply_cbor(r, [&](Writer& w) {
      w.write_map(3).write_text("uptime_ms").write_uint(d.uptime());
      w.write_text("events").write_uint(d.events.size());
      w.write_text("coap").write_map(2).write_text("requests").write_uint(7);
      w.write_text("duplicates").write_uint(0);
    });
  }
};

struct Events final : Handler {
  Device& d;
  explicit Events(Device& dev) : d(dev) {}
  void handle(const Request& req, Response& r) override {
    const uint64_t from = req.notification ? d.notified : from_query(req).value_or(0);
    reply_cbor(r, [&](Writer& w) {
      const uint64_t first = std::min<uint64_t>(from, d.events.size());
      w.write_map(2).write_text("next").write_uint(d.events.size());
      w.write_text("events").write_array(d.events.size() - first);
      for (uint64_t i = first; i < d.events.size(); ++i) {
        const Event& e = d.events[i];
        const bool extra = !e.text.empty();
        w.write_map(extra ? 5 : 4).write_text("seq").write_uint(e.seq);
        w.write_text("time_ms").write_uint(e.time_ms);
        w.write_text("kind").write_text(e.kind);
        w.write_text("container").write_text(e.container);
        if (extra) w.write_text(e.kind == "log" ? "text" : "reason").write_text(e.text);
      }
    });
  }
};

struct Containers final : Handler {
  Device& d;
  explicit Containers(Device& dev) : d(dev) {}

  void handle(const Request& req, Response& r) override {
    const std::vector<std::string_view> rest = rest_of_path(req);
    if (rest.empty()) {
      if (req.method() == Code::post) return install(req, r);
      if (req.method() != Code::get) return reply_error(r, Code::method_not_allowed, "GET or POST");
      return reply_cbor(r, [&](Writer& w) {
        w.write_array(d.containers.size());
        for (const Container& c : d.containers) {
          w.write_map(4).write_text("name").write_text(c.name);
          w.write_text("version").write_uint(c.version);
          w.write_text("tenant").write_text(c.tenant).write_text("state").write_text(c.state);
        }
      });
    }
    Container* c = d.find(rest[0]);
    if (c == nullptr)
      return reply_error(r, Code::not_found, "no container named " + std::string(rest[0]));
    if (rest.size() == 1 && req.method() == Code::get) return status(*c, r);
    if (rest.size() == 1 && req.method() == Code::del) {
      d.event("removed", c->name);
      std::erase_if(d.containers, [&](const Container& x) { return &x == c; });
      r.set_code(Code::deleted);
      return;
    }
    if (rest.size() == 2 && rest[1] == "logs" && req.method() == Code::get) return logs(req, r);
    if (rest.size() == 2 && req.method() == Code::post) {
      if (rest[1] == "start" || rest[1] == "restart") {
        c->state = "running";
      } else if (rest[1] == "stop") {
        if (c->state == "stopped") return reply_error(r, Code::bad_request, "already stopped");
        c->state = "stopped";
      } else {
        return reply_error(r, Code::not_found, "no such action");
      }
      d.event(rest[1] == "stop" ? "stopped" : "started", c->name);
      r.set_code(Code::changed);
      return;
    }
    reply_error(r, Code::method_not_allowed, "not allowed here");
  }

  void status(const Container& c, Response& r) {
    reply_cbor(r, [&](Writer& w) {
      w.write_map(9).write_text("name").write_text(c.name);
      w.write_text("version").write_uint(c.version);
      w.write_text("tenant").write_text(c.tenant).write_text("state").write_text(c.state);
      w.write_text("restarts").write_uint(1).write_text("strikes").write_uint(0);
      w.write_text("stats").write_map(6);
      w.write_text("activations").write_uint(42).write_text("instructions").write_uint(123456);
      w.write_text("endpoint_calls").write_uint(17);
      w.write_text("denials").write_map(2).write_text("rate").write_uint(3);
      w.write_text("bounds").write_uint(1);
      w.write_text("violations").write_map(0).write_text("cpu_us").write_uint(950);
      w.write_text("memory").write_map(4).write_text("stack").write_uint(512);
      w.write_text("data").write_uint(1024).write_text("storage_used").write_uint(10);
      w.write_text("storage_quota").write_uint(4096);
      w.write_text("image").write_map(2).write_text("bytes").write_uint(c.image_bytes);
      w.write_text("sum").write_uint(c.image_sum);
    });
  }

  void logs(const Request& req, Response& r) {
    const uint64_t from = from_query(req).value_or(0);
    reply_cbor(r, [&](Writer& w) {
      std::size_t first = 0;
      while (first < d.logs.size() && d.logs[first].seq < from)
        ++first;
      w.write_map(2).write_text("next").write_uint(d.logs.size());
      w.write_text("lines").write_array(d.logs.size() - first);
      for (std::size_t i = first; i < d.logs.size(); ++i) {
        w.write_array(3).write_uint(d.logs[i].seq).write_uint(d.logs[i].time_ms);
        w.write_text(d.logs[i].text);
      }
    });
  }

  void install(const Request& req, Response& r) {
    if (d.secure) {
      return reply_error(r, Code::forbidden,
                         "unsigned install refused: the device requires a SUIT envelope");
    }
    tc::cbor::Reader reader(req.payload);
    uint64_t count = 0;
    std::span<const uint8_t> image;
    std::span<const uint8_t> manifest_bytes;
    if (reader.read_array_header(count) != tc::cbor::Error::ok || count != 2 ||
        reader.read_bytes(image) != tc::cbor::Error::ok ||
        reader.read_bytes(manifest_bytes) != tc::cbor::Error::ok ||
        reader.finish() != tc::cbor::Error::ok) {
      return reply_error(r, Code::bad_request, "malformed body: expected [image, manifest]");
    }
    if (image.empty() || image.size() % 8 != 0)
      return reply_error(r, Code::bad_request, "image: text size is zero or not a multiple of 8");
    tc::manifest::Manifest m;
    if (!tc::manifest::decode(manifest_bytes, m).ok())
      return reply_error(r, Code::bad_request, "manifest: cannot decode");
    Container* c = d.find(m.name.view());
    if (c == nullptr) {
      if (d.containers.size() >= kCapacity)
        return reply_error(r, Code::service_unavailable, "every container slot is taken");
      d.containers.push_back({std::string(m.name.view()), 0, {}, {}, 0, 0});
      c = &d.containers.back();
    }
    c->version = m.version;
    c->tenant = std::string(m.tenant.view());
    c->state = "running";
    c->image_bytes = image.size();
    c->image_sum = 0;
    for (uint8_t b : image)
      c->image_sum += b;
    d.event("installed", c->name);
    (void)r.add_option(OptionNumber::location_path, "c");
    (void)r.add_option(OptionNumber::location_path, c->name);
    reply_cbor(
        r,
        [&](Writer& w) {
          w.write_map(2).write_text("name").write_text(c->name);
          w.write_text("version").write_uint(c->version);
        },
        Code::created);
  }
};

constexpr Capacities kCaps{.resources = 8,
                           .dedup = 16,
                           .outbox = 4,
                           .observers = 4,
                           .deferred = 2,
                           .transfers = 2,
                           .transfer_bytes = 64 * 1024,
                           .max_szx = 6};

}  // namespace

int main(int argc, char** argv) {
  Device d;
  bool mute = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    d.secure = d.secure || arg == "--secure";
    mute = mute || arg == "--mute";
  }
  std::string error;
  const auto socket = tc::native::UdpSocket::bind("127.0.0.1:0", error);
  if (!socket) {
    std::fprintf(stderr, "fake_device: %s\n", error.c_str());
    return 1;
  }
  std::printf("%u\n", socket->port());
  std::fflush(stdout);
  static StaticServerMemory<kCaps> memory;
  tc::native::SeededRandom random(std::random_device{}());
  Server server(memory.view(), *socket, random);
  Info info(d);
  Resources resources;
  Stats stats(d);
  Events events(d);
  Containers containers(d);
  static constexpr ContentFormat kCbor[] = {ContentFormat::cbor};
  const tc::Result<ResourceId> ids[] = {
      server.add_resource({.path = "/dev", .handler = &info, .rt = "tc.dev", .ct = 60}),
      server.add_resource(
          {.path = "/dev/resources", .handler = &resources, .rt = "tc.resources", .ct = 60}),
      server.add_resource({.path = "/dev/stats", .handler = &stats, .ct = 60}),
      server.add_resource(
          {.path = "/events", .handler = &events, .rt = "tc.events", .ct = 60, .observable = true}),
      server.add_resource({.path = "/c",
                           .prefix = true,
                           .allowed = methods::get | methods::post | methods::del,
                           .handler = &containers,
                           .rt = "tc.containers",
                           .accepts = kCbor}),
  };
  for (const auto& id : ids) {
    if (!id.ok()) return 1;
  }
  const ResourceId events_id = *ids[3];
  d.event("installed", "blink");
  d.event("started", "blink");
  uint64_t last_traffic = now_ms();
  uint64_t next_log = now_ms();
  while (now_ms() - last_traffic < 60000) {
    pollfd p{socket->fd(), POLLIN, 0};
    if (poll(&p, 1, 20) > 0) {
      std::array<uint8_t, 2048> in{};
      Endpoint peer;
      while (const std::size_t got = socket->receive(in, peer)) {
        if (!mute) server.receive(peer, {in.data(), got}, now_ms());
        last_traffic = now_ms();
      }
    }
    if (now_ms() >= next_log) {
      const uint64_t seq = d.logs.size();
      d.logs.push_back({seq, d.uptime(), "tick " + std::to_string(seq)});
      d.event("log", "blink", "tick " + std::to_string(seq));
      server.notify(events_id, now_ms());
      d.notified = d.events.size();
      next_log = now_ms() + 300;
    }
    server.poll(now_ms());
  }
  return 0;
}
