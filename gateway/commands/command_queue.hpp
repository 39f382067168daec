// The command queue: commands for devices, persisted (CommandStore), sent when their device is
// online, retried with back-off when it does not answer, and reported as they change (events
// command_queued, command_sending, command_retry, command_done, command_failed,
// command_cancelled on the event stream).
//
// Order: a device's commands run one at a time in the order they were queued (an install before
// the start that follows it); a command waiting for its retry holds back the later ones.
// Outcomes: a 2.xx answer -> done (result: the answer as JSON); a 4.xx/5.xx answer -> failed at
// once (result: the device's {"error", "reason"}); an answer that is not CoAP -> failed; no answer
// (timeout, unreachable, could not send) -> queued again after RetryPolicy::delay_after, failed
// when the attempts or the command's age run out. A device that is offline is not sent anything;
// its commands wait (within max_age) and are due at once when it comes back online.
// Restart: unfinished commands are loaded again; one that was being sent is sent again.
//
// One thread schedules and records outcomes; completions from the CoAP side only hand the
// outcome over. Install envelopes live in the BlobStore while an unfinished command needs them.
// The link must be stopped (every completion called) before the queue is destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "blobs/blob_store.hpp"
#include "commands/command.hpp"
#include "commands/command_request.hpp"
#include "commands/command_store.hpp"
#include "commands/retry_policy.hpp"
#include "devices/registry.hpp"
#include "events/event_hub.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

struct CommandQueueOptions {
  RetryPolicy retry;
  CommandTimeouts timeouts;
  // How long past its request timeout a send may stay unanswered before it counts as a timeout
  // (a guard: the CoAP side completes every request).
  std::chrono::milliseconds completion_grace{30000};
  std::size_t keep_finished = 10000;  // finished commands kept in the database
};

struct NewCommand {
  std::string device;
  CommandKind kind = CommandKind::start;
  std::string container;
  std::vector<uint8_t> envelope;  // install only: stored as a blob
};

enum class CancelOutcome : uint8_t { cancelled, not_found, already_final, in_flight };

class CommandQueue {
 public:
  CommandQueue(Database& db, Registry& devices, EventHub& events, BlobStore& blobs,
               CommandQueueOptions options);
  ~CommandQueue();
  CommandQueue(const CommandQueue&) = delete;
  CommandQueue& operator=(const CommandQueue&) = delete;

  // Loads the unfinished commands and starts scheduling them through `link`.
  void start(DeviceLink& link);
  // Ends the scheduling thread; unfinished commands stay stored for the next start.
  void stop();

  DeviceCommand submit(NewCommand request);
  std::pair<CancelOutcome, std::optional<DeviceCommand>> cancel(int64_t id);
  [[nodiscard]] std::optional<DeviceCommand> find(int64_t id) const;
  [[nodiscard]] std::vector<DeviceCommand> list(const CommandFilter& filter) const;
  // Waits until the command is finished or `timeout` passes; the command as it is then.
  std::optional<DeviceCommand> wait(int64_t id, std::chrono::milliseconds timeout);

  // The device registered: its queued commands are due now.
  void device_online(const std::string& device);

 private:
  struct Completion {
    int64_t id;
    int64_t attempt;
    CoapOutcome outcome;
  };
  struct Send {
    DeviceCommand command;
    DeviceAddress address;
  };

  void run();
  void record(const DeviceCommand& command, std::string_view event);
  DeviceCommand finish(DeviceCommand command, CommandStatus status, std::string_view event);
  void complete(const Completion& completion, int64_t now);
  void expire(int64_t now);
  void watch_overdue(int64_t now);
  // How long a send may stay uncompleted before the guard calls it a timeout.
  [[nodiscard]] std::chrono::milliseconds overdue_after(const DeviceCommand& c) const;
  std::vector<Send> take_due(int64_t now);
  [[nodiscard]] int64_t next_wake(int64_t now) const;
  void send(Send& s);
  void release_blob(const DeviceCommand& finished);

  CommandStore store_;
  Registry& devices_;
  EventHub& events_;
  BlobStore& blobs_;
  const CommandQueueOptions options_;
  DeviceLink* link_ = nullptr;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable changed_;
  std::map<int64_t, DeviceCommand> active_;  // queued and sending, by id
  std::map<int64_t, int64_t> sent_at_;       // sending: when, for the guard
  std::vector<Completion> completions_;
  bool poked_ = false;
  bool stopping_ = false;
  int64_t last_prune_ms_ = 0;
  std::thread thread_;
};

}  // namespace tc::gw
