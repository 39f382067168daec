#include "platform/platform_sync.hpp"

#include <algorithm>
#include <array>

#include "blobs/blob_store.hpp"
#include "commands/command_queue.hpp"
#include "common/log.hpp"
#include "common/sha256.hpp"
#include "common/wall_clock.hpp"
#include "devices/registry.hpp"
#include "events/event_hub.hpp"
#include "platform/device_snapshot.hpp"

#ifndef TC_GATEWAY_VERSION
#define TC_GATEWAY_VERSION "0.0.0"
#endif

namespace tc::gw {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kDeviceReadTimeout{5000};
// Outbox batches sent in one turn, so that a long backlog does not hold up reconciling.
constexpr std::size_t kBatchesPerTurn = 20;
constexpr std::string_view kRefusedToken = "platform refused the gateway token";

// Events that change nothing a plan depends on: no reconciling for them.
bool changes_device(std::string_view type) {
  constexpr std::array<std::string_view, 6> kQuiet = {
      "report", "log", "command_queued", "command_sending", "command_retry", "desired_rejected"};
  return std::find(kQuiet.begin(), kQuiet.end(), type) == kQuiet.end();
}

// The event's data as the platform gets it: the stream's JSON plus "type".
std::string event_data(const Event& e) {
  return "{\"type\":" + json_text(Json(e.type)) + "," + e.data.substr(1);
}

std::optional<int64_t> ack_of(const std::string& body) {
  const Json json = Json::parse(body, nullptr, false);
  if (!json.is_object()) return std::nullopt;
  const auto it = json.find("ack");
  if (it == json.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

// "d1 (device_claimed), d4 (...)" from a state push's {"refused": [...]}; empty for none.
std::string refused_devices(const std::string& body) {
  const Json json = Json::parse(body, nullptr, false);
  if (!json.is_object() || !json.contains("refused") || !json["refused"].is_array()) return {};
  std::string out;
  for (const Json& r : json["refused"]) {
    if (!r.is_object()) continue;
    if (!out.empty()) out += ", ";
    out += r.value("device", std::string("?")) + " (" + r.value("code", std::string("?")) + ")";
  }
  return out;
}

const std::vector<DesiredContainer>* managed(const std::optional<DesiredState>& desired,
                                             const std::string& device) {
  if (!desired) return nullptr;
  const auto it = desired->devices.find(device);
  return it == desired->devices.end() ? nullptr : &it->second;
}

const DesiredContainer* desired_named(const std::vector<DesiredContainer>& desired,
                                      const std::string& name) {
  const auto it = std::find_if(desired.begin(), desired.end(),
                               [&](const DesiredContainer& d) { return d.name == name; });
  return it == desired.end() ? nullptr : &*it;
}

// Why the device refused a command, from its answer.
std::string refusal_reason(const DeviceCommand& c) {
  std::string reason = c.coap_code;
  if (!c.last_error.empty()) reason += ": " + c.last_error;
  return reason;
}

}  // namespace

PlatformSync::PlatformSync(PlatformOptions options, PlatformParts parts)
    : options_(std::move(options)),
      parts_(parts),
      client_(options_, options_.request_timeout),
      outbox_(parts.db),
      meter_(parts.db, outbox_),
      desired_store_(parts.db),
      backoff_(options_.backoff_initial) {
  status_.enabled = true;
  status_.url = options_.url;
  parts_.events.set_subscriber([this](const Event& e) { on_event(e); });
}

PlatformSync::~PlatformSync() {
  stop();
  parts_.events.set_subscriber(nullptr);
}

std::string PlatformSync::start() {
  if (options_.url.rfind("https://", 0) == 0 && !https_supported()) {
    return "this tc-gateway was built without TLS support: https:// platform URLs cannot work";
  }
  desired_ = desired_store_.load();
  {
    const std::lock_guard lock(mutex_);
    status_.desired_revision = desired_ ? desired_->revision : "";
    stopping_ = false;
  }
  const Clock::time_point now = Clock::now();
  next_pull_ = next_tick_ = now;
  next_usage_ = now + options_.usage_interval;
  thread_ = std::thread([this] { run(); });
  return {};
}

void PlatformSync::stop() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

PlatformStatus PlatformSync::status() const {
  const std::lock_guard lock(mutex_);
  PlatformStatus s = status_;
  s.outbox_pending = outbox_.pending();
  return s;
}

void PlatformSync::on_event(const Event& event) {
  outbox_.add("event", event_data(event));
  {
    const std::lock_guard lock(mutex_);
    poked_ = true;
    if (changes_device(event.type) && !event.device.empty()) due_.insert(event.device);
    // The pushed picture lists every device with its presence: a change to send.
    if (event.type == "device_online" || event.type == "device_offline") presence_changed_ = true;
  }
  wake_.notify_all();
}

void PlatformSync::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      turn(Clock::now());
    } catch (const std::exception& e) {
      // A store failure is not part of normal operation; the next turn tries again.
      log::error(std::string("platform link: ") + e.what());
    }
    const Clock::time_point wake_at = next_wake();
    lock.lock();
    wake_.wait_until(lock, wake_at, [&] { return stopping_ || poked_ || !due_.empty(); });
  }
}

