#include "coap_fetcher.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include "coap/accessors.hpp"
#include "coap/block.hpp"
#include "coap/builder.hpp"
#include "coap/code.hpp"
#include "coap/message.hpp"
#include "native_ports.hpp"

namespace tc::native {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kScheme = "coap://";
constexpr std::string_view kSecureScheme = "coaps://";
constexpr std::string_view kLocalhost = "localhost";
// A request is one GET: header, token, the URI's options, Block2 and Size2. 512 bytes of
// options hold any URI a manifest reasonably names; a longer one fails clearly.
constexpr std::size_t kOptionStorage = 512;
constexpr std::size_t kRequestBytes = kOptionStorage + 64;
// A response carries at most a 1024-byte block plus its header and options (RFC 7252 4.6 puts a
// message at 1152 bytes); a datagram beyond this is not a response to our request.
constexpr std::size_t kDatagramBytes = 1500;
constexpr std::size_t kMaxSegment = 255;  // Uri-Path and Uri-Query values (RFC 7252 5.10)

Status failure(const char* why) {
  return {StatusCode::failed_precondition, why};
}

bool equals_nocase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           const auto lower = [](char c) {
             return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
           };
           return lower(x) == lower(y);
         });
}

bool starts_nocase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && equals_nocase(text.substr(0, prefix.size()), prefix);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decodes one path segment or query parameter (RFC 7252 6.4 steps 8 and 9: the option
// value is the decoded text) into `out`; the decoded bytes, or an error.
Result<std::span<const uint8_t>> decode(std::string_view text, std::span<uint8_t> out) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (n == out.size()) return failure("a URI path segment or query is longer than 255 bytes");
    if (text[i] != '%') {
      out[n++] = static_cast<uint8_t>(text[i]);
      continue;
    }
    const int high = i + 2 < text.size() ? hex_digit(text[i + 1]) : -1;
    const int low = high >= 0 ? hex_digit(text[i + 2]) : -1;
    if (low < 0) return failure("a '%' in the URI is not followed by two hex digits");
    out[n++] = static_cast<uint8_t>(high * 16 + low);
    i += 2;
  }
  return std::span<const uint8_t>(out.data(), n);
}

// Calls `each` with every segment of `path` ("/a/b" → "a", "b"; "/a/" → "a", ""); "" and "/"
// have none (RFC 7252 6.4 step 8). Stops at the first error `each` returns.
template <typename Each>
Status for_each_segment(std::string_view path, Each each) {
  if (path.empty() || path == "/") return Status::Ok();
  path.remove_prefix(1);
  for (;;) {
    const std::size_t slash = path.find('/');
    if (Status st = each(path.substr(0, slash)); !st.ok()) return st;
    if (slash == std::string_view::npos) return Status::Ok();
    path.remove_prefix(slash + 1);
  }
}

template <typename Each>
Status for_each_parameter(std::string_view query, Each each) {
  if (query.empty()) return Status::Ok();
  for (;;) {
    const std::size_t amp = query.find('&');
    if (Status st = each(query.substr(0, amp)); !st.ok()) return st;
    if (amp == std::string_view::npos) return Status::Ok();
    query.remove_prefix(amp + 1);
  }
}

Result<uint16_t> parse_port(std::string_view text) {
  if (text.empty()) return kCoapDefaultPort;  // "coap://host:/x": RFC 3986 3.2.3, the default
  uint32_t port = 0;
  for (const char c : text) {
    if (c < '0' || c > '9' || port > 65535) return failure("the URI's port is not a number");
    port = port * 10 + static_cast<uint32_t>(c - '0');
  }
  if (port == 0 || port > 65535) return failure("the URI's port is out of range");
  return static_cast<uint16_t>(port);
}

uint32_t random_u32() {
  GetrandomEntropy entropy;
  return entropy.random_u32();
}

int millis_until(Clock::time_point until) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
  return static_cast<int>(std::clamp<decltype(left)>(left, 0, 60'000));
}

}  // namespace

