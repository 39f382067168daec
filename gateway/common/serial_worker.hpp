// One thread that runs posted tasks one at a time, in the order they were posted. The CoAP
// layer's callbacks must not block (link/device_link.hpp), so the service posts the work they
// cause (SQLite writes, event decoding) here; running it in order keeps a device's registration,
// events and expiry in the order the CoAP side saw them.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace tc::gw {

class SerialWorker {
 public:
  using Task = std::function<void()>;

  SerialWorker();
  ~SerialWorker();
  SerialWorker(const SerialWorker&) = delete;
  SerialWorker& operator=(const SerialWorker&) = delete;

  // Ignored after stop().
  void post(Task task);
  // Blocks until every task posted before the call has run (tests, orderly shutdown).
  void drain();
  // Runs what is queued, then ends the thread. Idempotent.
  void stop();

 private:
  void run();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<Task> tasks_;
  bool running_task_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace tc::gw
