#include "coap/libcoap_support.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <mutex>

namespace tc::gw {

void start_libcoap() {
  static std::once_flag started;
  std::call_once(started, [] {
    coap_startup();
    // libcoap's own log is process-wide; the gateway logs what matters itself.
    coap_set_log_level(LOG_EMERG);
  });
}

PduOptions read_options(const coap_pdu_t* pdu) {
  PduOptions out;
  coap_opt_iterator_t it;
  coap_option_iterator_init(pdu, &it, COAP_OPT_ALL);
  while (coap_opt_t* option = coap_option_next(&it)) {
    const uint8_t* value = coap_opt_value(option);
    const unsigned length = coap_opt_length(option);
    const auto text = [&] { return std::string(reinterpret_cast<const char*>(value), length); };
    switch (it.number) {
      case COAP_OPTION_URI_PATH:
        out.path.push_back(text());
        break;
      case COAP_OPTION_URI_QUERY:
        out.query.push_back(text());
        break;
      case COAP_OPTION_LOCATION_PATH:
        out.location_path.push_back(text());
        break;
      case COAP_OPTION_CONTENT_FORMAT:
        if (length > 2 && out.malformed.empty()) {
          out.malformed = "Content-Format longer than 2 bytes";
        }
        out.content_format = static_cast<uint16_t>(coap_decode_var_bytes(value, length));
        break;
      case COAP_OPTION_OBSERVE:
        out.observe = true;
        break;
      case COAP_OPTION_BLOCK2:
        if (length > 0 && (value[length - 1] & 0x08) != 0) out.block2_more = true;
        break;
      default:
        break;
    }
  }
  return out;
}

PduBody read_body(const coap_pdu_t* pdu) {
  size_t length = 0;
  size_t offset = 0;
  size_t total = 0;
  const uint8_t* data = nullptr;
  PduBody out;
  if (coap_get_data_large(pdu, &length, &data, &offset, &total) == 0 || data == nullptr) {
    return out;
  }
  out.bytes = {data, length};
  out.complete = offset == 0 && (total == 0 || total == length);
  return out;
}

std::string token_of(const coap_pdu_t* pdu) {
  const coap_bin_const_t token = coap_pdu_get_token(pdu);
  return {reinterpret_cast<const char*>(token.s), token.length};
}

coap_address_t to_coap_address(const IpEndpoint& endpoint) {
  coap_address_t address;
  coap_address_init(&address);
  const SocketAddress socket = to_sockaddr(endpoint);
  if (socket.length > 0 && socket.length <= sizeof address.addr) {
    std::memcpy(&address.addr, &socket.storage, socket.length);
    address.size = socket.length;
  }
  return address;
}

std::optional<IpEndpoint> remote_of(const coap_session_t* session) {
  const coap_address_t* address = coap_session_get_addr_remote(session);
  if (address == nullptr) return std::nullopt;
  return endpoint_from_sockaddr(&address->addr.sa, address->size);
}

bool add_string_option(coap_pdu_t* pdu, uint16_t option, std::string_view value) {
  if (value.size() > 255) return false;
  return coap_add_option(pdu, option, value.size(),
                         reinterpret_cast<const uint8_t*>(value.data())) != 0;
}

bool add_uint_option(coap_pdu_t* pdu, uint16_t option, uint32_t value) {
  std::array<uint8_t, 4> bytes{};
  const unsigned length = coap_encode_var_safe(bytes.data(), bytes.size(), value);
  return coap_add_option(pdu, option, length, bytes.data()) != 0;
}

bool add_path(coap_pdu_t* pdu, std::string_view path, uint16_t option) {
  while (!path.empty()) {
    const std::size_t slash = std::min(path.find('/'), path.size());
    const std::string_view segment = path.substr(0, slash);
    if (!segment.empty() && !add_string_option(pdu, option, segment)) return false;
    path.remove_prefix(std::min(slash + 1, path.size()));
  }
  return true;
}

void set_text_answer(coap_pdu_t* response, uint8_t code, std::string_view text) {
  coap_pdu_set_code(response, static_cast<coap_pdu_code_t>(code));
  if (text.empty()) return;
  (void)add_uint_option(response, COAP_OPTION_CONTENT_FORMAT, COAP_MEDIATYPE_TEXT_PLAIN);
  coap_add_data(response, text.size(), reinterpret_cast<const uint8_t*>(text.data()));
}

}  // namespace tc::gw