Status parse_fetch_uri(std::string_view uri, FetchUri& out) {
  out = FetchUri{};
  if (starts_nocase(uri, kSecureScheme))
    return failure("coaps:// (DTLS) is not supported: only coap:// URIs can be fetched");
  if (!starts_nocase(uri, kScheme)) return failure("only coap:// URIs can be fetched");
  std::string_view rest = uri.substr(kScheme.size());
  if (rest.find('#') != std::string_view::npos)
    return failure("a coap:// URI with a fragment cannot be fetched (RFC 7252 6.4)");
  const std::size_t authority_end = std::min(rest.find_first_of("/?"), rest.size());
  const std::string_view authority = rest.substr(0, authority_end);
  rest.remove_prefix(authority_end);
  if (authority.find('@') != std::string_view::npos)
    return failure("user information in a coap:// URI is not supported");
  if (authority.starts_with('['))
    return failure("IPv6 hosts cannot be fetched: the native port is IPv4 only");
  const std::size_t colon = authority.rfind(':');
  const std::string_view host = authority.substr(0, colon);
  const Result<uint16_t> port = colon == std::string_view::npos
                                    ? Result<uint16_t>(kCoapDefaultPort)
                                    : parse_port(authority.substr(colon + 1));
  if (!port.ok()) return port.status();
  if (host.empty()) return failure("the coap:// URI has no host");

  std::array<uint8_t, 4> address{127, 0, 0, 1};
  if (equals_nocase(host, kLocalhost)) {
    out.named_host = true;
  } else {
    // inet_pton wants a C string; an IPv4 literal has at most 15 characters.
    std::array<char, 16> text{};
    in_addr parsed{};
    if (host.size() < text.size()) std::copy(host.begin(), host.end(), text.begin());
    if (host.size() >= text.size() || inet_pton(AF_INET, text.data(), &parsed) != 1) {
      return failure(
          "the URI's host is not an IPv4 address or localhost: the device resolves no names");
    }
    std::memcpy(address.data(), &parsed, address.size());
  }
  const Result<coap::Endpoint> peer = coap::Endpoint::from(address, *port);
  if (!peer.ok()) return peer.status();

  const std::size_t question = rest.find('?');
  out.peer = *peer;
  out.host = host;
  out.path = rest.substr(0, question);
  out.query = question == std::string_view::npos ? std::string_view{} : rest.substr(question + 1);
  // Check the encoding now, so that a bad URI fails before anything is sent.
  std::array<uint8_t, kMaxSegment> scratch{};
  Status st = for_each_segment(out.path, [&](std::string_view segment) {
    if (segment == "." || segment == "..")
      return failure("dot segments in a coap:// URI are not supported");
    const Result<std::span<const uint8_t>> d = decode(segment, scratch);
    return d.ok() ? Status::Ok() : d.status();
  });
  if (st.ok()) {
    st = for_each_parameter(out.query, [&](std::string_view parameter) {
      const Result<std::span<const uint8_t>> d = decode(parameter, scratch);
      return d.ok() ? Status::Ok() : d.status();
    });
  }
  return st;
}

