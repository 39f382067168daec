// Test helpers for the gateway's CoAP side (tests/unit/gateway_coap_*_test.cpp): a Listener that
// records every call and lets a test wait for one, blobs from a map, child processes (libcoap's
// command-line tools, tc-device), and a scripted UDP peer that stands in for a device.
// Every wait has a generous limit only so that a broken build fails instead of hanging.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "coap/coap_gateway.hpp"
#include "coap/message.hpp"
#include "link/device_link.hpp"

namespace tc::gw::test {

inline constexpr std::chrono::seconds kPatience{20};

struct DeviceRequestRecord {
  std::string endpoint;
  Method method = Method::get;
  std::string path;
  std::vector<std::string> query;
  std::optional<uint16_t> content_format;
  std::vector<uint8_t> payload;
};

class RecordingListener final : public Listener {
 public:
  void on_registered(const Registration& r, bool refresh) override;
  void on_unregistered(const std::string& endpoint, Unregistered why) override;
  void on_events(const std::string& endpoint, const std::vector<uint8_t>& cbor) override;
  void on_events_ended(const std::string& endpoint, const std::string& why) override;
  bool on_device_request(const std::string& endpoint, Method method, const std::string& path,
                         const std::vector<std::string>& query,
                         std::optional<uint16_t> content_format,
                         const std::vector<uint8_t>& payload) override;

  // Waits until `ready` (called under the lock) holds; false after kPatience.
  bool wait(const std::function<bool()>& ready);

  std::atomic<bool> accept_device_requests{true};
  // Read under lock() or after a wait().
  std::vector<std::pair<Registration, bool>> registered;
  std::vector<std::pair<std::string, Unregistered>> unregistered;
  std::vector<std::pair<std::string, std::vector<uint8_t>>> events;
  std::vector<std::pair<std::string, std::string>> events_ended;
  std::vector<DeviceRequestRecord> device_requests;
  [[nodiscard]] std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

 private:
  void changed();

  std::mutex mutex_;
  std::condition_variable cv_;
};

class MapBlobSource final : public BlobSource {
 public:
  [[nodiscard]] std::shared_ptr<const std::vector<uint8_t>> blob(
      std::string_view key) const override;
  void put(const std::string& key, std::vector<uint8_t> bytes);

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const std::vector<uint8_t>>, std::less<>> blobs_;
};

// A child process with stdout and stderr read into a buffer by a thread of its own.
class Subprocess {
 public:
  explicit Subprocess(const std::vector<std::string>& argv);
  ~Subprocess();
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;

  // The rest of the first output line that starts with `prefix`, or nullopt (exit, kPatience).
  std::optional<std::string> wait_for_line(std::string_view prefix);
  // Waits for the exit (kills after kPatience): the exit status (-1 when killed) and the output.
  struct Finished {
    int status = -1;
    std::string output;
  };
  Finished finish();

 private:
  int pid_ = -1;
  int out_fd_ = -1;
  std::thread reader_;
  std::mutex mutex_;
  std::condition_variable cv_;
  std::string output_;
  bool eof_ = false;
};

// Polls `ready` every few milliseconds until it holds; false after kPatience. For conditions that
// nothing notifies (a scripted peer's counters); the Listener has wait().
bool eventually(const std::function<bool()>& ready);

// Runs a tool to completion.
Subprocess::Finished run_tool(const std::vector<std::string>& argv);

// coap-client-notls with a bounded wait, its output (stdout and stderr) returned.
std::string coap_client(const std::vector<std::string>& args);

// A UDP port on 127.0.0.1 that was free a moment ago.
uint16_t free_udp_port();

// Calls send() and waits for its completion (a local failure "test: no completion" after
// kPatience).
CoapOutcome send_and_wait(DeviceLink& link, const DeviceAddress& to, CoapRequest request);

// A CoAP datagram for a scripted peer, built with the device codec (runtime/coap). Options are
// raw so that a test can write malformed ones.
struct Datagram {
  coap::Type type = coap::Type::acknowledgement;
  uint8_t code = 0x45;
  uint16_t message_id = 0;
  std::vector<uint8_t> token;
  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> options;
  std::vector<uint8_t> payload;
};
std::vector<uint8_t> encode(const Datagram& datagram);
// The piggybacked answer to `request`: same message id and token.
Datagram answer_to(const coap::Message& request, uint8_t code);
// An option value holding `value` as a CoAP uint (RFC 7252 3.2).
std::vector<uint8_t> uint_value(uint32_t value);

// A UDP socket on 127.0.0.1 that answers each datagram it receives with what `respond` returns
// (zero or more datagrams, sent back to the sender at once).
class ScriptedPeer {
 public:
  using Respond = std::function<std::vector<std::vector<uint8_t>>(std::span<const uint8_t>)>;

  explicit ScriptedPeer(Respond respond);
  ~ScriptedPeer();
  ScriptedPeer(const ScriptedPeer&) = delete;
  ScriptedPeer& operator=(const ScriptedPeer&) = delete;

  [[nodiscard]] uint16_t port() const { return port_; }
  [[nodiscard]] std::string address() const { return "coap://127.0.0.1:" + std::to_string(port_); }
  [[nodiscard]] std::size_t received() const { return received_.load(); }
  // Sends a datagram to whoever sent the last one (for separate responses and notifications).
  void send_to_last(std::span<const uint8_t> datagram);

 private:
  void serve();

  Respond respond_;
  int fd_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<std::size_t> received_{0};
  std::mutex peer_mutex_;
  std::vector<uint8_t> last_peer_;  // a sockaddr_storage, raw
  std::thread thread_;
};

// A CoapGateway on an ephemeral port of 127.0.0.1 with a RecordingListener and a MapBlobSource.
// TC_TEST_LOG=debug in the environment turns the gateway's log on.
class GatewayTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(gateway.start(), ""); }

  // "coap://127.0.0.1:PORT/rd?ep=x" for uri("/rd?ep=x").
  [[nodiscard]] std::string uri(std::string_view path_and_query) const;
  static CoapGatewayOptions options();

  RecordingListener listener;
  MapBlobSource blobs;
  CoapGateway gateway{options(), listener, blobs};
};

}  // namespace tc::gw::test
