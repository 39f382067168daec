#include "common/serial_worker.hpp"

#include <exception>
#include <string>

#include "common/log.hpp"

namespace tc::gw {

SerialWorker::SerialWorker() : thread_([this] { run(); }) {}

SerialWorker::~SerialWorker() {
  stop();
}

void SerialWorker::post(Task task) {
  {
    const std::lock_guard lock(mutex_);
    if (stopping_) return;
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

void SerialWorker::drain() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [this] { return tasks_.empty() && !running_task_; });
}

void SerialWorker::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

void SerialWorker::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
    if (tasks_.empty()) break;  // stopping, everything run
    Task task = std::move(tasks_.front());
    tasks_.pop_front();
    running_task_ = true;
    lock.unlock();
    // A failing task (a full disk under SQLite) must not end the thread every later task needs.
    try {
      task();
    } catch (const std::exception& e) {
      log::error(std::string("background task failed: ") + e.what());
    }
    lock.lock();
    running_task_ = false;
    if (tasks_.empty()) idle_.notify_all();
  }
  idle_.notify_all();
}

}  // namespace tc::gw