// One fetch's socket (connected to the server, so that the kernel drops datagrams from anyone
// else and reports an ICMP port unreachable) and its exchanges, all under one deadline.
class CoapFetcher::Session {
 public:
  Session(const FetchTiming& timing, Clock::time_point deadline, uint32_t& sent)
      : timing_(timing), deadline_(deadline), sent_(sent) {}
  ~Session() {
    if (fd_ >= 0) ::close(fd_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  Status open(const coap::Endpoint& peer) {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return failure("cannot open a UDP socket");
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(peer.port);
    std::memcpy(&to.sin_addr, peer.address.data(), 4);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&to), sizeof to) != 0)
      return failure("cannot reach the server's address (no route)");
    return Status::Ok();
  }

  // Sends `request` (a CON with `message_id` and `token`) until its response arrives, following
  // RFC 7252 4.2 and 5.2: a piggybacked response in the ACK, or an empty ACK (retransmissions
  // stop) then a separate response (CON, which is acknowledged here, or NON) with the token. The
  // response's views point into this session's datagram buffer until the next exchange.
  Status exchange(std::span<const uint8_t> request, uint16_t message_id, const coap::Token& token,
                  coap::Message& response) {
    if (Status st = send(request); !st.ok()) return st;
    // The first timeout is randomised in [1, ACK_RANDOM_FACTOR) x ACK_TIMEOUT, then doubles.
    const uint32_t spread = timing_.ack_random_permille > 1000
                                ? random_u32() % (timing_.ack_random_permille - 1000)
                                : 0;
    uint64_t timeout_ms = uint64_t{timing_.ack_timeout_ms} * (1000 + spread) / 1000;
    Clock::time_point next_send = Clock::now() + std::chrono::milliseconds(timeout_ms);
    uint8_t retransmitted = 0;
    bool acknowledged = false;  // an empty ACK came: the response will be a separate one
    for (;;) {
      const Clock::time_point now = Clock::now();
      if (now >= deadline_) {
        return failure(acknowledged ? "no separate response within the fetch's time limit"
                                    : "no answer within the fetch's time limit");
      }
      if (!acknowledged && now >= next_send) {
        if (retransmitted == timing_.max_retransmit)
          return failure("no answer to the request and its retransmissions");
        ++retransmitted;
        timeout_ms *= 2;
        next_send = now + std::chrono::milliseconds(timeout_ms);
        if (Status st = send(request); !st.ok()) return st;
        continue;
      }
      pollfd p{fd_, POLLIN, 0};
      const int ready =
          ::poll(&p, 1, millis_until(acknowledged ? deadline_ : std::min(next_send, deadline_)));
      if (ready <= 0) continue;  // the timeout (or EINTR): the loop's checks decide
      std::size_t got = 0;
      if (Status st = receive(got); !st.ok()) return st;
      if (got == 0) continue;
      coap::Message m;
      const coap::ParseReason reason = coap::parse({datagram_.data(), got}, m);
      if (reason != coap::ParseReason::ok) {
        // RFC 7252 4.2: a CON we cannot parse is rejected; anything else is dropped.
        if (coap::is_format_error(reason) && m.type == coap::Type::confirmable)
          (void)send_empty(coap::Type::reset, m.message_id);
        continue;
      }
      const bool our_id = m.message_id == message_id;
      switch (m.type) {
        case coap::Type::acknowledgement:
          // An ACK of an earlier request (a late duplicate) or with another token is not ours.
          if (!our_id) continue;
          if (m.code == coap::Code::empty) {
            acknowledged = true;
            continue;
          }
          if (!(m.token == token)) continue;
          response = m;
          return Status::Ok();
        case coap::Type::reset:
          if (our_id) return failure("the server rejected the request (Reset)");
          continue;
        case coap::Type::confirmable:
        case coap::Type::non_confirmable:
          if (!coap::is_response(m.code) || !(m.token == token)) {
            if (m.type == coap::Type::confirmable) {
              // A retransmitted separate response we already took (its ACK was lost) is
              // acknowledged again; any other CON is not for us (RFC 7252 4.2: Reset).
              const bool duplicate = separate_acked_ && m.message_id == separate_id_;
              (void)send_empty(duplicate ? coap::Type::acknowledgement : coap::Type::reset,
                               m.message_id);
            }
            continue;
          }
          if (m.type == coap::Type::confirmable) {
            separate_acked_ = true;
            separate_id_ = m.message_id;
            (void)send_empty(coap::Type::acknowledgement, m.message_id);
          }
          response = m;
          return Status::Ok();
      }
    }
  }

 private:
  Status send(std::span<const uint8_t> datagram) {
    ++sent_;
    if (::send(fd_, datagram.data(), datagram.size(), 0) >= 0) return Status::Ok();
    if (errno == ECONNREFUSED)
      return failure("the server's port is unreachable (ICMP port unreachable)");
    // A full socket buffer loses this datagram as the network might: retransmission covers it.
    if (errno == EAGAIN || errno == ENOBUFS || errno == EINTR) return Status::Ok();
    return failure("cannot send to the server");
  }

  Status send_empty(coap::Type type, uint16_t message_id) {
    coap::Message m;
    m.type = type;
    m.code = coap::Code::empty;
    m.message_id = message_id;
    std::array<uint8_t, coap::kHeaderSize> bytes{};
    const Result<std::size_t> n = coap::serialize(m, bytes);
    if (!n.ok()) return n.status();
    return send({bytes.data(), *n});
  }

  Status receive(std::size_t& got) {
    got = 0;
    // MSG_TRUNC: the datagram's real length, so that a cut one is noticed rather than parsed.
    const ssize_t n = ::recv(fd_, datagram_.data(), datagram_.size(), MSG_DONTWAIT | MSG_TRUNC);
    if (n < 0) {
      if (errno == ECONNREFUSED)
        return failure("the server's port is unreachable (ICMP port unreachable)");
      if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) return Status::Ok();
      return failure("cannot receive from the server");
    }
    if (static_cast<std::size_t>(n) > datagram_.size())
      return failure("the server sent a datagram larger than 1500 bytes");
    got = static_cast<std::size_t>(n);
    return Status::Ok();
  }

  const FetchTiming& timing_;
  Clock::time_point deadline_;
  uint32_t& sent_;
  int fd_ = -1;
  bool separate_acked_ = false;
  uint16_t separate_id_ = 0;
  std::array<uint8_t, kDatagramBytes> datagram_{};
};