void PlatformSync::turn(Clock::time_point now) {
  const bool tick = now >= next_tick_;
  if (tick) next_tick_ = now + options_.sync_interval;
  if (now >= next_pull_ && platform_ready(now)) {
    next_pull_ = now + options_.sync_interval;
    pull();
  }
  for (const std::string& device : due_devices(tick))
    reconcile(device);
  if (now >= next_usage_) {
    next_usage_ = now + options_.usage_interval;
    meter();
  }
  deliver();
  now = Clock::now();
  const bool heartbeat = now - last_push_ >= options_.heartbeat;
  const bool changed = state_changed_ && now - last_push_ >= options_.sync_interval;
  if (platform_ready(now) && (heartbeat || changed)) push_state(now);
}

PlatformSync::Clock::time_point PlatformSync::next_wake() const {
  Clock::time_point at = std::min({next_tick_, next_usage_, last_push_ + options_.heartbeat});
  if (state_changed_) at = std::min(at, last_push_ + options_.sync_interval);
  // Nothing goes to the platform before the back-off ends.
  return std::max(at, retry_at_);
}

// ---- pull

void PlatformSync::pull() {
  const PlatformReply reply = client_.get_desired(desired_ ? desired_->revision : "");
  if (reply.status != 200 && reply.status != 304) {
    failed(reply, "GET desired");
    return;
  }
  succeeded();
  {
    const std::lock_guard lock(mutex_);
    status_.last_pull_ms = now_ms();
  }
  if (reply.status == 304) return;
  DesiredParse parsed = parse_desired(reply.body);
  if (!parsed.state) {
    reject(reply.body, parsed.error);
  } else if (!desired_ || desired_->revision != parsed.state->revision ||
             desired_->devices != parsed.state->devices) {
    accept(std::move(*parsed.state), reply.body);
  }
}

void PlatformSync::accept(DesiredState state, const std::string& text) {
  desired_store_.save(state.revision, text, now_ms());
  log::info("platform: desired state " + state.revision + " accepted");
  desired_ = std::move(state);
  last_rejected_.clear();
  {
    const std::lock_guard lock(mutex_);
    status_.desired_revision = desired_->revision;
    for (const auto& entry : desired_->devices)
      due_.insert(entry.first);
  }
  state_changed_ = true;
  prefetch_envelopes();
}

void PlatformSync::reject(const std::string& text, const std::string& reason) {
  set_error("desired state rejected: " + reason);
  if (text == last_rejected_) return;
  last_rejected_ = text;
  log::warning("platform: desired state rejected, the previous one is kept: " + reason);
  parts_.events.publish("desired_rejected", "", {{"reason", reason}});
}

// ---- reconciling

std::set<std::string> PlatformSync::due_devices(bool all) {
  std::set<std::string> due;
  {
    const std::lock_guard lock(mutex_);
    due.swap(due_);
    poked_ = false;
    if (presence_changed_) state_changed_ = true;
    presence_changed_ = false;
  }
  if (all && desired_) {
    for (const auto& entry : desired_->devices)
      due.insert(entry.first);
  }
  return due;
}

