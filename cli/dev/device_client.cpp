// DeviceClient over libcoap. The C objects are held by RAII wrappers (Context, Session, Pdu); the
// callbacks find the exchange in flight through the session's app data.
#include "dev/device_client.hpp"

#include <coap3/coap.h>
#include <netdb.h>
#include <sys/socket.h>

#include <array>
#include <cstdio>
#include <cstring>
#include <mutex>

namespace tc::dev {
namespace {

struct ContextDeleter {
  void operator()(coap_context_t* c) const { coap_free_context(c); }
};
struct SessionDeleter {
  void operator()(coap_session_t* s) const { coap_session_release(s); }
};
struct PduDeleter {
  void operator()(coap_pdu_t* p) const { coap_delete_pdu(p); }
};
using Context = std::unique_ptr<coap_context_t, ContextDeleter>;
using Session = std::unique_ptr<coap_session_t, SessionDeleter>;
// Owned until coap_send() takes it (release() at that point).
using Pdu = std::unique_ptr<coap_pdu_t, PduDeleter>;

struct AddrInfoDeleter {
  void operator()(addrinfo* a) const { freeaddrinfo(a); }
};

const char* code_name(uint8_t code) {
  switch (code) {
    case 0x41:
      return "Created";
    case 0x42:
      return "Deleted";
    case 0x43:
      return "Valid";
    case 0x44:
      return "Changed";
    case 0x45:
      return "Content";
    case 0x5f:
      return "Continue";
    case 0x80:
      return "Bad Request";
    case 0x81:
      return "Unauthorized";
    case 0x82:
      return "Bad Option";
    case 0x83:
      return "Forbidden";
    case 0x84:
      return "Not Found";
    case 0x85:
      return "Method Not Allowed";
    case 0x86:
      return "Not Acceptable";
    case 0x88:
      return "Request Entity Incomplete";
    case 0x89:
      return "Conflict";
    case 0x8c:
      return "Precondition Failed";
    case 0x8d:
      return "Request Entity Too Large";
    case 0x8f:
      return "Unsupported Content-Format";
    case 0xa0:
      return "Internal Server Error";
    case 0xa1:
      return "Not Implemented";
    case 0xa2:
      return "Bad Gateway";
    case 0xa3:
      return "Service Unavailable";
    case 0xa4:
      return "Gateway Timeout";
    default:
      return "";
  }
}

std::string seconds_text(std::chrono::milliseconds t) {
  std::array<char, 32> text{};
  if (t.count() % 1000 == 0) {
    std::snprintf(text.data(), text.size(), "%lld s", static_cast<long long>(t.count() / 1000));
  } else {
    std::snprintf(text.data(), text.size(), "%.1f s", static_cast<double>(t.count()) / 1000.0);
  }
  return text.data();
}

}  // namespace

std::string Reply::code_text() const {
  std::array<char, 8> number{};
  std::snprintf(number.data(), number.size(), "%u.%02u", static_cast<unsigned>(code >> 5),
                static_cast<unsigned>(code & 0x1f));
  const std::string name = code_name(code);
  return name.empty() ? std::string(number.data()) : std::string(number.data()) + " " + name;
}

// The exchange in flight: what the callbacks compare with and fill in.
struct Exchange {
  std::vector<uint8_t> token;
  const DeviceClient::Observer* observer = nullptr;
  bool answered = false;  // at least one reply
  bool done = false;      // nothing more to wait for
  Failure failure = Failure::none;
  std::string failure_text;
  Reply reply;  // the last one
};

struct DeviceClient::Impl {
  Context context;
  Session session;
  std::string setup_error;  // why there is no session
  Exchange* exchange = nullptr;

  static Reply read_reply(const coap_pdu_t* pdu) {
    Reply reply;
    reply.code = static_cast<uint8_t>(coap_pdu_get_code(pdu));
    coap_opt_iterator_t it;
    coap_option_iterator_init(pdu, &it, COAP_OPT_ALL);
    while (coap_opt_t* opt = coap_option_next(&it)) {
      const uint8_t* value = coap_opt_value(opt);
      const unsigned length = coap_opt_length(opt);
      if (it.number == COAP_OPTION_CONTENT_FORMAT) {
        reply.content_format = static_cast<uint16_t>(coap_decode_var_bytes(value, length));
      } else if (it.number == COAP_OPTION_LOCATION_PATH) {
        reply.location_path.emplace_back(reinterpret_cast<const char*>(value), length);
      } else if (it.number == COAP_OPTION_OBSERVE) {
        reply.observing = true;
      }
    }
    size_t length = 0;
    size_t offset = 0;
    size_t total = 0;
    const uint8_t* data = nullptr;
    if (coap_get_data_large(pdu, &length, &data, &offset, &total) != 0 && data != nullptr)
      reply.payload.assign(data, data + length);
    return reply;
  }