Result<suit::Bytes> CoapFetcher::fetch(std::string_view uri, std::span<uint8_t> into) {
  const Clock::time_point start = Clock::now();
  last_code_ = 0;
  last_sent_ = 0;
  last_blocks_ = 0;
  const Result<suit::Bytes> got = run(uri, into);
  last_error_ = got.ok() ? "ok" : got.status().message();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  // The URI comes from an authenticated manifest, but it is still printed bounded.
  const int shown = static_cast<int>(std::min<std::size_t>(uri.size(), 200));
  if (!got.ok()) {
    if (last_code_ != 0) {
      const auto code = static_cast<coap::Code>(last_code_);
      std::fprintf(stderr, "tc-device: fetch %.*s: %s (%u.%02u), after %lld ms\n", shown,
                   uri.data(), last_error_, unsigned{coap::code_class(code)},
                   unsigned{coap::code_detail(code)}, static_cast<long long>(ms));
    } else {
      std::fprintf(stderr, "tc-device: fetch %.*s: %s, after %lld ms\n", shown, uri.data(),
                   last_error_, static_cast<long long>(ms));
    }
  } else if (verbose_) {
    std::fprintf(
        stderr, "tc-device: fetched %zu bytes from %.*s (blocks: %u, datagrams: %u, %lld ms)\n",
        got->size(), shown, uri.data(), last_blocks_, last_sent_, static_cast<long long>(ms));
  }
  return got;
}

