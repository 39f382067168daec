// A minimal UDP CoAP server built only from the device core's message layer (runtime/coap). It
// exists to prove that the codec interoperates with libcoap's coap-client; the device's real
// server (exchanges, retransmission, deduplication, observe) is a separate layer.
//
//   coap_interop_server [PORT]      binds 127.0.0.1:PORT (0 = any free port), prints the port
//   coap_interop_server --large     prints the /large representation and exits
//
// Resources: GET /hello → "world"; GET /.well-known/core → link format; GET /large → a 700-byte
// text served block-wise (Block2, late or early negotiation). Exits after 30 s without traffic.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "coap/accessors.hpp"
#include "coap/builder.hpp"
#include "coap/link_format.hpp"
#include "coap/message.hpp"
#include "coap/uri.hpp"

namespace {

using namespace tc::coap;

constexpr uint8_t kDefaultSzx = 4;  // 256-byte blocks unless the client asks for smaller

std::string large_representation() {
  std::string text;
  for (int line = 0; text.size() < 700; ++line)
    text += "line " + std::to_string(line) + " of the large resource\n";
  text.resize(700);
  text.back() = '\n';  // whole lines: coap-client would add a newline after a partial one
  return text;
}

std::span<const uint8_t> bytes_of(std::string_view text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

std::string_view link_document(std::span<char> out) {
  LinkFormatWriter w(out);
  (void)w.add({.path = "/hello", .rt = "greeting", .ct = 0});
  (void)w.add({.path = "/large", .rt = "block", .ct = 0, .sz = 700});
  return w.text();
}

// A response matching the request: piggybacked ACK for CON, NON with a fresh id for NON.
MessageBuilder respond(const Message& request, Code code, uint16_t& next_id,
                       std::span<uint8_t> storage) {
  const bool con = request.type == Type::confirmable;
  MessageBuilder b(con ? Type::acknowledgement : Type::non_confirmable, code,
                   con ? request.message_id : next_id++, storage);
  b.token(request.token.bytes());
  return b;
}

struct Resource {
  std::string_view path;
  ContentFormat format;
  std::string_view body;
};

const Resource* find_resource(const Message& request) {
  static const std::string large = large_representation();
  static char links[256];
  static const Resource resources[] = {
      {"/hello", ContentFormat::text_plain, "world"},
      {"/.well-known/core", ContentFormat::link_format, link_document(links)},
      {"/large", ContentFormat::text_plain, large},
  };
  for (const Resource& resource : resources) {
    if (path_equals(request, resource.path)) return &resource;
  }
  return nullptr;
}

Code check(const Message& request, const Resource* resource) {
  if (first_bad_critical_option(request) != nullptr) return Code::bad_option;
  if (resource == nullptr) return Code::not_found;
  if (request.code != Code::get) return Code::method_not_allowed;
  return Code::content;
}

// The representation, one block of it when it is larger than a block or the client asked for
// blocks (RFC 7959 2.4: the server may pick a smaller size than asked, never a larger one).
Code serve(MessageBuilder& b, const Message& request, const Resource& resource) {
  const std::span<const uint8_t> body = bytes_of(resource.body);
  const tc::Result<Block> asked = get_block(request, OptionNumber::block2);
  Block block{0, false, kDefaultSzx};
  if (asked.ok()) {
    block.szx = std::min(asked->szx, kDefaultSzx);
    block.num = static_cast<uint32_t>(asked->offset() / block.size());  // same offset
  }
  if (block.offset() >= body.size() && !body.empty()) return Code::bad_option;
  const std::size_t length = std::min(block.size(), body.size() - block.offset());
  block.more = block.offset() + length < body.size();
  b.content_format(resource.format);
  if (block.more || asked.ok()) b.block(OptionNumber::block2, block);
  b.payload(body.subspan(block.offset(), length));
  return Code::content;
}

std::size_t handle_request(const Message& request, uint16_t& next_id, std::span<uint8_t> out) {
  const Resource* resource = find_resource(request);
  uint8_t storage[64];
  MessageBuilder b = respond(request, check(request, resource), next_id, storage);
  if (b.message().code == Code::content) b.message().code = serve(b, request, *resource);
  const tc::Result<std::size_t> n = b.serialize(out);
  return n.ok() ? *n : 0;
}

// Returns the number of bytes to send back (0: stay silent).
std::size_t handle(std::span<const uint8_t> datagram, uint16_t& next_id, std::span<uint8_t> out) {
  Message m;
  const ParseReason reason = parse(datagram, m);
  const bool reject = (reason != ParseReason::ok && is_format_error(reason)) ||
                      (reason == ParseReason::ok && m.code == Code::empty);  // CoAP ping
  if (reject || reason == ParseReason::too_many_options) {
    if (m.type != Type::confirmable) return 0;
    MessageBuilder rst(Type::reset, Code::empty, m.message_id, {});
    const tc::Result<std::size_t> n = rst.serialize(out);
    return n.ok() ? *n : 0;
  }
  if (reason != ParseReason::ok || !is_request(m.code)) return 0;
  return handle_request(m, next_id, out);
}

int run(uint16_t port) {
  const int fd = socket(AF_INET, SOCK_DGRAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    std::perror("coap_interop_server");
    return 1;
  }
  std::printf("%u\n", ntohs(addr.sin_port));
  std::fflush(stdout);
  uint16_t next_id = 0x4000;
  for (;;) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 30000) <= 0) return 0;
    uint8_t in[1500];
    uint8_t out[1500];
    sockaddr_in peer{};
    socklen_t peer_len = sizeof peer;
    const ssize_t got =
        recvfrom(fd, in, sizeof in, 0, reinterpret_cast<sockaddr*>(&peer), &peer_len);
    if (got < 0) continue;
    const std::size_t n = handle({in, static_cast<std::size_t>(got)}, next_id, out);
    if (n > 0) sendto(fd, out, n, 0, reinterpret_cast<sockaddr*>(&peer), peer_len);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--large") == 0) {
    std::fputs(large_representation().c_str(), stdout);
    return 0;
  }
  return run(argc > 1 ? static_cast<uint16_t>(std::atoi(argv[1])) : 0);
}
