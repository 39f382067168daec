#include "commands/command_queue.hpp"

#include <algorithm>
#include <set>
#include <string_view>

#include "common/reply_json.hpp"
#include "common/wall_clock.hpp"

namespace tc::gw {
namespace {

constexpr int64_t kPruneEveryMs = int64_t{3600} * 1000;
// The longest the scheduler sleeps with nothing due (it wakes earlier for anything new).
constexpr int64_t kIdleWakeMs = int64_t{60} * 1000;

std::string failure_text(const CoapOutcome& o) {
  switch (o.failure) {
    case CoapFailure::timeout:
      return "timeout: " + o.message;
    case CoapFailure::unreachable:
      return "unreachable: " + o.message;
    case CoapFailure::bad_response:
      return "bad answer: " + o.message;
    case CoapFailure::local:
      return "not sent: " + o.message;
    case CoapFailure::none:
      break;
  }
  return o.message;
}

}  // namespace

CommandQueue::CommandQueue(Database& db, Registry& devices, EventHub& events, BlobStore& blobs,
                           CommandQueueOptions options)
    : store_(db), devices_(devices), events_(events), blobs_(blobs), options_(options) {}

CommandQueue::~CommandQueue() {
  stop();
}

void CommandQueue::start(DeviceLink& link) {
  const std::lock_guard lock(mutex_);
  link_ = &link;
  const int64_t now = now_ms();
  std::set<std::string, std::less<>> envelopes;
  for (DeviceCommand& c : store_.unfinished()) {
    // Sent before a restart, answer unknown: send again (the device's answer tells the rest).
    if (c.status == CommandStatus::sending) {
      c.status = CommandStatus::queued;
      c.next_attempt_ms = now;
      c.updated_ms = now;
      store_.update(c);
    }
    if (!c.blob.empty()) envelopes.insert(c.blob);
    active_.emplace(c.id, std::move(c));
  }
  blobs_.retain_only(envelopes);
  store_.prune(options_.keep_finished);
  last_prune_ms_ = now;
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void CommandQueue::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

DeviceCommand CommandQueue::submit(NewCommand request) {
  DeviceCommand c;
  c.device = std::move(request.device);
  c.kind = request.kind;
  c.container = std::move(request.container);
  c.created_ms = c.updated_ms = c.next_attempt_ms = now_ms();
  {
    const std::lock_guard lock(mutex_);
    // Under the queue's lock: a finishing install cannot remove the blob between put and insert.
    if (c.kind == CommandKind::install) c.blob = blobs_.put(std::move(request.envelope));
    store_.insert(c);
    active_.emplace(c.id, c);
    events_.publish("command_queued", c.device, to_json(c));
    poked_ = true;
  }
  wake_.notify_one();
  return c;
}

std::pair<CancelOutcome, std::optional<DeviceCommand>> CommandQueue::cancel(int64_t id) {
  const std::lock_guard lock(mutex_);
  const auto it = active_.find(id);
  if (it == active_.end()) {
    std::optional<DeviceCommand> stored = store_.find(id);
    return {stored ? CancelOutcome::already_final : CancelOutcome::not_found, std::move(stored)};
  }
  if (it->second.status == CommandStatus::sending) return {CancelOutcome::in_flight, it->second};
  DeviceCommand c = it->second;
  c.last_error = "cancelled before it was sent";
  return {CancelOutcome::cancelled, finish(c, CommandStatus::cancelled, "command_cancelled")};
}

std::optional<DeviceCommand> CommandQueue::find(int64_t id) const {
  const std::lock_guard lock(mutex_);
  if (const auto it = active_.find(id); it != active_.end()) return it->second;
  return store_.find(id);
}

std::vector<DeviceCommand> CommandQueue::list(const CommandFilter& filter) const {
  const std::lock_guard lock(mutex_);
  return store_.list(filter);
}

std::optional<DeviceCommand> CommandQueue::wait(int64_t id, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return stopping_ || !active_.contains(id); });
  if (const auto it = active_.find(id); it != active_.end()) return it->second;
  return store_.find(id);
}

void CommandQueue::device_online(const std::string& device) {
  {
    const std::lock_guard lock(mutex_);
    const int64_t now = now_ms();
    for (auto& [id, c] : active_) {
      if (c.device == device && c.status == CommandStatus::queued) {
        c.next_attempt_ms = std::min(c.next_attempt_ms, now);
      }
    }
    poked_ = true;
  }
  wake_.notify_one();
}

void CommandQueue::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    const int64_t now = now_ms();
    std::vector<Completion> completions;
    completions.swap(completions_);
    for (const Completion& c : completions)
      complete(c, now);
    watch_overdue(now);
    expire(now);
    if (now - last_prune_ms_ >= kPruneEveryMs) {
      store_.prune(options_.keep_finished);
      last_prune_ms_ = now;
    }
    std::vector<Send> sends = take_due(now);
    if (!sends.empty()) {
      // The link may complete at once (on its thread, or in a test on this one): never send
      // under the lock the completion takes.
      lock.unlock();
      for (Send& s : sends)
        send(s);
      lock.lock();
      continue;
    }
    poked_ = false;
    const auto sleep = std::chrono::milliseconds(next_wake(now) - now);
    wake_.wait_for(lock, sleep, [this] { return stopping_ || poked_ || !completions_.empty(); });
  }
}

void CommandQueue::record(const DeviceCommand& c, std::string_view event) {
  store_.update(c);
  events_.publish(event, c.device, to_json(c));
  changed_.notify_all();
}

