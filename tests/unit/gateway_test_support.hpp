// Support for the gateway's unit tests: FakeLink, a DeviceLink that records what the gateway
// sends and observes and answers each request with what the test's responder says, at once on
// the caller's thread, or holds it until the test completes it (a device that has not answered
// yet); device answers and registrations as the CoAP side reports them; CBOR from JSON; a
// temporary directory; a bounded wait for a condition.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/json.hpp"
#include "common/temp_dir.hpp"
#include "link/device_link.hpp"

namespace tc::gw::test {

struct SentRequest {
  DeviceAddress to;
  CoapRequest request;
};

struct Observation {
  std::string endpoint;
  DeviceAddress at;
  uint64_t from = 0;
};

inline std::vector<uint8_t> cbor(const Json& json) {
  return dev::json_to_cbor(json).value.value();
}

// A reply with a code, a content format and a payload.
inline CoapOutcome reply(uint8_t code, std::vector<uint8_t> payload = {},
                         std::optional<uint16_t> format = std::nullopt) {
  CoapOutcome o;
  o.reply.code = code;
  o.reply.content_format = format;
  o.reply.payload = std::move(payload);
  return o;
}

inline CoapOutcome failure(CoapFailure f, std::string message = "test") {
  return {f, std::move(message), {}};
}

class FakeLink final : public DeviceLink {
 public:
  // nullopt: hold the request (complete it later with complete_held).
  using Responder = std::function<std::optional<CoapOutcome>(const SentRequest&)>;

  void set_responder(Responder r) {
    const std::lock_guard lock(mutex_);
    responder_ = std::move(r);
  }

  void send(const DeviceAddress& to, CoapRequest request, Completion done) override {
    std::optional<CoapOutcome> outcome;
    {
      const std::lock_guard lock(mutex_);
      sent_.push_back({to, request});
      outcome = responder_ ? responder_(sent_.back()) : std::optional(reply(0x45));
      if (!outcome) {
        held_.push_back(std::move(done));
        changed_.notify_all();
        return;
      }
    }
    changed_.notify_all();
    done(std::move(*outcome));
  }

  void observe_events(const std::string& endpoint, const DeviceAddress& at,
                      uint64_t from) override {
    const std::lock_guard lock(mutex_);
    observations_.push_back({endpoint, at, from});
  }

  void cancel_events(const std::string& endpoint) override {
    const std::lock_guard lock(mutex_);
    cancelled_.push_back(endpoint);
  }

  [[nodiscard]] std::string blob_uri(const DeviceAddress&, std::string_view key) const override {
    return "coap://gateway.test/b/" + std::string(key);
  }

  [[nodiscard]] std::vector<Registration> registrations() const override { return {}; }

  // Completes the oldest held request.
  void complete_held(CoapOutcome outcome) {
    Completion done;
    {
      const std::lock_guard lock(mutex_);
      done = std::move(held_.front());
      held_.pop_front();
    }
    done(std::move(outcome));
  }

  // Waits (bounded) until `count` requests were sent in all; false when they were not.
  bool wait_sent(std::size_t count) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [&] { return sent_.size() >= count; });
  }

  [[nodiscard]] std::vector<SentRequest> sent() const {
    const std::lock_guard lock(mutex_);
    return sent_;
  }
  [[nodiscard]] std::vector<Observation> observations() const {
    const std::lock_guard lock(mutex_);
    return observations_;
  }
  [[nodiscard]] std::vector<std::string> cancelled() const {
    const std::lock_guard lock(mutex_);
    return cancelled_;
  }
  [[nodiscard]] std::size_t held() const {
    const std::lock_guard lock(mutex_);
    return held_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  Responder responder_;
  std::vector<SentRequest> sent_;
  std::deque<Completion> held_;
  std::vector<Observation> observations_;
  std::vector<std::string> cancelled_;
};

// A registration as the resource directory reports it.
inline Registration registration(const std::string& ep, const std::string& base,
                                 int64_t lifetime_s = 60) {
  return {ep, "", base, std::chrono::seconds(lifetime_s), "/rd/1", "</dev>;rt=tc.dev"};
}

// Scratch state directories (the gateway's database, its admin token file).
class TempDir : public cli::TempDir {
 public:
  TempDir() : cli::TempDir("tc-gw-test") {}
};

// Polls `condition` until it holds (bounded: a generous deadline only against hanging).
bool eventually(const std::function<bool()>& condition);

}  // namespace tc::gw::test
