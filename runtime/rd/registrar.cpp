#include "rd/registrar.hpp"

#include <algorithm>

#include "coap/accessors.hpp"
#include "coap/discovery.hpp"
#include "coap/payload_writer.hpp"
#include "core/text.hpp"

namespace tc::rd {
namespace {

// RFC 9176 4.3: an endpoint name is at most 63 bytes.
constexpr std::size_t kMaxEndpointName = 63;
// Room for the options of any request the registrar sends: Uri-Path, the three queries (ep, lt,
// base) and Content-Format.
constexpr std::size_t kOptionStorage = 256;
constexpr std::size_t kMaxQuery = 96;
constexpr std::size_t kTokenBytes = 4;

std::string_view text_of(const TextBuilder& tb) {
  return {tb.c_str(), tb.size()};
}

}  // namespace

const char* describe(RegistrationState state) {
  switch (state) {
    case RegistrationState::unregistered:
      return "unregistered";
    case RegistrationState::registering:
      return "registering";
    case RegistrationState::registered:
      return "registered";
    case RegistrationState::backing_off:
      return "backing off";
    case RegistrationState::unregistering:
      return "unregistering";
  }
  return "?";
}

Registrar::Registrar(coap::Transport& transport, coap::Random& random,
                     const RegistrarConfig& config)
    : transport_(transport),
      random_(random),
      config_(config),
      exchange_(transport, random),
      backoff_(config.backoff),
      // RFC 7252 4.4: a random first message id, so that a restarted device is not taken for a
      // duplicate of its previous life.
      next_message_id_(static_cast<uint16_t>(random.next())) {}

std::string_view Registrar::location() const {
  const bool held =
      state_ == RegistrationState::registered || state_ == RegistrationState::unregistering;
  return held ? std::string_view(location_.data(), location_size_) : std::string_view{};
}

RegistrarStats Registrar::stats() const {
  RegistrarStats s = stats_;
  s.retransmissions = exchange_.retransmissions();
  return s;
}

Status Registrar::start(uint64_t now_ms) {
  if (config_.endpoint.empty() || config_.endpoint.size() > kMaxEndpointName)
    return {StatusCode::invalid_argument, "the endpoint name must have 1 to 63 bytes"};
  if (config_.lifetime_s == 0) return {StatusCode::invalid_argument, "the lifetime must be >= 1 s"};
  exchange_.cancel();
  backoff_.reset();
  return send_registration(now_ms);
}

coap::MessageBuilder Registrar::request(coap::Code code, std::span<uint8_t> storage) {
  coap::MessageBuilder b(coap::Type::confirmable, code, next_message_id_++, storage);
  std::array<uint8_t, kTokenBytes> token{};
  const uint32_t r = random_.next();
  for (std::size_t i = 0; i < token.size(); ++i)
    token[i] = static_cast<uint8_t>(r >> (8 * i));
  b.token(token);
  return b;
}

Status Registrar::send(Request kind, coap::MessageBuilder& builder, bool links, uint64_t now_ms) {
  if (config_.datagram.empty())
    return {StatusCode::invalid_argument, "no datagram buffer (RegistrarConfig::datagram)"};
  const Result<std::size_t> header = builder.serialize(config_.datagram);
  if (!header.ok())
    return {StatusCode::invalid_argument, "the registration does not fit a datagram"};
  std::size_t length = *header;
  if (links) {
    if (length + 1 >= config_.datagram.size())
      return {StatusCode::invalid_argument, "no room for the link format in the datagram"};
    // The link format goes straight behind the payload marker: no second buffer of its size.
    coap::PayloadWriter payload(config_.datagram.subspan(length + 1), 0);
    (void)coap::write_discovery(config_.links, {}, payload);
    if (payload.total() > payload.window_size()) {
      return {StatusCode::invalid_argument,
              "the link format is larger than a registration datagram"};
    }
    if (payload.total() != 0) {
      config_.datagram[length] = coap::kPayloadMarker;
      length += 1 + payload.total();
    }
  }
  exchange_.start(config_.directory, {config_.datagram.data(), length},
                  builder.message().message_id, builder.message().token, config_.timing, now_ms);
  request_ = kind;
  return Status::Ok();
}

Status Registrar::send_registration(uint64_t now_ms) {
  std::array<uint8_t, kOptionStorage> storage{};
  coap::MessageBuilder b = request(coap::Code::post, storage);
  b.path(config_.path).content_format(coap::ContentFormat::link_format);
  std::array<char, kMaxQuery> query{};
  TextBuilder ep(query);
  ep.append("ep=");
  for (const char c : config_.endpoint)
    ep.append_char(c);
  // One option each, not query(): an '&' in a value must not split it.
  b.option(coap::OptionNumber::uri_query, text_of(ep));
  TextBuilder lt(query);
  lt.append("lt=").append(uint64_t{config_.lifetime_s});
  b.option(coap::OptionNumber::uri_query, text_of(lt));
  if (!config_.base.empty()) {
    TextBuilder base(query);
    base.append("base=");
    for (const char c : config_.base)
      base.append_char(c);
    if (base.truncated()) return {StatusCode::invalid_argument, "the base URI is too long"};
    b.option(coap::OptionNumber::uri_query, text_of(base));
  }
  state_ = RegistrationState::registering;
  const Status st = send(Request::registration, b, true, now_ms);
  if (!st.ok()) state_ = RegistrationState::unregistered;
  return st;
}

Status Registrar::send_to_location(Request kind, uint64_t now_ms) {
  std::array<uint8_t, kOptionStorage> storage{};
  coap::MessageBuilder b =
      request(kind == Request::removal ? coap::Code::del : coap::Code::post, storage);
  b.path({location_.data(), location_size_});
  return send(kind, b, false, now_ms);
}

void Registrar::refresh(uint64_t now_ms) {
  if (state_ == RegistrationState::registered && !exchange_.active()) {
    (void)send_to_location(Request::refresh, now_ms);
  } else if (state_ == RegistrationState::backing_off) {
    if (!send_registration(now_ms).ok()) fail("cannot build the registration", 0, now_ms);
  }
}

void Registrar::stop(uint64_t now_ms) {
  exchange_.cancel();
  request_ = Request::none;
  if (state_ == RegistrationState::registered && send_to_location(Request::removal, now_ms).ok()) {
    state_ = RegistrationState::unregistering;
    return;
  }
  if (state_ != RegistrationState::unregistering) state_ = RegistrationState::unregistered;
}

void Registrar::send_reset(const coap::Endpoint& to, uint16_t message_id) {
  coap::Message m;
  m.type = coap::Type::reset;
  m.message_id = message_id;
  std::array<uint8_t, coap::kHeaderSize> bytes{};
  const Result<std::size_t> n = coap::serialize(m, bytes);
  if (n.ok()) (void)transport_.send(to, {bytes.data(), *n});
}

bool Registrar::on_datagram(const coap::Endpoint& from, std::span<const uint8_t> datagram,
                            uint64_t now_ms) {
  coap::Message m;
  const coap::ParseReason reason = coap::parse(datagram, m);
  if (reason != coap::ParseReason::ok) {
    // RFC 7252 4.2, 4.3: a CON we cannot parse is rejected; anything else is dropped.
    if (coap::is_format_error(reason) && m.type == coap::Type::confirmable &&
        !config_.shares_transport) {
      send_reset(from, m.message_id);
    }
    return false;
  }
  const Answer answer = exchange_.offer(from, m);
  if (answer == Answer::not_ours) {
    if (m.type == coap::Type::confirmable && !config_.shares_transport) {
      send_reset(from, m.message_id);
    }
    return false;
  }
  if (answer == Answer::response || answer == Answer::reset) on_answer(answer, m, now_ms);
  return true;
}

void Registrar::on_answer(Answer answer, const coap::Message& m, uint64_t now_ms) {
  const Request kind = request_;
  request_ = Request::none;
  if (kind == Request::removal) {
    state_ = RegistrationState::unregistered;
    return;
  }
  if (answer == Answer::reset) return fail("the directory reset the request", 0, now_ms);
  const auto code = static_cast<uint8_t>(m.code);
  // RFC 7252 5.4.1: a response with a critical option we do not understand is not taken.
  if (coap::first_bad_critical_option(m) != nullptr)
    return fail("the answer has an unknown critical option", code, now_ms);
  if (kind == Request::registration) {
    if (m.code != coap::Code::created)
      return fail("the directory refused the registration", code, now_ms);
    if (!keep_location(m)) return fail("2.01 without a usable Location-Path", code, now_ms);
    ++stats_.registrations;
    return refreshed(now_ms);
  }
  if (m.code == coap::Code::changed) {
    ++stats_.refreshes;
    return refreshed(now_ms);
  }
  if (m.code == coap::Code::not_found) {
    // RFC 9176 5.3.1: the directory lost the registration (it restarted): register again now.
    ++stats_.failures;
    failure_ = {"the directory no longer knows the registration", code};
    if (!send_registration(now_ms).ok()) fail("cannot build the registration", 0, now_ms);
    return;
  }
  fail("the directory refused the refresh", code, now_ms);
}

void Registrar::refreshed(uint64_t now_ms) {
  state_ = RegistrationState::registered;
  backoff_.reset();
  timer_ms_ = now_ms + uint64_t{config_.lifetime_s} * 750;  // 3/4 of the lifetime
}

bool Registrar::keep_location(const coap::Message& m) {
  std::array<char, kMaxLocation> text{};
  TextBuilder tb(text);
  std::size_t segments = 0;
  for (const coap::Option& o : m.all(coap::OptionNumber::location_path)) {
    const std::string_view segment = o.text();
    // A '/' inside a segment would change the path when it is split again for the refresh.
    if (segment.find('/') != std::string_view::npos) return false;
    tb.append_char('/');
    for (const char c : segment)
      tb.append_char(c);
    ++segments;
  }
  if (segments == 0 || tb.truncated()) return false;
  std::copy_n(text.begin(), tb.size(), location_.begin());
  location_size_ = tb.size();
  return true;
}

void Registrar::fail(const char* what, uint8_t code, uint64_t now_ms) {
  ++stats_.failures;
  failure_ = {what, code};
  request_ = Request::none;
  exchange_.cancel();
  state_ = RegistrationState::backing_off;
  timer_ms_ = now_ms + backoff_.next_delay(random_);
}

void Registrar::poll(uint64_t now_ms) {
  if (exchange_.active()) {
    if (!exchange_.poll(now_ms)) return;
    if (request_ == Request::removal) {
      request_ = Request::none;
      state_ = RegistrationState::unregistered;
      return;
    }
    return fail("no answer from the directory", 0, now_ms);
  }
  if (now_ms < timer_ms_) return;
  if (state_ == RegistrationState::registered) {
    (void)send_to_location(Request::refresh, now_ms);
  } else if (state_ == RegistrationState::backing_off) {
    if (!send_registration(now_ms).ok()) fail("cannot build the registration", 0, now_ms);
  }
}

std::optional<uint64_t> Registrar::next_deadline() const {
  if (exchange_.active()) return exchange_.next_deadline();
  if (state_ == RegistrationState::registered || state_ == RegistrationState::backing_off)
    return timer_ms_;
  return std::nullopt;
}

}  // namespace tc::rd
