#include "agent_device.hpp"

#include <array>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "container.hpp"
#include "manifest/codec.hpp"

namespace tc::bench {

namespace {

constexpr const char* kImageDir = TC_BENCH_AGENT_IMAGE_DIR;
constexpr std::size_t kSlotPoolBytes = 24 * 1024;  // control block, buffers, image, data, stack

void require(const Status& st, std::string_view what) {
  if (!st.ok()) throw ContainerError(std::string(what) + ": " + std::string(st.message()));
}

}  // namespace

Result<uint32_t> MemoryStorage::size(std::string_view key) {
  const auto it = data_.find(key);
  if (it == data_.end()) return Status(StatusCode::not_found, "no such key");
  return static_cast<uint32_t>(it->second.size());
}

Result<uint32_t> MemoryStorage::read(std::string_view key, uint32_t offset,
                                     std::span<uint8_t> out) {
  const auto it = data_.find(key);
  if (it == data_.end()) return Status(StatusCode::not_found, "no such key");
  const std::vector<uint8_t>& value = it->second;
  if (offset >= value.size()) return 0u;
  const std::size_t n = std::min(out.size(), value.size() - offset);
  std::memcpy(out.data(), value.data() + offset, n);
  return static_cast<uint32_t>(n);
}

Status MemoryStorage::put(std::string_view key, std::span<const agent::Bytes> parts) {
  std::vector<uint8_t> value;
  for (const agent::Bytes part : parts)
    value.insert(value.end(), part.begin(), part.end());
  data_.insert_or_assign(std::string(key), std::move(value));
  return Status::Ok();
}

Status MemoryStorage::remove(std::string_view key) {
  const auto it = data_.find(key);
  if (it == data_.end()) return {StatusCode::not_found, "no such key"};
  data_.erase(it);
  return Status::Ok();
}

Status MemoryStorage::list(std::string_view prefix, agent::KeyVisitor& visitor) {
  for (const auto& [key, value] : data_) {
    if (key.starts_with(prefix) && !visitor.visit(key, static_cast<uint32_t>(value.size()))) {
      break;
    }
  }
  return Status::Ok();
}

const manifest::BoardProfile& bench_board() {
  static const manifest::BoardProfile board = [] {
    manifest::BoardProfile b;
    (void)b.model.assign("bench-board");
    manifest::BoardResource& r = b.resources[b.resource_count++];
    (void)r.name.assign("sensor/temperature");
    r.kind = manifest::ResourceKind::sensor;
    r.type = manifest::ValueType::integer;
    r.min_value = -4000;
    r.max_value = 12500;
    (void)r.unit.assign("cdegC");
    r.energy_uj = 1;
    r.access = manifest::Direction::read;
    r.signal.shape = manifest::SignalShape::constant;
    r.signal.value = 2150;
    return b;
  }();
  return board;
}

manifest::Manifest bench_manifest(std::string_view name, uint32_t loop_period_ms) {
  manifest::Manifest m;
  if (!m.name.assign(name)) throw ContainerError("container name too long");
  (void)m.tenant.assign("bench");
  m.version = 1;
  m.memory.stack_bytes = 512;
  m.memory.data_bytes = 256;
  m.timing.loop_period_ms = loop_period_ms;
  m.timing.max_start_ms = 1000;
  m.timing.max_loop_ms = 1000;
  m.timing.fuel = 100'000'000;
  m.timing.cpu_share_permille = 1000;
  m.timing.cpu_window_ms = 1000;
  m.failure.strikes = 1;
  m.failure.max_restarts = 0;
  return m;
}

void add_limited_sensor(manifest::Manifest& m) {
  manifest::Endpoint& e = m.endpoints[m.endpoint_count++];
  e.id = 1;
  (void)e.target.assign("sensor/temperature");
  e.kind = manifest::TargetKind::resource;
  e.direction = manifest::Direction::read;
  // A bench poll is 1 ms of device time with 1000 reads (8 bytes, 1 uJ each): the limits below
  // are 10x to 100x above that, so every check runs and none ever refuses.
  e.limits.calls_per_second = 10'000'000;
  e.limits.bytes_per_window = 100'000'000;
  e.limits.window_ms = 1000;
  e.limits.energy_per_window_uj = 100'000'000;
}

std::vector<uint8_t> load_image(std::string_view stem) {
  const std::string path = std::string(kImageDir) + "/" + std::string(stem) + ".tcx";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ContainerError("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

Device::Device(uint8_t containers, StorageKind storage, WatchdogKind watchdog)
    : resources_(bench_board(), clock_, 1) {
  if (watchdog == WatchdogKind::thread) thread_watchdog_.emplace(real_);
  agent::Storage* store = &memory_storage_;
  if (storage == StorageKind::file) {
    dir_.emplace("tc-bench-agent");
    file_storage_.emplace(dir_->path());
    if (!file_storage_->ok()) throw ContainerError("FileStorage: " + file_storage_->error());
    store = &*file_storage_;
  }
  agent::Watchdog& dog =
      thread_watchdog_ ? static_cast<agent::Watchdog&>(*thread_watchdog_) : null_watchdog_;
  agent::Config config;
  config.containers = containers;
  agent_ = std::make_unique<agent::Agent>(agent::Ports{clock_, dog, *store, resources_, entropy_},
                                          config);
  pool_.resize(kSlotPoolBytes * containers / sizeof(uint64_t));
  require(agent_->begin({reinterpret_cast<uint8_t*>(pool_.data()), pool_.size() * 8}), "begin");
}

void Device::install(std::span<const uint8_t> image, const manifest::Manifest& m) {
  std::array<uint8_t, manifest::kMaxEncodedSize> cbor{};
  const Result<std::size_t> n = manifest::encode(m, cbor);
  require(n.status(), "manifest::encode");
  require(agent_->install(image, m, {cbor.data(), *n}), "install " + std::string(m.name.view()));
}

void Device::install_and_start(std::span<const uint8_t> image, const manifest::Manifest& m) {
  install(image, m);
  require(agent_->start(m.name.view()), "start " + std::string(m.name.view()));
}

agent::ContainerInfo Device::info(std::string_view name) const {
  const Result<agent::ContainerInfo> r = agent_->status(name);
  if (!r.ok()) throw ContainerError("status " + std::string(name));
  return *r;
}

}  // namespace tc::bench