void PlatformSync::reconcile(const std::string& device) {
  const std::vector<DesiredContainer>* desired = managed(desired_, device);
  if (desired == nullptr) return;
  DeviceView& view = views_[device];
  if (!settle_submitted(device)) return;  // a command is still out: its end brings us back
  const std::optional<DeviceAddress> address = parts_.devices.online_address(device);
  if (!address) {
    set_sync(view, all_pending(*desired, "the device is offline"));
    return;
  }
  const DeviceSnapshot snapshot = read_device_snapshot(parts_.link, *address, kDeviceReadTimeout);
  if (!snapshot.ok()) {
    set_sync(view, all_pending(*desired, "cannot read the device: " + snapshot.error));
    return;
  }
  Json containers = state_json(snapshot);
  if (view.containers != containers) state_changed_ = true;
  view.containers = std::move(containers);
  plan_and_submit(device, *desired, snapshot, view);
}

// Forgets this device's reconciling commands that are final, remembering refusals; false while
// the device has a command that is not final (ours or anyone's: one at a time).
bool PlatformSync::settle_submitted(const std::string& device) {
  bool outstanding = false;
  for (auto it = submitted_.begin(); it != submitted_.end();) {
    if (it->second.device != device) {
      ++it;
      continue;
    }
    const std::optional<DeviceCommand> c = parts_.commands.find(it->first);
    if (c && !is_final(c->status)) {
      outstanding = true;
      ++it;
      continue;
    }
    // A device's refusal carries its answer code; giving up on a silent device does not.
    if (c && c->status == CommandStatus::failed && !c->coap_code.empty()) {
      refusals_[device][it->second.container] = {it->second.kind, it->second.desired, now_ms(),
                                                 refusal_reason(*c)};
    }
    it = submitted_.erase(it);
  }
  if (outstanding) return false;
  for (const CommandStatus s : {CommandStatus::queued, CommandStatus::sending}) {
    if (!parts_.commands.list({device, s, 1}).empty()) return false;
  }
  return true;
}

void PlatformSync::plan_and_submit(const std::string& device,
                                   const std::vector<DesiredContainer>& desired,
                                   const DeviceSnapshot& snapshot, DeviceView& view) {
  const std::vector<ActualContainer> actual = actual_containers(snapshot);
  Refusals& refused = refusals_[device];
  // An envelope that does not match its digest holds its container back: plan again without it.
  for (std::size_t attempt = 0; attempt <= desired.size(); ++attempt) {
    DevicePlan plan = plan_device(desired, actual, refused, now_ms());
    if (!plan.next) {
      set_sync(view, std::move(plan.sync));
      return;
    }
    const PlannedCommand& next = *plan.next;
    const DesiredContainer* want = desired_named(desired, next.container);
    NewCommand command{device, next.kind, next.container, {}};
    if (next.kind == CommandKind::install) {
      Envelope e = envelope(*want);
      if (e.bad) {
        refused[next.container] = {next.kind, *want, now_ms(), e.problem};
        continue;
      }
      if (!e.bytes) {
        for (ContainerSync& s : plan.sync)
          if (s.container == next.container) s.detail = e.problem;
        set_sync(view, std::move(plan.sync));
        return;
      }
      command.container.clear();  // the envelope names it
      command.envelope = std::move(*e.bytes);
    }
    const DeviceCommand queued = parts_.commands.submit(std::move(command));
    log::info("platform: " + std::string(name(next.kind)) + " " + next.container + " on " + device +
              " (command " + std::to_string(queued.id) + ")");
    submitted_[queued.id] = {device, next.container, next.kind,
                             want != nullptr ? std::optional(*want) : std::nullopt};
    set_sync(view, std::move(plan.sync));
    return;
  }
}

PlatformSync::Envelope PlatformSync::envelope(const DesiredContainer& container) {
  if (const auto stored = parts_.blobs.blob(container.digest)) return {*stored, {}, false};
  if (!platform_ready(Clock::now())) {
    return {std::nullopt, "waiting for the envelope (the platform is unreachable)", false};
  }
  const PlatformReply reply = client_.get_envelope(container.digest);
  if (reply.status != 200) {
    if (!reply.answered() || reply.refused() || reply.status >= 500) {
      failed(reply, "GET envelope");
      return {std::nullopt, "waiting for the envelope: " + reply.describe("GET envelope"), false};
    }
    return {std::nullopt, reply.describe("GET envelope " + container.digest), true};
  }
  succeeded();
  std::vector<uint8_t> bytes(reply.body.begin(), reply.body.end());
  if (bytes.size() != container.size) {
    return {std::nullopt,
            "the envelope has " + std::to_string(bytes.size()) + " bytes, the desired state says " +
                std::to_string(container.size),
            true};
  }
  if (sha256_hex(bytes) != container.digest) {
    return {std::nullopt, "the envelope's SHA-256 is not the desired state's digest", true};
  }
  static_cast<void>(parts_.blobs.put(bytes));
  return {std::move(bytes), {}, false};
}