DeviceCommand CommandQueue::finish(DeviceCommand c, CommandStatus status, std::string_view event) {
  c.status = status;
  c.updated_ms = now_ms();
  active_.erase(c.id);
  sent_at_.erase(c.id);
  record(c, event);
  release_blob(c);
  return c;
}

void CommandQueue::complete(const Completion& completion, int64_t now) {
  const auto it = active_.find(completion.id);
  // A late completion of an attempt already given up on (the guard) is stale.
  if (it == active_.end() || it->second.status != CommandStatus::sending ||
      it->second.attempts != completion.attempt) {
    return;
  }
  DeviceCommand& c = it->second;
  sent_at_.erase(c.id);
  const CoapOutcome& o = completion.outcome;
  if (o.ok()) {
    c.coap_code = o.reply.code_text();
    c.result = reply_json(o.reply);
    if (o.reply.success()) {
      c.last_error.clear();
      finish(c, CommandStatus::done, "command_done");
    } else {
      const std::string text = device_error_text(o.reply);
      c.last_error = "device answered " + c.coap_code + (text.empty() ? "" : ": " + text);
      finish(c, CommandStatus::failed, "command_failed");
    }
    return;
  }
  c.last_error = failure_text(o);
  if (o.failure == CoapFailure::bad_response) {
    finish(c, CommandStatus::failed, "command_failed");
    return;
  }
  if (options_.retry.attempts_exhausted(c.attempts)) {
    c.last_error =
        "no answer after " + std::to_string(c.attempts) + " attempts (" + c.last_error + ")";
    finish(c, CommandStatus::failed, "command_failed");
    return;
  }
  c.status = CommandStatus::queued;
  c.next_attempt_ms = now + options_.retry.delay_after(c.attempts).count();
  c.updated_ms = now;
  record(c, "command_retry");
}

std::chrono::milliseconds CommandQueue::overdue_after(const DeviceCommand& c) const {
  const std::chrono::milliseconds timeout =
      c.kind == CommandKind::install ? options_.timeouts.install : options_.timeouts.life_cycle;
  return timeout + options_.completion_grace;
}

void CommandQueue::watch_overdue(int64_t now) {
  std::vector<Completion> overdue;
  for (const auto& [id, sent] : sent_at_) {
    const DeviceCommand& c = active_.at(id);
    if (now - sent > overdue_after(c).count()) {
      overdue.push_back({id,
                         c.attempts,
                         {CoapFailure::timeout, "the CoAP layer never completed the request", {}}});
    }
  }
  for (const Completion& c : overdue)
    complete(c, now);
}

void CommandQueue::expire(int64_t now) {
  std::vector<DeviceCommand> expired;
  for (const auto& [id, c] : active_) {
    if (c.status == CommandStatus::queued && options_.retry.too_old(c.created_ms, now)) {
      expired.push_back(c);
    }
  }
  for (DeviceCommand& c : expired) {
    const bool online = devices_.online_address(c.device).has_value();
    c.last_error = "expired after " + std::to_string(options_.retry.max_age.count() / 1000) + " s" +
                   (online ? "" : " (device offline)") +
                   (c.last_error.empty() ? "" : "; last error: " + c.last_error);
    finish(c, CommandStatus::failed, "command_failed");
  }
}

std::vector<CommandQueue::Send> CommandQueue::take_due(int64_t now) {
  std::vector<Send> sends;
  std::set<std::string_view> heads;  // devices whose oldest unfinished command was looked at
  for (auto& [id, c] : active_) {
    if (!heads.insert(c.device).second) continue;
    if (c.status != CommandStatus::queued || c.next_attempt_ms > now) continue;
    std::optional<DeviceAddress> address = devices_.online_address(c.device);
    if (!address) continue;
    c.status = CommandStatus::sending;
    c.attempts += 1;
    c.updated_ms = now;
    sent_at_[id] = now;
    record(c, "command_sending");
    sends.push_back({c, std::move(*address)});
  }
  return sends;
}

int64_t CommandQueue::next_wake(int64_t now) const {
  int64_t wake = now + kIdleWakeMs;
  for (const auto& [id, c] : active_) {
    // A queued command already due waits for its device (online, or its turn): that wakes us.
    if (c.status == CommandStatus::queued && c.next_attempt_ms > now) {
      wake = std::min(wake, c.next_attempt_ms);
    }
    wake = std::min(wake, c.created_ms + static_cast<int64_t>(options_.retry.max_age.count()));
  }
  for (const auto& [id, sent] : sent_at_)
    wake = std::min(wake, sent + overdue_after(active_.at(id)).count() + 1);
  wake = std::min(wake, last_prune_ms_ + kPruneEveryMs);
  return std::max(wake, now + 1);
}

void CommandQueue::send(Send& s) {
  const std::string uri =
      s.command.kind == CommandKind::install ? link_->blob_uri(s.address, s.command.blob) : "";
  CoapRequest request = command_request(s.command, uri, options_.timeouts);
  const int64_t id = s.command.id;
  const int64_t attempt = s.command.attempts;
  link_->send(s.address, std::move(request), [this, id, attempt](CoapOutcome outcome) {
    {
      const std::lock_guard lock(mutex_);
      completions_.push_back({id, attempt, std::move(outcome)});
    }
    wake_.notify_one();
  });
}

void CommandQueue::release_blob(const DeviceCommand& finished) {
  if (finished.blob.empty()) return;
  const bool needed = std::any_of(active_.begin(), active_.end(), [&](const auto& entry) {
    return entry.second.blob == finished.blob;
  });
  if (!needed) blobs_.remove(finished.blob);
}

}  // namespace tc::gw
