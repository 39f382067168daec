// Fuzzes the CoAP server layer: a sequence of datagrams from three fake peers, interleaved with
// clock advances, poll(), notify(), late answers to deferred requests and resource removal.
// Everything the server sends must be a well-formed CoAP message no larger than its datagram
// buffer; ASan/UBSan catch the rest.
//
// Input: records. op = byte; peer = op & 3 (3 folds to 0); action = (op >> 2) & 7:
//   0..3  a datagram: one length byte, then that many bytes; the clock advances (op >> 5) * 50 ms
//   4     poll after advancing the clock by next_byte * 100 ms
//   5     notify resource next_byte % 8
//   6     answer the oldest deferred request with next_byte * 7 bytes
//   7     remove and re-register resource next_byte % 8
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <vector>

#include "coap/server.hpp"

namespace {

using namespace tc::coap;

void check(bool condition) {
  if (!condition) std::abort();
}

constexpr Capacities kCaps{.resources = 8,
                           .dedup = 4,
                           .outbox = 2,
                           .observers = 3,
                           .deferred = 2,
                           .transfers = 1,
                           .transfer_bytes = 2048,
                           .max_szx = 4};
using Memory = StaticServerMemory<kCaps>;

class CheckingTransport final : public Transport {
 public:
  tc::Status send(const Endpoint&, std::span<const uint8_t> datagram) override {
    check(datagram.size() <= Memory::kDatagram);
    Message m;
    check(parse(datagram, m) == ParseReason::ok);
    ++sent;
    return fail_next ? tc::Status(tc::StatusCode::internal, "x") : tc::Status::Ok();
  }
  std::size_t sent = 0;
  bool fail_next = false;
};

class CountingRandom final : public Random {
 public:
  uint32_t next() override { return state = state * 1664525u + 1013904223u; }
  uint32_t state = 1;
};

class Body final : public Handler {
 public:
  explicit Body(std::size_t size) : size_(size) {}
  void handle(const Request& req, Response& r) override {
    check(req.path_depth <= 16);
    r.set_format(ContentFormat::octet_stream);
    for (std::size_t i = 0; i < size_ + req.payload.size() % 3; ++i) {
      const uint8_t byte = static_cast<uint8_t>(i);
      r.append(std::span<const uint8_t>(&byte, 1));
    }
    if (req.method() == Code::post) (void)r.add_uint_option(OptionNumber::max_age, 60);
  }

 private:
  std::size_t size_;
};

class Slow final : public Handler {
 public:
  void handle(const Request& req, Response& r) override {
    if (req.notification) return r.append("n");
    const tc::Result<Ticket> t = r.defer();
    if (t.ok()) tickets.push_back(*t);
  }
  std::deque<Ticket> tickets;
};

struct Fixture {
  Memory memory;
  CheckingTransport transport;
  CountingRandom random;
  Body hello{5};
  Body large{700};
  Body upload{2};
  Slow slow;
  Server server{memory.view(), transport, random};
  std::vector<Resource> resources;

  Fixture() {
    static constexpr ContentFormat kOctet[] = {ContentFormat::octet_stream};
    resources = {
        {.path = "/hello", .handler = &hello, .rt = "greeting", .ct = 42},
        {.path = "/large", .handler = &large, .sz = 700, .observable = true},
        {.path = "/upload",
         .allowed = methods::put | methods::post,
         .handler = &upload,
         .accepts = kOctet,
         .max_body = 1500},
        {.path = "/slow",
         .allowed = methods::get | methods::post,
         .handler = &slow,
         .observable = true},
        {.path = "/c/app", .prefix = true, .allowed = 0x7f, .handler = &large, .observable = true},
        {.path = "/", .prefix = true, .handler = &hello, .hidden = true},
    };
    for (const Resource& r : resources)
      check(server.add_resource(r).ok());
  }
};

Endpoint peer_of(uint8_t index) {
  const uint8_t address[4] = {10, 0, 0, static_cast<uint8_t>(index % 3)};
  return *Endpoint::from(address, static_cast<uint16_t>(5683 + index % 3));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  static Fixture* f = nullptr;
  delete f;  // a fresh server per input, so runs are reproducible
  f = new Fixture;
  uint64_t now = 1'000'000;
  std::size_t at = 0;
  const auto next = [&]() -> uint8_t { return at < size ? data[at++] : 0; };
  while (at < size) {
    const uint8_t op = next();
    const uint8_t action = (op >> 2) & 7;
    if (action < 4) {
      const std::size_t length = std::min<std::size_t>(next(), size - at);
      const std::vector<uint8_t> datagram(data + at, data + at + length);  // exact size for ASan
      at += length;
      now += (op >> 5) * 50u;
      f->transport.fail_next = (op & 0x10) != 0 && (op & 0x08) == 0 && length % 7 == 3;
      f->server.receive(peer_of(op & 3), datagram, now);
    } else if (action == 4) {
      now += next() * 100u;
      f->server.poll(now);
    } else if (action == 5) {
      (void)f->server.notify(static_cast<ResourceId>(next() % 8), now);
    } else if (action == 6) {
      const std::size_t length = next() * 7u;
      if (!f->slow.tickets.empty()) {
        const std::vector<uint8_t> payload(length, 0x5a);
        (void)f->server.respond(f->slow.tickets.front(), Code::content, ContentFormat::text_plain,
                                payload, now);
        f->slow.tickets.pop_front();
      }
    } else {
      const std::size_t index = next() % f->resources.size();
      const ResourceId id = static_cast<ResourceId>(index);
      if (f->server.remove_resource(id, now).ok())
        check(f->server.add_resource(f->resources[index]).ok());
    }
    check(f->server.in_flight() <= kCaps.outbox);
    check(f->server.deferred_pending() <= kCaps.deferred);
  }
  return 0;
}
