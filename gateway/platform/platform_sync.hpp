// The platform link's loop (docs/api/platform-link.md): one thread that pulls the desired state,
// reconciles managed devices through the command queue, meters usage, delivers the outbox and
// pushes the actual state, with back-off (1 s doubling to 60 s) while the platform fails. The
// gateway's own API and reconciling with the stored desired state go on meanwhile.
//
// Events reach the outbox from the hub's subscriber hook on the publishing thread (before any
// stream reader sees them); the hook also marks the event's device for reconciling and wakes the
// loop. Everything else (desired state, device views, refusals, timers) belongs to the loop's
// thread; the mutex guards only what the hook and status() share with it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "events/event.hpp"
#include "platform/desired_store.hpp"
#include "platform/outbox.hpp"
#include "platform/platform_client.hpp"
#include "platform/platform_link.hpp"
#include "platform/reconciler.hpp"
#include "platform/state_report.hpp"
#include "platform/usage_meter.hpp"

namespace tc::gw {

struct DeviceSnapshot;

class PlatformSync final : public PlatformLink {
 public:
  // Subscribes to the event hub at once (every event from now on reaches the outbox).
  PlatformSync(PlatformOptions options, PlatformParts parts);
  ~PlatformSync() override;
  PlatformSync(const PlatformSync&) = delete;
  PlatformSync& operator=(const PlatformSync&) = delete;

  [[nodiscard]] std::string start() override;
  void stop() override;
  [[nodiscard]] PlatformStatus status() const override;

 private:
  using Clock = std::chrono::steady_clock;
  // A reconciling command this link queued, until it is final.
  struct Submitted {
    std::string device;
    std::string container;
    CommandKind kind = CommandKind::start;
    std::optional<DesiredContainer> desired;
  };
  // What fetching an envelope gave: its bytes, or why not (`bad`: the platform's bytes do not
  // match the desired state, which holds the container back like a refusal).
  struct Envelope {
    std::optional<std::vector<uint8_t>> bytes;
    std::string problem;
    bool bad = false;
  };

  void on_event(const Event& event);
  void run();
  void turn(Clock::time_point now);
  [[nodiscard]] Clock::time_point next_wake() const;

  void pull();
  void accept(DesiredState state, const std::string& text);
  void reject(const std::string& text, const std::string& reason);

  [[nodiscard]] std::set<std::string> due_devices(bool all);
  void reconcile(const std::string& device);
  [[nodiscard]] bool settle_submitted(const std::string& device);
  void plan_and_submit(const std::string& device, const std::vector<DesiredContainer>& desired,
                       const DeviceSnapshot& snapshot, DeviceView& view);
  Envelope envelope(const DesiredContainer& container);
  void prefetch_envelopes();
  void set_sync(DeviceView& view, std::vector<ContainerSync> sync);

  void meter();
  void deliver();
  void push_state(Clock::time_point now);

  [[nodiscard]] bool platform_ready(Clock::time_point now) const { return now >= retry_at_; }
  void succeeded();
  void failed(const PlatformReply& reply, std::string_view request);
  void set_error(std::string error);

  const PlatformOptions options_;
  PlatformParts parts_;
  PlatformClient client_;
  Outbox outbox_;
  UsageMeter meter_;
  DesiredStore desired_store_;

  // The loop's own.
  std::optional<DesiredState> desired_;
  DeviceViews views_;
  std::map<int64_t, Submitted> submitted_;
  std::map<std::string, Refusals, std::less<>> refusals_;
  std::string last_rejected_;  // the text of the last document rejected (reported once)
  Clock::time_point next_pull_{};
  Clock::time_point next_tick_{};
  Clock::time_point next_usage_{};
  Clock::time_point retry_at_{};
  Clock::time_point last_push_{};
  std::chrono::milliseconds backoff_;
  bool state_changed_ = true;

  // Shared with the hub's hook and status().
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::set<std::string> due_;      // devices to reconcile
  bool poked_ = false;             // an event arrived: deliver
  bool presence_changed_ = false;  // a device came online or went offline: push the state
  bool stopping_ = false;
  PlatformStatus status_;
  std::thread thread_;
};

}  // namespace tc::gw
