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
#include "rd/coap_uri.hpp"

namespace tc::native {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::string_view kLocalhost = "localhost";
// A request is one GET: header, token, the URI's options, Block2 and Size2. 512 bytes of
// options hold any URI a manifest reasonably names; a longer one fails clearly.
constexpr std::size_t kOptionStorage = 512;
constexpr std::size_t kRequestBytes = kOptionStorage + 64;
// A response carries at most a 1024-byte block plus its header and options (RFC 7252 4.6 puts a
// message at 1152 bytes); a datagram beyond this is not a response to our request.
constexpr std::size_t kDatagramBytes = 1500;

Status failure(const char* why) {
  return {StatusCode::failed_precondition, why};
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
  rd::CoapUri parsed;
  if (Status st = rd::parse_coap_uri(uri, parsed); !st.ok()) return failure(st.message());
  std::array<uint8_t, 4> address{127, 0, 0, 1};
  if (rd::equals_nocase(parsed.host, kLocalhost)) {
    out.named_host = true;
  } else if (parsed.ipv4) {
    address = *parsed.ipv4;
  } else {
    return failure(
        "the URI's host is not an IPv4 address or localhost: the device resolves no names");
  }
  const Result<coap::Endpoint> peer = coap::Endpoint::from(address, parsed.port);
  if (!peer.ok()) return peer.status();
  out.peer = *peer;
  out.uri = parsed;
  out.host = parsed.host;
  out.path = parsed.path;
  out.query = parsed.query;
  return Status::Ok();
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
    return send(coap::empty_message(type, message_id));
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
    if (Status built = rd::add_request_options(b, target.uri); !built.ok()) return built;
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
