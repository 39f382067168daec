#include "coap/server_resources.hpp"

#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "coap/response_code.hpp"

namespace tc::gw {
namespace {

coap_str_const_t str_const(std::string_view text) {
  return {text.size(), reinterpret_cast<const uint8_t*>(text.data())};
}

void add_attribute(coap_resource_t* resource, std::string_view name, std::string_view value) {
  coap_str_const_t n = str_const(name);
  coap_str_const_t v = str_const(value);
  coap_add_attr(resource, &n, &v, 0);  // libcoap copies both
}

ServerResources* self_of(coap_resource_t* resource) {
  return static_cast<ServerResources*>(coap_resource_get_userdata(resource));
}

std::vector<std::string_view> views(const std::vector<std::string>& strings) {
  return {strings.begin(), strings.end()};
}

std::string_view text_of(std::span<const uint8_t> bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

// Bytes handed to libcoap for a block-wise answer, kept alive until libcoap lets go of them.
template <typename Bytes>
struct HeldBytes {
  Bytes bytes;
};

template <typename Bytes>
void release_held(coap_session_t* /*session*/, void* app_ptr) {
  const std::unique_ptr<HeldBytes<Bytes>> held(static_cast<HeldBytes<Bytes>*>(app_ptr));
}

// Answers 2.05 with `bytes` (libcoap adds Block2, Size2 and ETag when they do not fit one
// message; a later block request is answered by libcoap from the same bytes).
template <typename Bytes>
void answer_large(coap_resource_t* resource, coap_session_t* session, const coap_pdu_t* request,
                  const coap_string_t* query, coap_pdu_t* response, uint16_t format, Bytes bytes) {
  coap_pdu_set_code(response, static_cast<coap_pdu_code_t>(code::kContent));
  auto held = std::make_unique<HeldBytes<Bytes>>(HeldBytes<Bytes>{std::move(bytes)});
  const auto* data = reinterpret_cast<const uint8_t*>(held->bytes->data());
  const std::size_t size = held->bytes->size();
  if (size == 0) {
    (void)add_uint_option(response, COAP_OPTION_CONTENT_FORMAT, format);
    return;
  }
  // libcoap calls release_held in every case, and answers 5.00 itself when this fails.
  (void)coap_add_data_large_response(resource, session, request, response, query, format, -1, 0,
                                     size, data, &release_held<Bytes>, held.release());
}

Method method_of(const coap_pdu_t* request) {
  switch (coap_pdu_get_code(request)) {
    case COAP_REQUEST_CODE_POST:
      return Method::post;
    case COAP_REQUEST_CODE_PUT:
      return Method::put;
    case COAP_REQUEST_CODE_DELETE:
      return Method::del;
    default:
      return Method::get;
  }
}

std::string joined_path(const std::vector<std::string>& segments) {
  std::string path;
  for (const std::string& segment : segments)
    path += "/" + segment;
  return path.empty() ? "/" : path;
}

}  // namespace

void ServerResources::install(coap_context_t* context) {
  add_link_format_resource(context, "rd", COAP_REQUEST_POST, &on_register, "core.rd");
  add_link_format_resource(context, "rd-lookup/ep", COAP_REQUEST_GET, &on_lookup,
                           "core.rd-lookup-ep");
  coap_resource_t* other = coap_resource_unknown_init(&on_other);  // PUT
  coap_register_handler(other, COAP_REQUEST_POST, &on_other);
  coap_register_handler(other, COAP_REQUEST_GET, &on_other);
  coap_register_handler(other, COAP_REQUEST_DELETE, &on_other);
  coap_resource_set_userdata(other, this);
  coap_add_resource(context, other);
}

void ServerResources::add_link_format_resource(coap_context_t* context, std::string_view path,
                                               coap_request_t method, coap_method_handler_t handler,
                                               std::string_view resource_type) {
  coap_str_const_t uri_path = str_const(path);
  coap_resource_t* resource = coap_resource_init(&uri_path, 0);  // libcoap copies the path
  coap_register_handler(resource, method, handler);
  add_attribute(resource, "rt", resource_type);
  add_attribute(resource, "ct", "40");
  coap_resource_set_userdata(resource, this);
  coap_add_resource(context, resource);
}

void ServerResources::on_register(coap_resource_t* resource, coap_session_t* session,
                                  const coap_pdu_t* request, const coap_string_t* /*query*/,
                                  coap_pdu_t* response) {
  self_of(resource)->register_endpoint(session, request, response);
}

void ServerResources::on_lookup(coap_resource_t* resource, coap_session_t* session,
                                const coap_pdu_t* request, const coap_string_t* query,
                                coap_pdu_t* response) {
  ServerResources& self = *self_of(resource);
  std::string ep;
  std::string d;
  for (const std::string& option : read_options(request).query) {
    if (option.starts_with("ep=")) ep = option.substr(3);
    if (option.starts_with("d=")) d = option.substr(2);
  }
  auto links = std::make_shared<std::string>();
  {
    const std::lock_guard lock(self.directory_.mutex);
    *links = self.directory_.table.lookup_endpoints(ep, d);
  }
  answer_large(resource, session, request, query, response, COAP_MEDIATYPE_APPLICATION_LINK_FORMAT,
               std::shared_ptr<const std::string>(std::move(links)));
}

void ServerResources::on_other(coap_resource_t* resource, coap_session_t* session,
                               const coap_pdu_t* request, const coap_string_t* query,
                               coap_pdu_t* response) {
  ServerResources& self = *self_of(resource);
  const PduOptions options = read_options(request);
  const std::vector<std::string>& path = options.path;
  if (!path.empty() && path[0] == "rd") {
    if (path.size() != 2) {
      set_text_answer(response, code::kNotFound, "no such registration resource");
      return;
    }
    self.registration_resource(session, request, options, response);
    return;
  }
  if (!path.empty() && path[0] == "b") {
    if (path.size() != 2) {
      set_text_answer(response, code::kNotFound, "blobs are at /b/<key>");
      return;
    }
    self.serve_blob(resource, session, request, query, options, response);
    return;
  }
  self.device_request(session, request, options, response);
}

void ServerResources::register_endpoint(coap_session_t* session, const coap_pdu_t* request,
                                        coap_pdu_t* response) {
  const PduOptions options = read_options(request);
  if (options.content_format && *options.content_format != kFormatLinkFormat) {
    set_text_answer(response, code::kUnsupportedFormat,
                    "a registration's payload is link format (Content-Format 40)");
    return;
  }
  const PduBody body = read_body(request);
  if (!body.complete) {
    set_text_answer(response, code::kIncomplete, "the registration's payload is incomplete");
    return;
  }
  const std::vector<std::string_view> query = views(options.query);
  const QueryParse<RegistrationQuery> parsed = parse_registration_query(query);
  if (!parsed.value) {
    set_text_answer(response, code::kBadRequest, parsed.error);
    return;
  }
  const std::string_view links = text_of(body.bytes);
  if (links.size() > link_limits_.max_bytes) {
    set_text_answer(response, code::kTooLarge,
                    "the registration's links are larger than " +
                        std::to_string(link_limits_.max_bytes) + " bytes");
    return;
  }
  const LinkFormatCheck check = check_link_format(links, link_limits_);
  if (!check.ok) {
    set_text_answer(response, code::kBadRequest, "the payload is not link format: " + check.error);
    return;
  }
  const std::optional<IpEndpoint> source = remote_of(session);
  if (!source) {
    set_text_answer(response, code::kInternalError, "cannot read the request's source address");
    return;
  }
  RdAnswer answer;
  {
    const std::lock_guard lock(directory_.mutex);
    answer = directory_.table.register_endpoint(*parsed.value, std::string(links), *source,
                                                Clock::now());
  }
  conclude(answer, response);
}

void ServerResources::registration_resource(coap_session_t* session, const coap_pdu_t* request,
                                            const PduOptions& options, coap_pdu_t* response) {
  const std::string& id = options.path[1];
  const coap_pdu_code_t method = coap_pdu_get_code(request);
  RdAnswer answer;
  if (method == COAP_REQUEST_CODE_POST) {
    if (!read_body(request).bytes.empty()) {
      set_text_answer(response, code::kBadRequest,
                      "a registration update carries no payload (RFC 9176 5.3.1): register "
                      "again to change the links");
      return;
    }
    const std::vector<std::string_view> query = views(options.query);
    const QueryParse<UpdateQuery> parsed = parse_update_query(query);
    if (!parsed.value) {
      set_text_answer(response, code::kBadRequest, parsed.error);
      return;
    }
    const std::optional<IpEndpoint> source = remote_of(session);
    if (!source) {
      set_text_answer(response, code::kInternalError, "cannot read the request's source address");
      return;
    }
    const std::lock_guard lock(directory_.mutex);
    answer = directory_.table.update(id, *parsed.value, *source, Clock::now());
  } else if (method == COAP_REQUEST_CODE_DELETE) {
    const std::lock_guard lock(directory_.mutex);
    answer = directory_.table.remove(id);
  } else {
    set_text_answer(response, code::kMethodNotAllowed,
                    "a registration resource takes POST (update) and DELETE (removal)");
    return;
  }
  conclude(answer, response);
}

void ServerResources::conclude(const RdAnswer& answer, coap_pdu_t* response) {
  if (answer.change == RdChange::none) {
    set_text_answer(response, answer.code, answer.diagnostic);
    return;
  }
  coap_pdu_set_code(response, static_cast<coap_pdu_code_t>(answer.code));
  const Registration& r = answer.registration;
  switch (answer.change) {
    case RdChange::registered:
      if (answer.code != code::kChanged)
        (void)add_path(response, r.location, COAP_OPTION_LOCATION_PATH);
      if (log_.on(LogLevel::info)) {
        log_.write(LogLevel::info, "registered " + r.endpoint + " at " + r.base + " as " +
                                       r.location + " (lifetime " +
                                       std::to_string(r.lifetime.count()) + " s)");
      }
      listener_.on_registered(r, false);
      break;
    case RdChange::refreshed:
      if (log_.on(LogLevel::debug)) log_.write(LogLevel::debug, "refreshed " + r.endpoint);
      listener_.on_registered(r, true);
      break;
    case RdChange::removed:
      if (log_.on(LogLevel::info)) log_.write(LogLevel::info, "removed " + r.endpoint);
      listener_.on_unregistered(r.endpoint, Unregistered::removed);
      break;
    case RdChange::none:
      break;
  }
}

void ServerResources::serve_blob(coap_resource_t* resource, coap_session_t* session,
                                 const coap_pdu_t* request, const coap_string_t* query,
                                 const PduOptions& options, coap_pdu_t* response) {
  if (coap_pdu_get_code(request) != COAP_REQUEST_CODE_GET) {
    set_text_answer(response, code::kMethodNotAllowed, "blobs are read with GET");
    return;
  }
  const std::string& key = options.path[1];
  std::shared_ptr<const std::vector<uint8_t>> blob;
  try {
    blob = blobs_.blob(key);
  } catch (const std::exception& e) {
    log_.write(LogLevel::error, std::string("BlobSource::blob threw: ") + e.what());
    set_text_answer(response, code::kInternalError, "the blob store failed");
    return;
  }
  if (!blob) {
    set_text_answer(response, code::kNotFound, "no blob under this key");
    return;
  }
  answer_large(resource, session, request, query, response, COAP_MEDIATYPE_APPLICATION_OCTET_STREAM,
               std::move(blob));
}

void ServerResources::device_request(coap_session_t* session, const coap_pdu_t* request,
                                     const PduOptions& options, coap_pdu_t* response) {
  const Method method = method_of(request);
  if (method != Method::post && method != Method::put) {
    set_text_answer(response, code::kNotFound, "no resource at " + joined_path(options.path));
    return;
  }
  const std::optional<IpEndpoint> source = remote_of(session);
  std::string endpoint;
  if (source) {
    const std::lock_guard lock(directory_.mutex);
    endpoint = directory_.table.endpoint_at(*source);
  }
  const PduBody body = read_body(request);
  const std::vector<uint8_t> payload(body.bytes.begin(), body.bytes.end());
  const bool accepted = listener_.on_device_request(endpoint, method, joined_path(options.path),
                                                    options.query, options.content_format, payload);
  coap_pdu_set_code(response,
                    static_cast<coap_pdu_code_t>(accepted ? code::kChanged : code::kForbidden));
}

void ServerResources::expire_registrations(Clock::time_point now) {
  std::vector<std::string> expired;
  {
    const std::lock_guard lock(directory_.mutex);
    expired = directory_.table.expire(now);
  }
  for (const std::string& endpoint : expired) {
    if (log_.on(LogLevel::info))
      log_.write(LogLevel::info, "registration of " + endpoint + " expired");
    listener_.on_unregistered(endpoint, Unregistered::expired);
  }
}

}  // namespace tc::gw
