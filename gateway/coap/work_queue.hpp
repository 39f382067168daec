// The hand-over from any thread to the CoAP thread: DeviceLink calls become commands in a
// mutex-protected queue, and an eventfd wakes the CoAP thread's poll(). The eventfd is written
// only when the queue turns non-empty, so a burst of requests costs one wake-up.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <variant>
#include <vector>

#include "link/device_link.hpp"

namespace tc::gw {

struct SendCommand {
  DeviceAddress to;
  CoapRequest request;
  Completion done;
};

struct ObserveCommand {
  std::string endpoint;
  DeviceAddress at;
  uint64_t from = 0;
};

struct CancelCommand {
  std::string endpoint;
};

using CoapWork = std::variant<SendCommand, ObserveCommand, CancelCommand>;

class WorkQueue {
 public:
  WorkQueue();
  ~WorkQueue();
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // False when the queue is closed (the command is then still the caller's).
  [[nodiscard]] bool push(CoapWork& command);
  // Everything queued so far, in order; clears the wake-up.
  [[nodiscard]] std::vector<CoapWork> take_all();
  // Refuses further pushes; returns what was still queued.
  [[nodiscard]] std::vector<CoapWork> close();
  void open();
  // Makes fd() readable without a command (to get the CoAP thread to look at its stop flag).
  void wake();

  // Readable when there is work (for poll()); -1 if the eventfd could not be made.
  [[nodiscard]] int fd() const { return fd_; }

 private:
  std::mutex mutex_;
  std::deque<CoapWork> queue_;
  bool open_ = false;
  int fd_ = -1;
};

}  // namespace tc::gw
