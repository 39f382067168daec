// The device's registration with its gateway's resource directory (RFC 9176 5.3, the
// registration interface): portable, no heap, driven by the caller's clock like the CoAP server.
//
//   register   CON POST /rd?ep=ID&lt=LT&base=coap://IP:PORT   Content-Format 40, payload: the
//              device's link format (what /.well-known/core serves, written by the same code)
//              2.01 Created with Location-Path (e.g. rd/4) -> registered; the location is kept
//   refresh    CON POST <location> (empty) at 3/4 of the lifetime, or on demand
//              2.04 Changed -> still registered
//              4.04 Not Found (the directory forgot us: it restarted) -> register again at once
//   unregister CON DELETE <location> on stop(), best effort
//
// Anything else (no answer after the retransmissions, a Reset, an error code, a 2.01 without
// Location-Path, a response with an unknown critical option) is a failure: the registrar backs
// off (Backoff: 1 s .. 60 s with jitter by default) and then registers again, so a gateway that
// comes back finds its devices within a minute. A refresh that fails the same way registers
// again after the back-off too (the directory replaces a registration with the same ep).
//
//   Registrar registrar(socket, random, config);
//   registrar.start(now);
//   loop: registrar.on_datagram(peer, bytes, now) for each datagram of its socket;
//         registrar.poll(now); sleep until registrar.next_deadline()
//   shutdown: registrar.stop(now); poll until state() == unregistered or a deadline
//
// The registrar owns its transport (a socket of its own, connected to the directory): a
// confirmable message that is not its own is answered with Reset, anything else not its own is
// dropped. On a device with one link (a serial line) it shares the CoAP server's transport
// instead (RegistrarConfig::shares_transport): the caller offers each datagram to the registrar
// first and gives the server what it declines, and the registrar resets nothing. Single-threaded;
// the config's strings and links must outlive the registrar.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "coap/builder.hpp"
#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/resource.hpp"
#include "coap/transport.hpp"
#include "rd/backoff.hpp"
#include "rd/exchange.hpp"

namespace tc::rd {

// A registration datagram is at most this large (RFC 7252 4.6: 1152 bytes fit any path MTU of
// an IPv6 link); the link format must fit beside the header and options. The caller gives the
// buffer (RegistrarConfig::datagram): a device with a short list of resources and little RAM a
// smaller one.
inline constexpr std::size_t kMaxRegistrationDatagram = 1152;
// The longest location (Location-Path segments joined, with a leading '/') kept.
inline constexpr std::size_t kMaxLocation = 64;

enum class RegistrationState : uint8_t {
  unregistered,   // not started, stopped, or the DELETE ended
  registering,    // a registration is in flight
  registered,     // the directory holds us (a refresh may be in flight)
  backing_off,    // the last attempt failed; the next registration waits for the back-off
  unregistering,  // the DELETE is in flight
};

[[nodiscard]] const char* describe(RegistrationState state);

struct RegistrarConfig {
  coap::Endpoint directory{};     // where the resource directory listens
  std::string_view path = "/rd";  // its registration resource (RFC 9176: found as rt=core.rd)
  std::string_view endpoint;      // ep: the device id (RFC 9176: at most 63 bytes)
  uint32_t lifetime_s = 60;       // lt
  std::string_view base;          // base ("coap://192.0.2.7:5683"); empty: left out, the
                                  // directory takes the request's source address
  std::span<const coap::Resource> links{};  // the resources /.well-known/core lists
  ExchangeTiming timing{};
  BackoffConfig backoff{};
  bool shares_transport = false;  // what is not the registrar's belongs to the CoAP server
  // Where each request is built and kept for retransmission (kMaxRegistrationDatagram bytes
  // fit any registration); start() refuses a registration that does not fit it.
  std::span<uint8_t> datagram{};
};

// Why the last attempt failed, for the port's log.
struct RegistrationFailure {
  const char* what = "";  // "no answer", "reset", "error answer", ...
  uint8_t code = 0;       // the response code when the directory answered one (else 0.00)
};

struct RegistrarStats {
  uint32_t registrations = 0;  // 2.01 taken
  uint32_t refreshes = 0;      // 2.04 taken
  uint32_t failures = 0;       // attempts that ended in a failure (each backs off)
  uint32_t retransmissions = 0;
};

class Registrar {
 public:
  Registrar(coap::Transport& transport, coap::Random& random, const RegistrarConfig& config);
  Registrar(const Registrar&) = delete;
  Registrar& operator=(const Registrar&) = delete;

  // Sends the first registration. invalid_argument when the registration cannot be built (an
  // endpoint name longer than 63 bytes, a link format larger than the datagram); nothing is
  // sent then.
  [[nodiscard]] Status start(uint64_t now_ms);
  // Refreshes now when registered (and idle), registers now when backing off; otherwise nothing.
  void refresh(uint64_t now_ms);
  // Unregisters (DELETE) when registered; otherwise just stops. No retry: the directory forgets
  // a registration that is never refreshed anyway, after its lifetime.
  void stop(uint64_t now_ms);

  // One datagram from the registrar's socket. True when it was the answer to our request (or
  // part of the exchange); false otherwise (ignored, or Reset when confirmable).
  bool on_datagram(const coap::Endpoint& from, std::span<const uint8_t> datagram, uint64_t now_ms);
  // Retransmissions, refresh and back-off timers.
  void poll(uint64_t now_ms);
  [[nodiscard]] std::optional<uint64_t> next_deadline() const;

  [[nodiscard]] RegistrationState state() const { return state_; }
  // The registration resource ("/rd/4") while registered or unregistering; "" otherwise.
  [[nodiscard]] std::string_view location() const;
  [[nodiscard]] const RegistrationFailure& last_failure() const { return failure_; }
  [[nodiscard]] RegistrarStats stats() const;

 private:
  enum class Request : uint8_t { none, registration, refresh, removal };

  Status send_registration(uint64_t now_ms);
  Status send_to_location(Request kind, uint64_t now_ms);
  // Serializes `builder` into config_.datagram (with the link format as payload when `links`) and
  // starts the exchange.
  Status send(Request kind, coap::MessageBuilder& builder, bool links, uint64_t now_ms);
  [[nodiscard]] coap::MessageBuilder request(coap::Code code, std::span<uint8_t> storage);
  void on_answer(Answer answer, const coap::Message& m, uint64_t now_ms);
  void registered(const coap::Message& m, uint64_t now_ms);
  void refreshed(uint64_t now_ms);
  void fail(const char* what, uint8_t code, uint64_t now_ms);
  [[nodiscard]] bool keep_location(const coap::Message& m);
  void send_reset(const coap::Endpoint& to, uint16_t message_id);

  coap::Transport& transport_;
  coap::Random& random_;
  RegistrarConfig config_;
  Exchange exchange_;
  Backoff backoff_;
  RegistrationState state_ = RegistrationState::unregistered;
  Request request_ = Request::none;
  uint64_t timer_ms_ = 0;  // registered: the next refresh; backing_off: the next registration
  uint16_t next_message_id_ = 0;
  std::array<char, kMaxLocation> location_{};
  std::size_t location_size_ = 0;
  RegistrationFailure failure_;
  RegistrarStats stats_;
};

}  // namespace tc::rd
