#include "coap/coap_gateway.hpp"

#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <random>

#include "coap/decimal.hpp"
#include "coap/libcoap_support.hpp"
#include "coap/outgoing_exchanges.hpp"
#include "coap/server_resources.hpp"

namespace tc::gw {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::seconds kSweepInterval{1};
constexpr int kEpollBatch = 64;

// A start for /rd/<n> that differs from run to run (CoapGatewayOptions::first_location).
uint64_t random_first_location() {
  std::random_device entropy;
  return 1 + uint64_t{entropy()};
}

struct AddrInfoDeleter {
  void operator()(addrinfo* list) const { freeaddrinfo(list); }
};

struct Resolved {
  std::optional<IpEndpoint> endpoint;
  std::string error;
};

// The listen option's host, resolved (a name such as localhost is allowed here, at start-up).
Resolved resolve_listen(const std::string& listen) {
  const HostPortParse parsed = parse_host_port(listen);
  if (!parsed.value)
    return {std::nullopt, "bad listen address \"" + listen + "\": " + parsed.error};
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(parsed.value->port);
  const int rc = getaddrinfo(parsed.value->host.c_str(), port.c_str(), &hints, &found);
  const std::unique_ptr<addrinfo, AddrInfoDeleter> list(found);
  if (rc != 0 || found == nullptr) {
    return {std::nullopt, "cannot resolve " + parsed.value->host + ": " + gai_strerror(rc)};
  }
  std::optional<IpEndpoint> endpoint = endpoint_from_sockaddr(found->ai_addr, found->ai_addrlen);
  if (!endpoint) return {std::nullopt, "cannot use the address of " + parsed.value->host};
  return {endpoint, {}};
}

// The port in libcoap's description of an endpoint: "127.0.0.1:5683 UDP", "[::1]:5683 UDP".
uint16_t port_of(const coap_endpoint_t* endpoint) {
  const std::string_view text = coap_endpoint_str(endpoint);
  const std::string_view address = text.substr(0, text.find(' '));
  const std::size_t colon = address.rfind(':');
  if (colon == std::string_view::npos) return 0;
  return static_cast<uint16_t>(parse_decimal(address.substr(colon + 1), 65535).value_or(0));
}

bool is_wildcard(const IpEndpoint& endpoint) {
  return endpoint.host == "0.0.0.0" || endpoint.host == "::";
}

// The local address of the route to `device` (a connected UDP socket sends nothing).
std::optional<IpEndpoint> local_address_towards(const IpEndpoint& device) {
  const SocketAddress remote = to_sockaddr(device);
  if (remote.length == 0) return std::nullopt;
  const int fd = ::socket(remote.storage.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::nullopt;
  std::optional<IpEndpoint> local;
  sockaddr_storage storage{};
  socklen_t length = sizeof storage;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&remote.storage), remote.length) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length) == 0) {
    local = endpoint_from_sockaddr(reinterpret_cast<const sockaddr*>(&storage), length);
  }
  ::close(fd);
  return local;
}

// RFC 3986 unreserved characters pass, everything else is percent-encoded.
std::string encode_segment(std::string_view segment) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : segment) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '-' || c == '.' || c == '_' || c == '~';
    if (plain) {
      out += c;
    } else {
      const auto byte = static_cast<uint8_t>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

// libcoap binds with SO_REUSEADDR, which lets a second UDP socket share a port that is in use;
// a plain bind first tells a busy port apart.
std::string check_port_free(const IpEndpoint& listen) {
  if (listen.port == 0) return {};
  const SocketAddress address = to_sockaddr(listen);
  const int fd = ::socket(address.storage.ss_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return std::strerror(errno);
  std::string error;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address.storage), address.length) != 0) {
    error = std::strerror(errno);
  }
  ::close(fd);
  return error;
}

int milliseconds_until(Clock::time_point then, Clock::time_point now) {
  if (then <= now) return 0;
  const auto wait = std::chrono::ceil<std::chrono::milliseconds>(then - now);
  return static_cast<int>(std::min<int64_t>(wait.count(), 60000));
}

}  // namespace