void PlatformSync::prefetch_envelopes() {
  for (const auto& [device, containers] : desired_->devices) {
    for (const DesiredContainer& c : containers) {
      if (!platform_ready(Clock::now())) return;
      const Envelope e = envelope(c);
      if (e.bad) log::warning("platform: " + c.name + " for " + device + ": " + e.problem);
    }
  }
}

void PlatformSync::set_sync(DeviceView& view, std::vector<ContainerSync> sync) {
  if (view.sync == sync) return;
  view.sync = std::move(sync);
  state_changed_ = true;
}

// ---- usage, outbox, state

void PlatformSync::meter() {
  if (!desired_) return;
  for (const auto& entry : desired_->devices) {
    const std::optional<DeviceAddress> address = parts_.devices.online_address(entry.first);
    if (!address) continue;
    const DeviceSnapshot snapshot = read_device_snapshot(parts_.link, *address, kDeviceReadTimeout);
    const int64_t at = now_ms();
    for (const ContainerSnapshot& c : snapshot.containers) {
      if (const std::optional<UsageCounters> counters = usage_counters(c.status)) {
        static_cast<void>(meter_.record({entry.first, c.name, c.tenant, at, *counters}));
      }
    }
  }
}

void PlatformSync::deliver() {
  for (std::size_t batch = 0; batch < kBatchesPerTurn; ++batch) {
    if (outbox_.pending() == 0 || !platform_ready(Clock::now())) return;
    const std::vector<OutboxItem> items = outbox_.oldest(kOutboxBatch);
    if (items.empty()) return;
    const PlatformReply reply = client_.post_events(events_body(items));
    const std::optional<int64_t> ack = reply.status == 200 ? ack_of(reply.body) : std::nullopt;
    if (!ack) {
      failed(reply, reply.status == 200 ? "POST events (no ack)" : "POST events");
      return;
    }
    outbox_.acknowledge(*ack);
    succeeded();
    {
      const std::lock_guard lock(mutex_);
      status_.last_push_ms = now_ms();
    }
    // The platform stored less than it was given: it will say why on the next try.
    if (*ack < items.back().id) return;
  }
}

void PlatformSync::push_state(Clock::time_point now) {
  const Json report =
      state_report(parts_.devices.list(), views_, desired_, now_ms(), TC_GATEWAY_VERSION);
  const PlatformReply reply = client_.put_state(json_text(report));
  if (reply.status != 204 && reply.status != 200) {
    failed(reply, "PUT state");
    return;
  }
  succeeded();
  // A 200 lists the devices the platform refused (another gateway holds them): not a failure
  // of the link, but something an operator must see.
  std::string refused = refused_devices(reply.body);
  last_push_ = now;
  state_changed_ = false;
  const std::lock_guard lock(mutex_);
  status_.last_push_ms = now_ms();
  if (refused != status_.refused_devices && !refused.empty())
    log::warning("platform refused " + refused);  // once per change, not every push
  status_.refused_devices = std::move(refused);
}

// ---- failures

void PlatformSync::succeeded() {
  backoff_ = options_.backoff_initial;
  retry_at_ = {};
  set_error({});
}

void PlatformSync::failed(const PlatformReply& reply, std::string_view request) {
  const std::string text = reply.describe(request);
  milliseconds delay = backoff_;
  if (reply.refused()) {
    delay = options_.backoff_max;
    log::error(std::string(kRefusedToken) + " (" + text + ")");
  } else {
    log::warning("platform: " + text + "; again in " + std::to_string(delay.count()) + " ms");
  }
  backoff_ = std::min(backoff_ * 2, options_.backoff_max);
  retry_at_ = Clock::now() + delay;
  set_error(text);
}

void PlatformSync::set_error(std::string error) {
  const std::lock_guard lock(mutex_);
  status_.last_error = std::move(error);
}

}  // namespace tc::gw
