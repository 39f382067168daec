#include "gateway_client.hpp"

#include <poll.h>

#include <array>
#include <cstdio>

#include "coap_fetcher.hpp"

namespace tc::native {
namespace {

std::string address_text(const coap::Endpoint& e) {
  char text[24];
  std::snprintf(text, sizeof text, "%u.%u.%u.%u:%u", unsigned{e.address[0]}, unsigned{e.address[1]},
                unsigned{e.address[2]}, unsigned{e.address[3]}, unsigned{e.port});
  return text;
}

std::string failure_text(const rd::RegistrationFailure& f) {
  std::string text = f.what;
  if (f.code != 0) {
    const auto code = static_cast<coap::Code>(f.code);
    char digits[16];
    std::snprintf(digits, sizeof digits, " (%u.%02u)", unsigned{coap::code_class(code)},
                  unsigned{coap::code_detail(code)});
    text += digits;
  }
  return text;
}

}  // namespace

std::optional<coap::Endpoint> parse_gateway_uri(const std::string& uri, std::string& error) {
  FetchUri parsed;
  if (const Status st = parse_fetch_uri(uri, parsed); !st.ok()) {
    error = st.message();
    return std::nullopt;
  }
  if ((!parsed.path.empty() && parsed.path != "/") || !parsed.query.empty()) {
    error = "give the gateway as coap://HOST:PORT (the device registers at its /rd)";
    return std::nullopt;
  }
  return parsed.peer;
}

std::unique_ptr<GatewayClient> GatewayClient::open(const GatewayClientOptions& options,
                                                   const agent::Clock& clock, coap::Random& random,
                                                   std::span<const coap::Resource> links,
                                                   std::string& error) {
  coap::Endpoint local = options.listen;
  local.port = 0;
  std::unique_ptr<UdpSocket> socket = UdpSocket::connect(local, options.gateway, error);
  if (!socket) {
    error = "cannot reach the gateway " + address_text(options.gateway) + ": " + error;
    return nullptr;
  }
  return std::unique_ptr<GatewayClient>(  // NOLINT: private constructor
      new GatewayClient(options, std::move(socket), clock, random, links));
}

GatewayClient::GatewayClient(const GatewayClientOptions& options, std::unique_ptr<UdpSocket> socket,
                             const agent::Clock& clock, coap::Random& random,
                             std::span<const coap::Resource> links)
    : options_(options),
      socket_(std::move(socket)),
      clock_(clock),
      base_([&] {
        coap::Endpoint own = socket_->local();
        own.port = options.listen.port;
        return "coap://" + address_text(own);
      }()),
      gateway_text_("coap://" + address_text(options.gateway)),
      registrar_(*socket_, random, [&] {
        rd::RegistrarConfig c;
        c.directory = options.gateway;
        c.endpoint = options_.endpoint;
        c.lifetime_s = options.lifetime_s;
        c.base = base_;
        c.links = links;
        c.datagram = datagram_;
        return c;
      }()) {}

Status GatewayClient::start() {
  if (options_.verbose) {
    std::fprintf(stderr, "tc-device: gateway %s: registering as %s, base %s, lifetime %u s\n",
                 gateway_text_.c_str(), options_.endpoint.c_str(), base_.c_str(),
                 options_.lifetime_s);
  }
  const Status st = registrar_.start(clock_.now_ms());
  logged_state_ = registrar_.state();  // "registering": the line above said so
  return st;
}

void GatewayClient::receive() {
  std::array<uint8_t, 1500> datagram{};
  coap::Endpoint peer;
  while (const std::size_t got = socket_->receive(datagram, peer))
    (void)registrar_.on_datagram(peer, {datagram.data(), got}, clock_.now_ms());
  log_changes();
}

void GatewayClient::poll() {
  registrar_.poll(clock_.now_ms());
  log_changes();
}

void GatewayClient::unregister(uint32_t wait_ms) {
  const uint64_t until = clock_.now_ms() + wait_ms;
  registrar_.stop(clock_.now_ms());
  log_changes();
  while (registrar_.state() == rd::RegistrationState::unregistering) {
    const uint64_t now = clock_.now_ms();
    if (now >= until) break;
    const uint64_t next = std::min(until, registrar_.next_deadline().value_or(until));
    pollfd p{socket_->fd(), POLLIN, 0};
    (void)::poll(&p, 1, static_cast<int>(next > now ? next - now : 0));
    receive();
    poll();
  }
}

void GatewayClient::log_changes() {
  const rd::RegistrationState state = registrar_.state();
  if (state == logged_state_) return;
  const rd::RegistrationState before = logged_state_;
  logged_state_ = state;
  using rd::RegistrationState;
  // A failure shows as a move to backing_off, or as a registered device registering again (the
  // gateway forgot it).
  const bool failed =
      state == RegistrationState::backing_off ||
      (before == RegistrationState::registered && state == RegistrationState::registering);
  if (failed && (options_.verbose || !failure_logged_)) {
    failure_logged_ = true;
    std::fprintf(stderr, "tc-device: gateway %s: %s%s\n", gateway_text_.c_str(),
                 failure_text(registrar_.last_failure()).c_str(),
                 state == RegistrationState::backing_off ? ": retrying with back-off"
                                                         : ": registering again");
    return;
  }
  if (state == RegistrationState::registered) {
    if (failure_logged_ && !options_.verbose) {
      std::fprintf(stderr, "tc-device: gateway %s: registered again\n", gateway_text_.c_str());
    }
    failure_logged_ = false;
  }
  if (!options_.verbose) return;
  if (state == RegistrationState::registered) {
    std::fprintf(stderr, "tc-device: gateway %s: registered at %.*s\n", gateway_text_.c_str(),
                 static_cast<int>(registrar_.location().size()), registrar_.location().data());
  } else {
    std::fprintf(stderr, "tc-device: gateway %s: %s\n", gateway_text_.c_str(), rd::describe(state));
  }
}

}  // namespace tc::native