struct CoapGateway::Loop {
  Loop(ContextHandle owned, GuardedDirectory& directory, Listener& listener,
       const BlobSource& blobs, const Options& options, const Log& log)
      : context(std::move(owned)),
        server(directory, listener, blobs, LinkFormatLimits{.max_bytes = options.max_links_bytes},
               log),
        client(context.get(), listener,
               ExchangeLimits{.max_in_flight = options.max_in_flight,
                              .max_in_flight_per_device = options.max_in_flight_per_device,
                              .observe_answer = options.observe_timeout,
                              .max_body = options.max_reply_bytes},
               SessionSettings{.nstart = options.nstart, .idle_close = options.session_idle}, log) {
  }

  static Loop& of(const coap_session_t* session) {
    return *static_cast<Loop*>(coap_get_app_data(coap_session_get_context(session)));
  }

  static coap_response_t on_response(coap_session_t* session, const coap_pdu_t* /*sent*/,
                                     const coap_pdu_t* received, const coap_mid_t /*mid*/) {
    return of(session).client.on_response(session, received, Clock::now());
  }

  static void on_nack(coap_session_t* session, const coap_pdu_t* sent,
                      const coap_nack_reason_t reason, const coap_mid_t /*mid*/) {
    of(session).client.on_nack(session, sent, reason, Clock::now());
  }

  void dispatch(CoapWork& command, Clock::time_point now) {
    if (auto* send = std::get_if<SendCommand>(&command)) {
      client.send(send->to, std::move(send->request), std::move(send->done), now);
    } else if (auto* observe = std::get_if<ObserveCommand>(&command)) {
      client.observe(observe->endpoint, observe->at, observe->from, now);
    } else {
      client.cancel(std::get<CancelCommand>(command).endpoint, now);
    }
  }

  // Waits for the first of: a datagram, a command (`wake_fd`), libcoap's next retransmission, the
  // earliest request deadline, the next sweep; then lets libcoap read what arrived.
  void wait_and_serve(int wake_fd, Clock::time_point next_sweep) {
    coap_context_t* ctx = context.get();
    const int coap_fd = coap_context_get_coap_fd(ctx);
    coap_tick_t ticks = 0;
    coap_ticks(&ticks);
    const unsigned libcoap_wait = coap_io_prepare_epoll(ctx, ticks);  // 0: nothing scheduled
    const Clock::time_point now = Clock::now();
    int wait = milliseconds_until(next_sweep, now);
    if (libcoap_wait > 0) wait = std::min(wait, static_cast<int>(libcoap_wait));
    if (const auto deadline = client.next_deadline()) {
      wait = std::min(wait, milliseconds_until(*deadline, now));
    }
    std::array<pollfd, 2> fds{{{coap_fd, POLLIN, 0}, {wake_fd, POLLIN, 0}}};
    if (::poll(fds.data(), fds.size(), wait) <= 0 || (fds[0].revents & POLLIN) == 0) return;
    std::array<epoll_event, kEpollBatch> events{};
    const int ready = epoll_wait(coap_fd, events.data(), kEpollBatch, 0);
    if (ready > 0) coap_io_do_epoll(ctx, events.data(), static_cast<size_t>(ready));
  }

  // Declared in this order so that the exchanges (which hold sessions) go before the context.
  ContextHandle context;
  ServerResources server;
  OutgoingExchanges client;
};

CoapGateway::CoapGateway(Options options, Listener& listener, const BlobSource& blobs)
    : options_(std::move(options)),
      log_(options_.log_level),
      listener_(listener, log_),
      blobs_(blobs),
      directory_(
          RdLimits{.min_lifetime = options_.min_lifetime,
                   .max_lifetime = options_.max_lifetime,
                   .max_registrations = options_.max_registrations,
                   .first_location = options_.first_location.value_or(random_first_location())}) {}

CoapGateway::~CoapGateway() {
  stop();
}