  static coap_response_t on_response(coap_session_t* session, const coap_pdu_t* /*sent*/,
                                     const coap_pdu_t* received, const coap_mid_t /*mid*/) {
    auto* impl = static_cast<Impl*>(coap_session_get_app_data(session));
    Exchange* ex = impl != nullptr ? impl->exchange : nullptr;
    const coap_bin_const_t token = coap_pdu_get_token(received);
    if (ex == nullptr || ex->done || token.length != ex->token.size() ||
        (token.length != 0 && std::memcmp(token.s, ex->token.data(), token.length) != 0)) {
      // A late answer or a notification nobody wants any more: reset it (ends an observation).
      return COAP_RESPONSE_FAIL;
    }
    ex->reply = read_reply(received);
    ex->answered = true;
    if (ex->observer == nullptr || !ex->reply.success() || !ex->reply.observing ||
        !(*ex->observer)(ex->reply)) {
      ex->done = true;
    }
    return COAP_RESPONSE_OK;
  }

  static void on_nack(coap_session_t* session, const coap_pdu_t* sent,
                      const coap_nack_reason_t reason, const coap_mid_t /*mid*/) {
    auto* impl = static_cast<Impl*>(coap_session_get_app_data(session));
    Exchange* ex = impl != nullptr ? impl->exchange : nullptr;
    if (ex == nullptr || ex->done) return;
    if (sent != nullptr) {
      const coap_bin_const_t token = coap_pdu_get_token(sent);
      if (token.length != ex->token.size() ||
          (token.length != 0 && std::memcmp(token.s, ex->token.data(), token.length) != 0)) {
        return;
      }
    }
    ex->done = true;
    switch (reason) {
      case COAP_NACK_TOO_MANY_RETRIES:
        ex->failure = Failure::timeout;
        ex->failure_text = "no acknowledgement after every retransmission";
        break;
      case COAP_NACK_RST:
        ex->failure = Failure::unreachable;
        ex->failure_text = "the device reset the request (it does not speak this protocol)";
        break;
      default:
        ex->failure = Failure::unreachable;
        ex->failure_text = "not reachable (nothing listens there, or no route)";
        break;
    }
  }
};

DeviceClient::DeviceClient(const DeviceUri& uri, const ClientOptions& options)
    : uri_(uri), options_(options), impl_(std::make_unique<Impl>()) {
  static std::once_flag started;
  std::call_once(started, [] { coap_startup(); });
  coap_set_log_level(options.verbose ? LOG_DEBUG : LOG_EMERG);

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(uri.port);
  const int rc = getaddrinfo(uri.host.c_str(), port.c_str(), &hints, &found);
  const std::unique_ptr<addrinfo, AddrInfoDeleter> list(found);
  if (rc != 0 || found == nullptr) {
    impl_->setup_error = "cannot resolve " + uri.host + ": " + gai_strerror(rc);
    return;
  }
  coap_address_t address;
  coap_address_init(&address);
  if (found->ai_addrlen > sizeof address.addr) {
    impl_->setup_error = "cannot use the address of " + uri.host;
    return;
  }
  address.size = found->ai_addrlen;
  std::memcpy(&address.addr, found->ai_addr, found->ai_addrlen);

  impl_->context.reset(coap_new_context(nullptr));
  if (!impl_->context) {
    impl_->setup_error = "cannot create a CoAP context";
    return;
  }
  coap_context_set_block_mode(impl_->context.get(),
                              COAP_BLOCK_USE_LIBCOAP | COAP_BLOCK_SINGLE_BODY);
  coap_register_response_handler(impl_->context.get(), &Impl::on_response);
  coap_register_nack_handler(impl_->context.get(), &Impl::on_nack);
  impl_->session.reset(
      coap_new_client_session(impl_->context.get(), nullptr, &address, COAP_PROTO_UDP));
  if (!impl_->session) {
    impl_->setup_error = "cannot open a UDP session to " + uri.display();
    return;
  }
  coap_session_set_app_data(impl_->session.get(), impl_.get());
}

DeviceClient::~DeviceClient() {
  // The session goes before the context that holds it.
  if (impl_) {
    impl_->session.reset();
    impl_->context.reset();
  }
}

namespace {

struct Plan {
  coap_pdu_code_t method;
  const RequestSpec* spec;
  bool observe;
};

}  // namespace

static Outcome run_exchange(DeviceClient::Impl& impl, const DeviceUri& uri,
                            const ClientOptions& options, const Plan& plan,
                            const DeviceClient::Observer* observer) {
  Outcome outcome;
  if (!impl.session) {
    outcome.failure = Failure::local;
    outcome.message = impl.setup_error;
    return outcome;
  }
  coap_session_t* session = impl.session.get();
  Pdu pdu(coap_new_pdu(COAP_MESSAGE_CON, plan.method, session));
  if (!pdu) {
    outcome.failure = Failure::local;
    outcome.message = "cannot build a CoAP request";
    return outcome;
  }
  Exchange ex;
  ex.observer = observer;
  std::array<uint8_t, 8> token{};
  size_t token_length = 0;
  coap_session_new_token(session, &token_length, token.data());
  ex.token.assign(token.begin(), token.begin() + static_cast<std::ptrdiff_t>(token_length));
  bool built = coap_add_token(pdu.get(), token_length, token.data()) != 0;
  std::array<uint8_t, 4> number{};
  if (plan.observe) {
    const unsigned n = coap_encode_var_safe(number.data(), number.size(), COAP_OBSERVE_ESTABLISH);
    built = built && coap_add_option(pdu.get(), COAP_OPTION_OBSERVE, n, number.data()) != 0;
  }
  std::string_view path = plan.spec->path;
  while (!path.empty()) {
    if (path.front() == '/') {
      path.remove_prefix(1);
      continue;
    }
    const std::size_t slash = std::min(path.find('/'), path.size());
    const std::string_view segment = path.substr(0, slash);
    built = built && coap_add_option(pdu.get(), COAP_OPTION_URI_PATH, segment.size(),
                                     reinterpret_cast<const uint8_t*>(segment.data())) != 0;
    path.remove_prefix(slash);
  }
  if (plan.spec->content_format) {
    const unsigned n =
        coap_encode_var_safe(number.data(), number.size(), *plan.spec->content_format);
    built = built && coap_add_option(pdu.get(), COAP_OPTION_CONTENT_FORMAT, n, number.data()) != 0;
  }
  for (const std::string& q : plan.spec->query) {
    built = built && coap_add_option(pdu.get(), COAP_OPTION_URI_QUERY, q.size(),
                                     reinterpret_cast<const uint8_t*>(q.data())) != 0;
  }
  if (!plan.spec->payload.empty()) {
    built = built && coap_add_data_large_request(session, pdu.get(), plan.spec->payload.size(),
                                                 plan.spec->payload.data(), nullptr, nullptr) != 0;
  }
  if (!built) {
    outcome.failure = Failure::local;
    outcome.message = "cannot build a CoAP request (an option or the body does not fit)";
    return outcome;
  }
  impl.exchange = &ex;
  if (coap_send(session, pdu.release()) == COAP_INVALID_MID) {
    impl.exchange = nullptr;
    outcome.failure = Failure::unreachable;
    outcome.message = "device " + uri.display() + ": cannot send the request";
    return outcome;
  }
  const auto start = std::chrono::steady_clock::now();
  while (!ex.done) {
    // The deadline covers the first answer; an observation then lasts as long as the observer
    // wants.
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (!ex.answered && waited >= options.timeout) break;
    coap_io_process(impl.context.get(), 100);
  }
  if (plan.observe && ex.answered && ex.reply.observing) {
    coap_binary_t cancel_token{ex.token.size(), ex.token.data()};
    ex.done = false;
    ex.observer = nullptr;
    const Reply last = ex.reply;
    if (coap_cancel_observe(session, &cancel_token, COAP_MESSAGE_CON) != 0) {
      const auto cancel_start = std::chrono::steady_clock::now();
      while (!ex.done && std::chrono::steady_clock::now() - cancel_start < std::chrono::seconds(1))
        coap_io_process(impl.context.get(), 50);
    }
    ex.reply = last;
    ex.failure = Failure::none;
  }
  impl.exchange = nullptr;
  if (ex.failure != Failure::none) {
    outcome.failure = ex.failure;
    outcome.message = "device " + uri.display() + ": " + ex.failure_text;
    return outcome;
  }
  if (!ex.answered) {
    outcome.failure = Failure::timeout;
    outcome.message =
        "device " + uri.display() + " did not answer within " + seconds_text(options.timeout);
    return outcome;
  }
  outcome.reply = std::move(ex.reply);
  return outcome;
}

Outcome DeviceClient::get(const RequestSpec& request) {
  return run_exchange(*impl_, uri_, options_, {COAP_REQUEST_CODE_GET, &request, false}, nullptr);
}

Outcome DeviceClient::post(const RequestSpec& request) {
  return run_exchange(*impl_, uri_, options_, {COAP_REQUEST_CODE_POST, &request, false}, nullptr);
}

Outcome DeviceClient::del(const RequestSpec& request) {
  return run_exchange(*impl_, uri_, options_, {COAP_REQUEST_CODE_DELETE, &request, false}, nullptr);
}

Outcome DeviceClient::observe(const RequestSpec& request, const Observer& on_reply) {
  return run_exchange(*impl_, uri_, options_, {COAP_REQUEST_CODE_GET, &request, true}, &on_reply);
}

}  // namespace tc::dev
