// A real UDP CoAP server built on the device's server layer (runtime/coap/server.hpp), for
// interoperability tests with libcoap's coap-client-notls (run_server_interop.sh).
//
//   coap_server_udp [PORT]    binds 127.0.0.1:PORT (0 = any free port), prints the port
//   coap_server_udp --large   prints the /large representation and exits
//
// Resources: /hello, /large (3000 bytes), /upload (PUT/POST, Block1 up to 64 KiB, answers
// "CRC SIZE" as POSIX cksum prints it), /counter (observable, changes every 200 ms), /slow
// (separate response after 500 ms). Exits after 60 s without traffic.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "coap/server.hpp"
#include "udp_socket.hpp"

namespace {

using namespace tc::coap;

uint64_t now_ms() {
  using namespace std::chrono;
  return static_cast<uint64_t>(
      duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count());
}

std::string large_representation() {
  std::string text;
  for (int line = 0; text.size() < 3000; ++line)
    text += "line " + std::to_string(line) + " of the large resource\n";
  text.resize(3000);
  text.back() = '\n';  // whole lines: coap-client adds a newline after a partial one
  return text;
}

// POSIX cksum: CRC-32 (polynomial 0x04C11DB7, MSB first) over the data and then its length.
uint32_t posix_cksum(std::span<const uint8_t> data) {
  std::array<uint32_t, 256> table{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i << 24;
    for (int k = 0; k < 8; ++k)
      c = (c & 0x80000000u) != 0 ? (c << 1) ^ 0x04C11DB7u : c << 1;
    table[i] = c;
  }
  uint32_t crc = 0;
  const auto step = [&](uint8_t byte) { crc = (crc << 8) ^ table[((crc >> 24) ^ byte) & 0xff]; };
  for (uint8_t byte : data)
    step(byte);
  for (std::size_t n = data.size(); n != 0; n >>= 8)
    step(static_cast<uint8_t>(n));
  return ~crc;
}

class Text final : public Handler {
 public:
  explicit Text(std::string body) : body_(std::move(body)) {}
  void handle(const Request&, Response& r) override {
    r.set_format(ContentFormat::text_plain);
    r.append(body_);
  }

 private:
  std::string body_;
};

class Upload final : public Handler {
 public:
  void handle(const Request& req, Response& r) override {
    r.set_code(req.method() == Code::post ? Code::created : Code::changed);
    r.set_format(ContentFormat::text_plain);
    r.body().append_decimal(posix_cksum(req.payload));
    r.append(" ");
    r.body().append_decimal(req.payload.size());
  }
};

class Counter final : public Handler {
 public:
  void handle(const Request&, Response& r) override {
    r.set_format(ContentFormat::text_plain);
    r.body().append_decimal(value);
    r.append("\n");
  }
  uint64_t value = 0;
};

// Defers every request and answers it 500 ms later.
class Slow final : public Handler {
 public:
  struct Due {
    Ticket ticket;
    uint64_t at;
  };
  void handle(const Request&, Response& r) override {
    const tc::Result<Ticket> t = r.defer();
    if (t.ok()) due.push_back({*t, now_ms() + 500});
  }
  std::vector<Due> due;
};

constexpr Capacities kCaps{.resources = 8,
                           .dedup = 16,
                           .outbox = 4,
                           .observers = 8,
                           .deferred = 4,
                           .transfers = 2,
                           .transfer_bytes = 64 * 1024,
                           .max_szx = 6};

struct App {
  Text hello{"world"};
  Text large{large_representation()};
  Upload upload;
  Counter counter;
  Slow slow;
  ResourceId counter_id = 0;

  bool install(Server& server) {
    static constexpr ContentFormat kAnyBody[] = {ContentFormat::text_plain,
                                                 ContentFormat::octet_stream};
    const tc::Result<ResourceId> ids[] = {
        server.add_resource({.path = "/hello", .handler = &hello, .rt = "greeting", .ct = 0}),
        server.add_resource(
            {.path = "/large", .handler = &large, .rt = "block", .ct = 0, .sz = 3000}),
        server.add_resource({.path = "/upload",
                             .allowed = methods::put | methods::post,
                             .handler = &upload,
                             .rt = "upload",
                             .accepts = kAnyBody}),
        server.add_resource({.path = "/counter",
                             .handler = &counter,
                             .rt = "counter",
                             .if_ = "core.s",
                             .ct = 0,
                             .observable = true}),
        server.add_resource({.path = "/slow", .handler = &slow, .rt = "separate"}),
    };
    for (const auto& id : ids) {
      if (!id.ok()) return false;
    }
    counter_id = *ids[3];
    return true;
  }

  // Work that comes due with time: the counter changes, deferred answers are ready.
  void tick(Server& server, uint64_t now, uint64_t& next_count) {
    if (now >= next_count) {
      ++counter.value;
      server.notify(counter_id, now);
      next_count = now + 200;
    }
    for (auto it = slow.due.begin(); it != slow.due.end();) {
      if (it->at > now) {
        ++it;
        continue;
      }
      static constexpr char kDone[] = "slow done";
      (void)server.respond(it->ticket, Code::content, ContentFormat::text_plain,
                           {reinterpret_cast<const uint8_t*>(kDone), sizeof kDone - 1}, now);
      it = slow.due.erase(it);
    }
  }
};

int run(uint16_t port) {
  std::string error;
  const auto socket = tc::native::UdpSocket::bind("127.0.0.1:" + std::to_string(port), error);
  if (!socket) {
    std::fprintf(stderr, "coap_server_udp: %s\n", error.c_str());
    return 1;
  }
  std::printf("%u\n", socket->port());
  std::fflush(stdout);
  static StaticServerMemory<kCaps> memory;  // ~170 KiB: not on the stack
  tc::native::SeededRandom random(std::random_device{}());
  Server server(memory.view(), *socket, random);
  App app;
  if (!app.install(server)) return 1;
  uint64_t last_traffic = now_ms();
  uint64_t next_count = now_ms() + 200;
  while (now_ms() - last_traffic < 60000) {
    pollfd p{socket->fd(), POLLIN, 0};
    if (poll(&p, 1, 20) > 0) {
      std::array<uint8_t, 2048> in{};
      Endpoint peer;
      while (const std::size_t got = socket->receive(in, peer)) {
        server.receive(peer, {in.data(), got}, now_ms());
        last_traffic = now_ms();
      }
    }
    app.tick(server, now_ms(), next_count);
    server.poll(now_ms());
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--large") == 0) {
    std::fputs(large_representation().c_str(), stdout);
    return 0;
  }
  return run(argc > 1 ? static_cast<uint16_t>(std::atoi(argv[1])) : 0);
}