Result<suit::Bytes> CoapFetcher::run(std::string_view uri, std::span<uint8_t> into) {
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timing_.limit_ms);
  FetchUri target;
  if (Status st = parse_fetch_uri(uri, target); !st.ok()) return st;
  Session session(timing_, deadline, last_sent_);
  if (Status st = session.open(target.peer); !st.ok()) return st;
  if (!seeded_) {
    // RFC 7252 4.4: a randomised first message id, so that a restarted device is not taken for
    // a duplicate of its previous life.
    next_message_id_ = static_cast<uint16_t>(random_u32());
    seeded_ = true;
  }

  std::size_t offset = 0;
  uint8_t szx = kFetchFirstSzx;
  std::array<uint8_t, coap::kMaxTokenLength> first_etag{};
  std::size_t first_etag_size = 0;
  bool first_had_etag = false;
  for (;;) {
    // Each block is its own request with a fresh random token (RFC 7252 5.3.1: tokens guard
    // against spoofed responses), so a late response to an earlier block never matches.
    std::array<uint8_t, coap::kMaxTokenLength> token_bytes{};
    for (std::size_t i = 0; i < token_bytes.size(); i += 4) {
      const uint32_t r = random_u32();
      std::memcpy(token_bytes.data() + i, &r, 4);
    }
    const Result<coap::Token> token = coap::Token::from(token_bytes);
    if (!token.ok()) return token.status();
    const uint16_t message_id = next_message_id_++;
    const coap::Block want{
        .num = static_cast<uint32_t>(offset / coap::block_size(szx)), .more = false, .szx = szx};
    if (want.num > coap::kMaxBlockNum)
      return failure("the resource has more blocks than Block2 can number");

    std::array<uint8_t, kOptionStorage> storage{};
    coap::MessageBuilder b(coap::Type::confirmable, coap::Code::get, message_id, storage);
    b.token(token_bytes);
    // RFC 7252 6.4 step 5: a host that is not an IP literal travels as Uri-Host; the port is
    // the one the request goes to, so Uri-Port is never needed.
    if (target.named_host) b.option(coap::OptionNumber::uri_host, kLocalhost);
    std::array<uint8_t, kMaxSegment> scratch{};
    Status built = for_each_segment(target.path, [&](std::string_view segment) {
      const Result<std::span<const uint8_t>> d = decode(segment, scratch);
      if (d.ok()) b.option(coap::OptionNumber::uri_path, *d);
      return d.ok() ? Status::Ok() : d.status();
    });
    if (built.ok()) {
      built = for_each_parameter(target.query, [&](std::string_view parameter) {
        const Result<std::span<const uint8_t>> d = decode(parameter, scratch);
        if (d.ok()) b.option(coap::OptionNumber::uri_query, *d);
        return d.ok() ? Status::Ok() : d.status();
      });
    }
    if (!built.ok()) return built;
    b.block(coap::OptionNumber::block2, want);
    // RFC 7959 4: Size2 0 in the first request asks for the total size, so that a resource too
    // large for the buffer is refused before its blocks are transferred.
    if (offset == 0) b.uint_option(coap::OptionNumber::size2, 0);
    std::array<uint8_t, kRequestBytes> request{};
    const Result<std::size_t> length = b.serialize(request);
    if (!length.ok()) return failure("the URI does not fit in one CoAP request");

    coap::Message response;
    if (Status st = session.exchange({request.data(), *length}, message_id, *token, response);
        !st.ok()) {
      return st;
    }
    ++last_blocks_;
    if (response.code != coap::Code::content) {
      last_code_ = static_cast<uint8_t>(response.code);
      return failure("the server did not answer 2.05 Content");
    }
    if (coap::first_bad_critical_option(response) != nullptr)
      return failure("the response has a critical option this device does not understand");

    // RFC 7959 2.4: an ETag that changes between blocks means the blocks are of different
    // representations; the digest would catch the mix, this says why.
    const coap::Option* etag = response.find(coap::OptionNumber::etag);
    if (offset == 0) {
      first_had_etag = etag != nullptr;
      if (etag != nullptr) {
        first_etag_size = std::min(etag->value.size(), first_etag.size());
        std::copy_n(etag->value.begin(), first_etag_size, first_etag.begin());
      }
    } else if ((etag != nullptr) != first_had_etag ||
               (etag != nullptr &&
                !std::equal(etag->value.begin(), etag->value.end(), first_etag.begin(),
                            first_etag.begin() + static_cast<std::ptrdiff_t>(first_etag_size)))) {
      return failure("the resource changed during the transfer (its ETag changed)");
    }
    if (const Result<uint32_t> size2 = coap::get_uint(response, coap::OptionNumber::size2);
        size2.ok() && *size2 > into.size()) {
      return failure("the resource is larger than the fetch buffer (Size2)");
    }

    const std::span<const uint8_t> payload = response.payload;
    const Result<coap::Block> block = coap::get_block(response, coap::OptionNumber::block2);
    bool more = false;
    if (!block.ok()) {
      if (block.status().code() != StatusCode::not_found)
        return failure("the response's Block2 option is malformed");
      // No Block2: the whole representation in one message, an answer only to the first block.
      if (offset != 0) return failure("the server stopped answering block-wise");
    } else {
      // The server may choose smaller blocks than asked (RFC 7959 2.4), never larger, and must
      // answer the block at the offset asked for.
      if (block->szx > want.szx) return failure("the server answered a larger block than asked");
      if (block->offset() != offset)
        return failure("the server answered another block than the one asked for");
      if (block->more ? payload.size() != block->size() : payload.size() > block->size())
        return failure("a block's payload does not match its size");
      more = block->more;
      szx = block->szx;
    }
    if (payload.size() > into.size() - offset)
      return failure("the resource is larger than the fetch buffer");
    std::copy(payload.begin(), payload.end(), into.begin() + static_cast<std::ptrdiff_t>(offset));
    offset += payload.size();
    if (!more) return suit::Bytes(into.data(), offset);
  }
}

}  // namespace tc::native