std::string CoapGateway::start() {
  if (thread_.joinable()) return "already started";
  if (queue_.fd() < 0) return std::string("cannot create an eventfd: ") + std::strerror(errno);
  if (options_.min_lifetime < std::chrono::seconds(1) ||
      options_.max_lifetime < options_.min_lifetime) {
    return "bad lifetime bounds: need 1 s <= min_lifetime <= max_lifetime";
  }
  const Resolved listen = resolve_listen(options_.listen);
  if (!listen.endpoint) return listen.error;
  if (const std::string busy = check_port_free(*listen.endpoint); !busy.empty()) {
    return "cannot listen on " + format_host_port(*listen.endpoint) + ": " + busy;
  }
  start_libcoap();
  // libcoap's own log is process-wide: on only when this gateway logs everything.
  if (options_.log_level == LogLevel::debug) coap_set_log_level(LOG_DEBUG);
  ContextHandle context(coap_new_context(nullptr));
  if (!context) return "cannot create a CoAP context";
  if (coap_context_get_coap_fd(context.get()) < 0) {
    return "this libcoap has no epoll support, which the gateway's CoAP thread needs";
  }
  coap_context_set_block_mode(context.get(), COAP_BLOCK_USE_LIBCOAP | COAP_BLOCK_SINGLE_BODY);
  const coap_address_t address = to_coap_address(*listen.endpoint);
  errno = 0;
  coap_endpoint_t* endpoint = coap_new_endpoint(context.get(), &address, COAP_PROTO_UDP);
  if (endpoint == nullptr) {
    const int error = errno;
    return "cannot listen on " + format_host_port(*listen.endpoint) +
           (error != 0 ? std::string(": ") + std::strerror(error) : std::string());
  }
  bound_ = *listen.endpoint;
  bound_.port = port_of(endpoint);
  port_ = bound_.port;

  loop_ = std::make_unique<Loop>(std::move(context), directory_, listener_, blobs_, options_, log_);
  coap_context_t* ctx = loop_->context.get();
  coap_set_app_data(ctx, loop_.get());
  coap_register_response_handler(ctx, &Loop::on_response);
  coap_register_nack_handler(ctx, &Loop::on_nack);
  loop_->server.install(ctx);
  if (log_.on(LogLevel::info)) {
    log_.write(LogLevel::info, "listening on " + format_host_port(bound_));
  }
  stopping_ = false;
  queue_.open();
  thread_ = std::thread([this] { run(); });
  return {};
}

void CoapGateway::stop() {
  if (!thread_.joinable()) return;
  stopping_ = true;
  queue_.wake();
  thread_.join();
  loop_.reset();
}

void CoapGateway::run() {
  Loop& loop = *loop_;
  Clock::time_point next_sweep = Clock::now() + kSweepInterval;
  while (!stopping_) {
    const Clock::time_point now = Clock::now();
    for (CoapWork& command : queue_.take_all())
      loop.dispatch(command, now);
    loop.client.expire(now);
    if (now >= next_sweep) {
      loop.server.expire_registrations(now);
      loop.client.collect(now);
      next_sweep = now + kSweepInterval;
    }
    loop.wait_and_serve(queue_.fd(), next_sweep);
  }
  for (CoapWork& command : queue_.close()) {
    if (auto* send = std::get_if<SendCommand>(&command)) {
      loop.client.refuse(send->done, "shutting down");
    }
  }
  loop.client.shutdown(Clock::now());
}

void CoapGateway::send(const DeviceAddress& to, CoapRequest request, Completion done) {
  CoapWork command = SendCommand{to, std::move(request), std::move(done)};
  if (queue_.push(command)) return;
  Completion& refused = std::get<SendCommand>(command).done;
  if (refused) refused({CoapFailure::local, "the gateway's CoAP side is not running", {}});
}

void CoapGateway::observe_events(const std::string& endpoint, const DeviceAddress& at,
                                 uint64_t from) {
  CoapWork command = ObserveCommand{endpoint, at, from};
  if (queue_.push(command)) return;
  listener_.on_events_ended(endpoint, "the gateway's CoAP side is not running");
}

void CoapGateway::cancel_events(const std::string& endpoint) {
  CoapWork command = CancelCommand{endpoint};
  (void)queue_.push(command);  // when not running there is no observation to cancel
}

std::string CoapGateway::blob_uri(const DeviceAddress& device, std::string_view key) const {
  IpEndpoint gateway = bound_;
  if (is_wildcard(gateway)) {
    const IpEndpointParse target = parse_coap_uri(device);
    std::optional<IpEndpoint> local;
    if (target.endpoint) local = local_address_towards(*target.endpoint);
    gateway.host = local ? local->host : (gateway.ipv6 ? "::1" : "127.0.0.1");
    gateway.ipv6 = local ? local->ipv6 : gateway.ipv6;
  }
  return format_coap_uri(gateway) + "/b/" + encode_segment(key);
}

std::vector<Registration> CoapGateway::registrations() const {
  const std::lock_guard lock(directory_.mutex);
  return directory_.table.registrations();
}

}  // namespace tc::gw
