#include "rd/uplink.hpp"

#include "coap/builder.hpp"
#include "core/text.hpp"
#include "rd/coap_uri.hpp"

namespace tc::rd {
namespace {

constexpr std::string_view kGatewayHost = "gateway";
constexpr std::string_view kLocalhost = "localhost";
constexpr Ipv4 kLoopback{127, 0, 0, 1};
constexpr std::size_t kTokenBytes = 4;
constexpr std::size_t kOptionStorage = 160;

}  // namespace

CoapUplink::CoapUplink(coap::Transport& transport, coap::Random& random, const UplinkConfig& config)
    : random_(random),
      config_(config),
      exchange_(transport, random),
      next_message_id_(static_cast<uint16_t>(random.next())) {}

std::optional<coap::Endpoint> CoapUplink::resolve(std::string_view uri) const {
  CoapUri parsed;
  if (!parse_coap_uri(uri, parsed).ok()) return std::nullopt;
  if (equals_nocase(parsed.host, kGatewayHost)) return config_.gateway;
  if (equals_nocase(parsed.host, kLocalhost)) parsed.ipv4 = kLoopback;
  if (!parsed.ipv4) return std::nullopt;
  const Result<coap::Endpoint> peer = coap::Endpoint::from(*parsed.ipv4, parsed.port);
  if (!peer.ok()) return std::nullopt;
  return *peer;
}

bool CoapUplink::reaches(std::string_view uri) const {
  return resolve(uri).has_value();
}

Status CoapUplink::post(std::string_view uri, std::string_view container,
                        std::span<const uint8_t> payload) {
  const std::optional<coap::Endpoint> peer = resolve(uri);
  if (!peer) return {StatusCode::invalid_argument, "the uplink does not reach this URI"};
  if (payload.size() > kMaxUplinkPayload)
    return {StatusCode::out_of_range, "the payload is larger than an uplink write"};
  Entry* entry = nullptr;
  for (Entry& e : queue_) {
    if (!e.used) {
      entry = &e;
      break;
    }
  }
  if (entry == nullptr) {
    ++stats_.full;
    return {StatusCode::resource_exhausted, "the uplink queue is full"};
  }
  CoapUri parsed;
  (void)parse_coap_uri(uri, parsed);  // resolve() parsed it already
  std::array<uint8_t, kTokenBytes> token{};
  const uint32_t r = random_.next();
  for (std::size_t i = 0; i < token.size(); ++i)
    token[i] = static_cast<uint8_t>(r >> (8 * i));
  std::array<uint8_t, kOptionStorage> storage{};
  coap::MessageBuilder b(coap::Type::confirmable, coap::Code::post, next_message_id_, storage);
  b.token(token);
  if (Status st = add_request_options(b, parsed); !st.ok()) return st;
  std::array<char, 40> query{};
  TextBuilder c(query);
  c.append("c=");
  for (const char ch : container)
    c.append_char(ch);
  b.option(coap::OptionNumber::uri_query, std::string_view(c.c_str(), c.size()));
  b.content_format(coap::ContentFormat::cbor).payload(payload);
  const Result<std::size_t> n = b.serialize(entry->datagram);
  if (!n.ok()) return {StatusCode::out_of_range, "the write does not fit an uplink datagram"};
  ++next_message_id_;
  entry->used = true;
  entry->order = next_order_++;
  entry->peer = *peer;
  entry->message_id = b.message().message_id;
  entry->token = b.message().token;
  entry->length = static_cast<uint16_t>(*n);
  ++stats_.queued;
  return Status::Ok();
}

void CoapUplink::start_next(uint64_t now_ms) {
  Entry* next = nullptr;
  for (Entry& e : queue_) {
    // Orders are consecutive, so unsigned differences compare them across the wrap.
    if (e.used && (next == nullptr || e.order - next_order_ < next->order - next_order_)) next = &e;
  }
  if (next == nullptr) return;
  in_flight_ = next;
  exchange_.start(next->peer, {next->datagram.data(), next->length}, next->message_id, next->token,
                  config_.timing, now_ms);
}

void CoapUplink::finish() {
  if (in_flight_ != nullptr) in_flight_->used = false;
  in_flight_ = nullptr;
}

bool CoapUplink::on_datagram(const coap::Endpoint& from, std::span<const uint8_t> datagram,
                             uint64_t now_ms) {
  coap::Message m;
  if (coap::parse(datagram, m) != coap::ParseReason::ok) return false;
  const Answer answer = exchange_.offer(from, m);
  if (answer == Answer::not_ours) return false;
  if (answer == Answer::response && coap::code_class(m.code) == 2) {
    ++stats_.delivered;
  } else if (answer != Answer::progress) {
    ++stats_.rejected;
    last_rejection_ = answer == Answer::reset ? 0 : static_cast<uint8_t>(m.code);
  }
  if (answer != Answer::progress) {
    finish();
    start_next(now_ms);
  }
  return true;
}

void CoapUplink::poll(uint64_t now_ms) {
  if (in_flight_ != nullptr && exchange_.poll(now_ms)) {
    ++stats_.dropped;
    finish();
  }
  if (in_flight_ == nullptr) start_next(now_ms);
}

std::optional<uint64_t> CoapUplink::next_deadline() const {
  if (in_flight_ == nullptr && pending() != 0) return 0;  // a write waits for poll(): now
  return exchange_.next_deadline();
}

std::size_t CoapUplink::pending() const {
  std::size_t n = 0;
  for (const Entry& e : queue_)
    n += e.used ? 1 : 0;
  return n;
}

UplinkStats CoapUplink::stats() const {
  UplinkStats s = stats_;
  s.retransmissions = exchange_.retransmissions();
  return s;
}

}  // namespace tc::rd
