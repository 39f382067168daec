// Fuzzes what the device's gateway clients read from outside: a coap:// URI (a manifest's remote
// target, an install reference, --gateway), the install-by-reference body, and the datagrams the
// registrar and the uplink take as answers. The input is split into datagrams (2-byte length
// prefixes); when the first byte says so, each datagram gets the message id and token of the
// request in flight, so that the fuzzer reaches the answer handling rather than only the
// "not ours" path. Invariants: no crash, a kept location is absolute and bounded, the uplink's
// queue never exceeds its capacity.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>
#include <string_view>

#include "coap/resource.hpp"
#include "mgmt/payloads.hpp"
#include "rd/coap_uri.hpp"
#include "rd/registrar.hpp"
#include "rd/uplink.hpp"

namespace {

using namespace tc;

void check(bool condition) {
  if (!condition) std::abort();
}

class LastSent final : public coap::Transport {
 public:
  Status send(const coap::Endpoint&, std::span<const uint8_t> datagram) override {
    size = datagram.size() < bytes.size() ? datagram.size() : bytes.size();
    for (std::size_t i = 0; i < size; ++i)
      bytes[i] = datagram[i];
    return Status::Ok();
  }
  std::array<uint8_t, 1500> bytes{};
  std::size_t size = 0;
};

class Counter final : public coap::Random {
 public:
  uint32_t next() override { return value += 0x9e3779b9u; }
  uint32_t value = 0;
};

struct NullHandler final : coap::Handler {
  void handle(const coap::Request&, coap::Response&) override {}
};

// Gives `datagram` the message id and token of the last request sent, when it has room.
void aim(std::span<uint8_t> datagram, const LastSent& sent) {
  coap::Message request;
  if (coap::parse({sent.bytes.data(), sent.size}, request) != coap::ParseReason::ok) return;
  if (datagram.size() < 4) return;
  datagram[2] = static_cast<uint8_t>(request.message_id >> 8);
  datagram[3] = static_cast<uint8_t>(request.message_id);
  const std::size_t tkl = datagram[0] & 0x0f;
  if (tkl != request.token.size() || datagram.size() < 4 + tkl) return;
  for (std::size_t i = 0; i < tkl; ++i)
    datagram[4 + i] = request.token.bytes()[i];
}

template <typename Each>
void for_each_datagram(std::span<const uint8_t> input, Each each) {
  std::array<uint8_t, 1500> buffer{};
  while (input.size() >= 2) {
    std::size_t n = (std::size_t{input[0]} << 8 | input[1]) % buffer.size();
    input = input.subspan(2);
    if (n > input.size()) n = input.size();
    for (std::size_t i = 0; i < n; ++i)
      buffer[i] = input[i];
    input = input.subspan(n);
    each(std::span<uint8_t>(buffer.data(), n));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::span<const uint8_t> input(data, size);
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  rd::CoapUri uri;
  if (rd::parse_coap_uri(text, uri).ok()) {
    check(uri.path.empty() || uri.path.front() == '/');
    check(uri.port != 0);
    std::array<uint8_t, 1024> storage{};
    coap::MessageBuilder b(coap::Type::confirmable, coap::Code::get, 1, storage);
    (void)rd::add_request_options(b, uri);
  }
  std::string_view reference;
  if (mgmt::parse_reference(input, reference) == nullptr) check(mgmt::is_reference_body(input));
  if (size == 0) return 0;
  const bool aimed = (data[0] & 1) != 0;

  const coap::Endpoint peer = *coap::Endpoint::from(std::array<uint8_t, 4>{192, 0, 2, 1}, 5683);
  LastSent sent;
  Counter random;
  NullHandler handler;
  const coap::Resource links[] = {{.path = "/dev", .handler = &handler, .rt = "tc.dev"}};
  rd::RegistrarConfig config;
  config.directory = peer;
  config.endpoint = "fuzz";
  config.lifetime_s = 2;
  config.links = links;
  std::array<uint8_t, rd::kMaxRegistrationDatagram> datagram{};
  config.datagram = datagram;
  rd::Registrar registrar(sent, random, config);
  check(registrar.start(0).ok());
  rd::UplinkConfig uplink_config;
  uplink_config.gateway = peer;
  rd::CoapUplink uplink(sent, random, uplink_config);

  uint64_t now = 0;
  for_each_datagram(input.subspan(1), [&](std::span<uint8_t> datagram) {
    if (aimed) aim(datagram, sent);
    (void)registrar.on_datagram(peer, datagram, now);
    const std::string_view location = registrar.location();
    check(location.size() < rd::kMaxLocation);
    if (registrar.state() == rd::RegistrationState::registered) check(location.starts_with('/'));
    const uint8_t payload[] = {0xa0};
    (void)uplink.post("coap://gateway/fuzz", "fuzz", payload);
    uplink.poll(now);
    if (aimed) aim(datagram, sent);
    (void)uplink.on_datagram(peer, datagram, now);
    check(uplink.pending() <= rd::kUplinkQueue);
    now += 700;
    registrar.poll(now);
    uplink.poll(now);
  });
  return 0;
}
