#include "coap/outgoing_exchanges.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <exception>
#include <memory>
#include <vector>

namespace tc::gw {
namespace {

constexpr std::chrono::milliseconds kShortestTimeout{1};
constexpr std::chrono::milliseconds kLongestTimeout{std::chrono::hours(1)};

// A request body handed to libcoap, which sends it block by block after our deadline may have
// passed: libcoap owns it and gives it back through release_payload.
struct OwnedPayload {
  std::vector<uint8_t> bytes;
};

void release_payload(coap_session_t* /*session*/, void* app_ptr) {
  const std::unique_ptr<OwnedPayload> owned(static_cast<OwnedPayload*>(app_ptr));
}

coap_pdu_code_t method_code(Method method) {
  switch (method) {
    case Method::post:
      return COAP_REQUEST_CODE_POST;
    case Method::put:
      return COAP_REQUEST_CODE_PUT;
    case Method::del:
      return COAP_REQUEST_CODE_DELETE;
    case Method::get:
      break;
  }
  return COAP_REQUEST_CODE_GET;
}

std::string duration_text(std::chrono::milliseconds t) {
  std::array<char, 32> text{};
  if (t.count() % 1000 == 0) {
    std::snprintf(text.data(), text.size(), "%lld s", static_cast<long long>(t.count() / 1000));
  } else {
    std::snprintf(text.data(), text.size(), "%lld ms", static_cast<long long>(t.count()));
  }
  return text.data();
}

std::string code_text(uint8_t code) {
  CoapReply reply;
  reply.code = code;
  return reply.code_text();
}

struct ReplyCheck {
  std::optional<CoapReply> reply;
  std::string problem;  // why this is not an acceptable answer
};

// What the gateway accepts as an answer: a response code, well-formed options we read, and a
// whole body of bounded size.
ReplyCheck check_reply(const coap_pdu_t* pdu, std::size_t max_body) {
  ReplyCheck out;
  const auto code = static_cast<uint8_t>(coap_pdu_get_code(pdu));
  const unsigned code_class = code >> 5;
  if (code_class != 2 && code_class != 4 && code_class != 5) {
    out.problem = "an answer with code " + code_text(code) + ", which is not a response code";
    return out;
  }
  PduOptions options = read_options(pdu);
  if (!options.malformed.empty()) {
    out.problem = "a malformed answer: " + options.malformed;
    return out;
  }
  const PduBody body = read_body(pdu);
  if (options.block2_more || !body.complete) {
    out.problem = "a block-wise answer whose blocks do not follow on";
    return out;
  }
  if (body.bytes.size() > max_body) {
    out.problem = "an answer of " + std::to_string(body.bytes.size()) + " bytes (limit " +
                  std::to_string(max_body) + ")";
    return out;
  }
  CoapReply reply;
  reply.code = code;
  reply.content_format = options.content_format;
  reply.payload.assign(body.bytes.begin(), body.bytes.end());
  reply.location_path = std::move(options.location_path);
  out.reply = std::move(reply);
  return out;
}

// A confirmable request with a fresh token (returned in `token`), or null when an option or the
// body does not fit.
PduHandle build_request(coap_session_t* session, const CoapRequest& request,
                        std::vector<uint8_t> payload, bool observe, std::string& token) {
  PduHandle pdu(coap_new_pdu(COAP_MESSAGE_CON, method_code(request.method), session));
  if (!pdu) return nullptr;
  std::array<uint8_t, 8> bytes{};
  size_t length = 0;
  coap_session_new_token(session, &length, bytes.data());
  token.assign(reinterpret_cast<const char*>(bytes.data()), length);
  bool built = coap_add_token(pdu.get(), length, bytes.data()) != 0;
  // Options in ascending number order: Observe 6, Uri-Path 11, Content-Format 12, Uri-Query 15.
  if (observe) {
    built = built && add_uint_option(pdu.get(), COAP_OPTION_OBSERVE, COAP_OBSERVE_ESTABLISH);
  }
  built = built && add_path(pdu.get(), request.path, COAP_OPTION_URI_PATH);
  if (request.content_format) {
    built =
        built && add_uint_option(pdu.get(), COAP_OPTION_CONTENT_FORMAT, *request.content_format);
  }
  for (const std::string& query : request.query) {
    built = built && add_string_option(pdu.get(), COAP_OPTION_URI_QUERY, query);
  }
  if (built && !payload.empty()) {
    auto owned = std::make_unique<OwnedPayload>(OwnedPayload{std::move(payload)});
    const std::vector<uint8_t>& body = owned->bytes;
    // libcoap calls release_payload in every case, also when this fails.
    built = coap_add_data_large_request(session, pdu.get(), body.size(), body.data(),
                                        &release_payload, owned.release()) != 0;
  }
  if (!built) return nullptr;
  return pdu;
}

struct NackMeaning {
  CoapFailure failure;
  const char* text;
};

NackMeaning nack_meaning(coap_nack_reason_t reason) {
  switch (reason) {
    case COAP_NACK_TOO_MANY_RETRIES:
      return {CoapFailure::timeout, "no acknowledgement after every retransmission"};
    case COAP_NACK_RST:
      return {CoapFailure::unreachable, "the device reset the request"};
    case COAP_NACK_NOT_DELIVERABLE:
    case COAP_NACK_ICMP_ISSUE:
      return {CoapFailure::unreachable, "not reachable (nothing listens there, or no route)"};
    case COAP_NACK_TLS_FAILED:
      break;
  }
  return {CoapFailure::unreachable, "the session failed"};
}

}  // namespace

OutgoingExchanges::OutgoingExchanges(coap_context_t* context, Listener& listener,
                                     const ExchangeLimits& limits, const SessionSettings& sessions,
                                     const Log& log)
    : listener_(listener), limits_(limits), log_(log), sessions_(context, sessions) {}

void OutgoingExchanges::complete(Completion& done, CoapOutcome outcome) {
  // A throwing completion must not unwind through libcoap's C frames.
  try {
    if (done) done(std::move(outcome));
  } catch (const std::exception& e) {
    log_.write(LogLevel::error, std::string("a request's completion threw: ") + e.what());
  } catch (...) {
    log_.write(LogLevel::error, "a request's completion threw");
  }
}

std::string OutgoingExchanges::start(const IpEndpoint& where, const CoapRequest& request,
                                     std::vector<uint8_t> payload, Exchange& exchange,
                                     Clock::time_point now) {
  if (exchanges_.size() >= limits_.max_in_flight) {
    return "too many requests in flight (" + std::to_string(limits_.max_in_flight) + ")";
  }
  DeviceSession* session = sessions_.acquire(where);
  if (session == nullptr) return "cannot open a CoAP session to " + exchange.device;
  if (session->users > limits_.max_in_flight_per_device) {
    sessions_.release(session, now);
    return "too many requests in flight to " + exchange.device + " (" +
           std::to_string(limits_.max_in_flight_per_device) + ")";
  }
  std::string token;
  PduHandle pdu =
      build_request(session->session, request, std::move(payload), exchange.observation, token);
  if (!pdu) {
    sessions_.release(session, now);
    return "cannot build the request (an option longer than 255 bytes, or a body that does not "
           "fit)";
  }
  const uint64_t id = next_id_++;
  exchange.session = session;
  exchange.token = std::move(token);
  session->tokens.emplace(exchange.token, id);
  if (exchange.deadline != Clock::time_point::max()) deadlines_.emplace(exchange.deadline, id);
  if (exchange.observation) observations_[exchange.endpoint] = id;
  const std::string device = exchange.device;
  exchanges_.emplace(id, std::move(exchange));
  if (coap_send(session->session, pdu.release()) == COAP_INVALID_MID && exchanges_.contains(id)) {
    sessions_.retire(session);
    fail(id, CoapFailure::unreachable, "cannot send to " + device, now);
  }
  return {};
}

void OutgoingExchanges::send(const DeviceAddress& to, CoapRequest request, Completion done,
                             Clock::time_point now) {
  const IpEndpointParse where = parse_coap_uri(to);
  if (!where.endpoint) {
    complete(done, {CoapFailure::local, "bad device address \"" + to + "\": " + where.error, {}});
    return;
  }
  Exchange exchange;
  exchange.device = to;
  exchange.timeout = std::clamp(request.timeout, kShortestTimeout, kLongestTimeout);
  exchange.deadline = now + exchange.timeout;
  exchange.done = std::move(done);
  std::vector<uint8_t> payload = std::move(request.payload);
  const std::string error = start(*where.endpoint, request, std::move(payload), exchange, now);
  if (!error.empty()) complete(exchange.done, {CoapFailure::local, error, {}});
}

void OutgoingExchanges::observe(const std::string& endpoint, const DeviceAddress& at, uint64_t from,
                                Clock::time_point now) {
  cancel(endpoint, now);  // an observation replaces the earlier one of the same endpoint
  const IpEndpointParse where = parse_coap_uri(at);
  if (!where.endpoint) {
    listener_.on_events_ended(endpoint, "bad device address \"" + at + "\": " + where.error);
    return;
  }
  CoapRequest request;
  request.path = "/events";
  request.query.push_back("from=" + std::to_string(from));
  Exchange exchange;
  exchange.device = at;
  exchange.timeout = limits_.observe_answer;
  exchange.deadline = now + exchange.timeout;
  exchange.observation = true;
  exchange.endpoint = endpoint;
  const std::string error = start(*where.endpoint, request, {}, exchange, now);
  if (!error.empty()) listener_.on_events_ended(endpoint, error);
}

void OutgoingExchanges::cancel(const std::string& endpoint, Clock::time_point now) {
  const auto it = observations_.find(endpoint);
  if (it == observations_.end()) return;
  const uint64_t id = it->second;
  Exchange& exchange = exchanges_.at(id);
  // RFC 7641 3.6: a GET with Observe: 1 and the same token ends the observation on the device.
  coap_binary_t token{exchange.token.size(), reinterpret_cast<uint8_t*>(exchange.token.data())};
  (void)coap_cancel_observe(exchange.session->session, &token, COAP_MESSAGE_CON);
  end_observation(id, {}, false, now);
}

OutgoingExchanges::Exchange* OutgoingExchanges::find(DeviceSession* session,
                                                     const std::string& token, uint64_t& id) {
  const auto it = session->tokens.find(token);
  if (it == session->tokens.end()) return nullptr;
  id = it->second;
  return &exchanges_.at(id);
}

OutgoingExchanges::Exchange OutgoingExchanges::take(uint64_t id, Clock::time_point now) {
  const auto it = exchanges_.find(id);
  Exchange exchange = std::move(it->second);
  exchanges_.erase(it);
  exchange.session->tokens.erase(exchange.token);
  deadlines_.erase({exchange.deadline, id});
  if (exchange.observation) observations_.erase(exchange.endpoint);
  sessions_.release(exchange.session, now);
  return exchange;
}

void OutgoingExchanges::finish(uint64_t id, CoapOutcome outcome, Clock::time_point now) {
  Exchange exchange = take(id, now);
  complete(exchange.done, std::move(outcome));
}

void OutgoingExchanges::end_observation(uint64_t id, const std::string& why, bool tell,
                                        Clock::time_point now) {
  const Exchange exchange = take(id, now);
  if (!tell) return;
  if (log_.on(LogLevel::info)) {
    log_.write(LogLevel::info, "events of " + exchange.endpoint + " ended: " + why);
  }
  listener_.on_events_ended(exchange.endpoint, why);
}

void OutgoingExchanges::fail(uint64_t id, CoapFailure failure, const std::string& what,
                             Clock::time_point now) {
  const Exchange& exchange = exchanges_.at(id);
  const std::string text = "device " + exchange.device + ": " + what;
  if (log_.on(LogLevel::info)) log_.write(LogLevel::info, text);
  if (exchange.observation) {
    end_observation(id, text, true, now);
  } else {
    finish(id, {failure, text, {}}, now);
  }
}

coap_response_t OutgoingExchanges::on_response(coap_session_t* session, const coap_pdu_t* received,
                                               Clock::time_point now) {
  DeviceSession* device = DeviceSession::of(session);
  uint64_t id = 0;
  Exchange* exchange = device != nullptr ? find(device, token_of(received), id) : nullptr;
  if (exchange == nullptr) {
    // Late, duplicated or unsolicited: a reset tells an observing device to stop (RFC 7641 3.6).
    return COAP_RESPONSE_FAIL;
  }
  if (exchange->observation) return on_notification(id, received, now);
  ReplyCheck check = check_reply(received, limits_.max_body);
  if (!check.reply) {
    sessions_.retire(device);
    fail(id, CoapFailure::bad_response, check.problem, now);
    return COAP_RESPONSE_OK;
  }
  finish(id, {CoapFailure::none, {}, std::move(*check.reply)}, now);
  return COAP_RESPONSE_OK;
}

coap_response_t OutgoingExchanges::on_notification(uint64_t id, const coap_pdu_t* received,
                                                   Clock::time_point now) {
  Exchange& exchange = exchanges_.at(id);
  const ReplyCheck check = check_reply(received, limits_.max_body);
  if (!check.reply) {
    fail(id, CoapFailure::bad_response, check.problem, now);
    return COAP_RESPONSE_FAIL;
  }
  const CoapReply& reply = *check.reply;
  if (!reply.success()) {
    fail(id, CoapFailure::none, "answered " + reply.code_text() + " to GET /events", now);
    return COAP_RESPONSE_OK;
  }
  if (reply.content_format && *reply.content_format != kFormatCbor) {
    fail(id, CoapFailure::bad_response, "an events notification that is not CBOR", now);
    return COAP_RESPONSE_FAIL;
  }
  if (exchange.deadline != Clock::time_point::max()) {
    deadlines_.erase({exchange.deadline, id});
    exchange.deadline = Clock::time_point::max();
  }
  const std::string endpoint = exchange.endpoint;
  listener_.on_events(endpoint, reply.payload);
  // A notification without Observe is the last one (RFC 7641 3.2).
  if (!read_options(received).observe && exchanges_.contains(id)) {
    fail(id, CoapFailure::none, "the device ended the observation of /events", now);
  }
  return COAP_RESPONSE_OK;
}

void OutgoingExchanges::on_nack(coap_session_t* session, const coap_pdu_t* sent,
                                coap_nack_reason_t reason, Clock::time_point now) {
  DeviceSession* device = DeviceSession::of(session);
  if (device == nullptr) return;
  const NackMeaning meaning = nack_meaning(reason);
  uint64_t id = 0;
  if (sent != nullptr && find(device, token_of(sent), id) != nullptr) {
    if (meaning.failure == CoapFailure::unreachable) sessions_.retire(device);
    fail(id, meaning.failure, meaning.text, now);
    return;
  }
  // An ICMP error concerns the whole device: nothing on this session will get an answer. A
  // retransmission limit or a reset of a message that is not one of ours (libcoap's own
  // block-wise requests carry its tokens; a deregistration's token is no longer ours) leaves the
  // requests to their deadlines.
  if (reason != COAP_NACK_NOT_DELIVERABLE && reason != COAP_NACK_ICMP_ISSUE) return;
  sessions_.retire(device);
  std::vector<uint64_t> ids;
  ids.reserve(device->tokens.size());
  for (const auto& [token, each] : device->tokens)
    ids.push_back(each);
  for (const uint64_t each : ids) {
    if (exchanges_.contains(each)) fail(each, meaning.failure, meaning.text, now);
  }
}

void OutgoingExchanges::expire(Clock::time_point now) {
  while (!deadlines_.empty() && deadlines_.begin()->first <= now) {
    const uint64_t id = deadlines_.begin()->second;
    Exchange& exchange = exchanges_.at(id);
    // A device that does not answer in time may be answering garbage that libcoap keeps state
    // for: new requests get a fresh session.
    sessions_.retire(exchange.session);
    fail(id, CoapFailure::timeout, "no answer within " + duration_text(exchange.timeout), now);
  }
}

std::optional<OutgoingExchanges::Clock::time_point> OutgoingExchanges::next_deadline() const {
  if (deadlines_.empty()) return std::nullopt;
  return deadlines_.begin()->first;
}

void OutgoingExchanges::shutdown(Clock::time_point now) {
  std::vector<uint64_t> ids;
  ids.reserve(exchanges_.size());
  for (const auto& [id, exchange] : exchanges_)
    ids.push_back(id);
  for (const uint64_t id : ids) {
    Exchange& exchange = exchanges_.at(id);
    if (exchange.observation) {
      coap_binary_t token{exchange.token.size(), reinterpret_cast<uint8_t*>(exchange.token.data())};
      (void)coap_cancel_observe(exchange.session->session, &token, COAP_MESSAGE_NON);
      end_observation(id, {}, false, now);
    } else {
      finish(id, {CoapFailure::local, "shutting down", {}}, now);
    }
  }
}

}  // namespace tc::gw
