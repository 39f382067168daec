#include "coap/work_queue.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

namespace tc::gw {

WorkQueue::WorkQueue() : fd_(eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {}

WorkQueue::~WorkQueue() {
  if (fd_ >= 0) ::close(fd_);
}

bool WorkQueue::push(CoapWork& command) {
  bool wake = false;
  {
    const std::lock_guard lock(mutex_);
    if (!open_) return false;
    wake = queue_.empty();
    queue_.push_back(std::move(command));
  }
  if (wake) this->wake();
  return true;
}

void WorkQueue::wake() {
  const uint64_t one = 1;
  // A full counter (never in practice) still leaves the fd readable, which is all that counts.
  (void)!::write(fd_, &one, sizeof one);
}

std::vector<CoapWork> WorkQueue::take_all() {
  uint64_t count = 0;
  (void)!::read(fd_, &count, sizeof count);
  const std::lock_guard lock(mutex_);
  std::vector<CoapWork> out(std::make_move_iterator(queue_.begin()),
                            std::make_move_iterator(queue_.end()));
  queue_.clear();
  return out;
}

std::vector<CoapWork> WorkQueue::close() {
  const std::lock_guard lock(mutex_);
  open_ = false;
  std::vector<CoapWork> out(std::make_move_iterator(queue_.begin()),
                            std::make_move_iterator(queue_.end()));
  queue_.clear();
  return out;
}

void WorkQueue::open() {
  const std::lock_guard lock(mutex_);
  open_ = true;
}

}  // namespace tc::gw
