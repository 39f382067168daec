#include "coap_load.hpp"

#include <poll.h>

#include <algorithm>
#include <array>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>

#include "coap/builder.hpp"
#include "coap/message.hpp"
#include "monotonic_clock.hpp"
#include "rd/coap_uri.hpp"
#include "udp_socket.hpp"

namespace tc::bench {
namespace {

// One request slot. The token is the slot index and a generation, so that a late answer to a
// request the slot already gave up on is recognised and dropped.
struct Slot {
  bool busy = false;
  uint16_t generation = 0;
  uint16_t message_id = 0;
  uint64_t sent_us = 0;
};

class LoadRun {
 public:
  LoadRun(const LoadConfig& config, native::UdpSocket& socket, LoadResult& result)
      : config_(config),
        socket_(socket),
        result_(result),
        slots_(config.concurrency),
        random_(config.seed) {}

  void run() {
    start_us_ = monotonic_us();
    end_us_ = start_us_ + uint64_t{config_.duration_s} * 1000000;
    next_message_id_ = static_cast<uint16_t>(random_.next());
    for (std::size_t i = 0; i < slots_.size(); ++i)
      send(i, start_us_);
    while (monotonic_us() < end_us_) {
      wait_readable();
      drain();
      expire(monotonic_us());
    }
    result_.seconds = static_cast<double>(end_us_ - start_us_) / 1e6;
  }

 private:
  void send(std::size_t index, uint64_t now_us) {
    Slot& slot = slots_[index];
    if (now_us >= end_us_) {
      slot.busy = false;
      return;
    }
    slot.busy = true;
    ++slot.generation;
    slot.message_id = next_message_id_++;
    slot.sent_us = now_us;
    const std::array<uint8_t, 4> token{
        static_cast<uint8_t>(index >> 8), static_cast<uint8_t>(index),
        static_cast<uint8_t>(slot.generation >> 8), static_cast<uint8_t>(slot.generation)};
    std::array<uint8_t, 128> storage{};
    coap::MessageBuilder b(coap::Type::confirmable, coap::Code::get, slot.message_id, storage);
    b.token(token).path(config_.path);
    std::array<uint8_t, 256> datagram{};
    const Result<std::size_t> size = b.serialize(datagram);
    const LoadTarget& target = config_.targets[next_target_++ % config_.targets.size()];
    if (!size.ok() ||
        !socket_.send(target.peer, std::span<const uint8_t>(datagram.data(), *size)).ok()) {
      ++result_.send_errors;  // the slot times out and tries again
    }
  }

  void wait_readable() const {
    pollfd p{socket_.fd(), POLLIN, 0};
    (void)::poll(&p, 1, 10);
  }

  void drain() {
    std::array<uint8_t, 1536> buffer{};
    coap::Endpoint from;
    for (std::size_t got = socket_.receive(buffer, from); got != 0;
         got = socket_.receive(buffer, from)) {
      coap::Message m;
      if (coap::parse(std::span<const uint8_t>(buffer.data(), got), m) != coap::ParseReason::ok) {
        continue;
      }
      on_message(from, m, monotonic_us());
    }
  }

  void on_message(const coap::Endpoint& from, const coap::Message& m, uint64_t now_us) {
    if (m.code == coap::Code::empty) return on_empty(m, now_us);
    const auto t = m.token.bytes();
    if (!coap::is_response(m.code) || t.size() != 4) return;
    const std::size_t index = (std::size_t{t[0]} << 8) | t[1];
    const auto generation = static_cast<uint16_t>((t[2] << 8) | t[3]);
    if (m.type == coap::Type::confirmable) acknowledge(from, m);
    if (index >= slots_.size() || !slots_[index].busy || slots_[index].generation != generation) {
      return;  // an answer to a request given up on
    }
    if (m.type != coap::Type::acknowledgement) ++result_.separate;
    finish(index, m.code == coap::Code::content, now_us);
  }

  void on_empty(const coap::Message& m, uint64_t now_us) {
    if (m.type != coap::Type::reset) return;  // an empty ACK: the answer comes separately
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].busy && slots_[i].message_id == m.message_id) return finish(i, false, now_us);
    }
  }

  void finish(std::size_t index, bool content, uint64_t now_us) {
    ++result_.answered;
    if (content) {
      result_.latency_us.record(now_us - slots_[index].sent_us);
    } else {
      ++result_.errors;
    }
    send(index, now_us);
  }

  void acknowledge(const coap::Endpoint& to, const coap::Message& m) {
    (void)socket_.send(to, coap::empty_message(coap::Type::acknowledgement, m.message_id));
  }

  void expire(uint64_t now_us) {
    const uint64_t timeout_us = uint64_t{config_.timeout_ms} * 1000;
    for (std::size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].busy && now_us - slots_[i].sent_us >= timeout_us) {
        ++result_.timeouts;
        send(i, now_us);
      }
    }
  }

  const LoadConfig& config_;
  native::UdpSocket& socket_;
  LoadResult& result_;
  std::vector<Slot> slots_;
  native::SeededRandom random_;
  uint64_t start_us_ = 0;
  uint64_t end_us_ = 0;
  uint16_t next_message_id_ = 0;
  std::size_t next_target_ = 0;
};

bool parse_target(const std::string& line, LoadTarget& out) {
  std::istringstream in(line);
  std::string address;
  if (!(in >> out.id >> address)) return false;
  const std::size_t colon = address.rfind(':');
  if (colon == std::string::npos) return false;
  const std::optional<rd::Ipv4> host = rd::parse_ipv4(std::string_view(address).substr(0, colon));
  const std::string port_text = address.substr(colon + 1);
  const bool digits =
      !port_text.empty() && port_text.size() <= 5 &&
      std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!host || !digits) return false;
  const unsigned long port = std::stoul(port_text);
  if (port == 0 || port > 65535) return false;
  out.peer = *coap::Endpoint::from(*host, static_cast<uint16_t>(port));
  return true;
}

}  // namespace

bool run_coap_load(const LoadConfig& config, LoadResult& result, std::string& error) {
  if (config.targets.empty() || config.concurrency == 0 || config.concurrency > 0xffff) {
    error = "need at least one target and a concurrency of 1 to 65535";
    return false;
  }
  std::unique_ptr<native::UdpSocket> socket = native::UdpSocket::bind("127.0.0.1:0", error);
  if (!socket) return false;
  LoadRun(config, *socket, result).run();
  return true;
}

bool read_targets(const std::string& file, std::vector<LoadTarget>& out, std::string& error) {
  std::ifstream in(file);
  if (!in) {
    error = "cannot read " + file;
    return false;
  }
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty()) continue;
    LoadTarget target;
    if (!parse_target(line, target)) {
      error = file;
      error.append(":").append(std::to_string(number)).append(": expected 'ID IPV4:PORT', got '");
      error.append(line).append("'");
      return false;
    }
    out.push_back(std::move(target));
  }
  return true;
}

}  // namespace tc::bench
