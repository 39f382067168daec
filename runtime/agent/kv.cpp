// Key-value storage for containers (tc_kv_*): a namespace per container in Storage
// ("k/<name>/<key>"), a quota of manifest storage_bytes counting key + value sizes, one atomic put
// per write.
#include "agent/agent.hpp"
#include "agent/record.hpp"
#include "agent/slot.hpp"
#include "tinycontainer.h"

namespace tc::agent {

template <typename Op>
auto Agent::device_io(Slot& s, Op op) {
  ports_.watchdog.disarm();
  const uint64_t t0 = ports_.clock.now_us();
  auto result = op();
  const uint64_t spent_us = ports_.clock.now_us() - t0;
  s.act.io_us += spent_us;
  s.act.deadline_ms += (spent_us + 999) / 1000;
  ports_.watchdog.arm(s.act.deadline_ms, s.machine);
  return result;
}

namespace {

// The container's key at `address`, or a TC_E* code.
int64_t key_of(const Slot& s, uint64_t address, uint64_t length, std::string_view& out) {
  if (length == 0 || length > kMaxKvKey) return TC_EINVAL;
  const uint8_t* p = s.machine.translate(address, static_cast<uint32_t>(length), vm::Access::read);
  if (p == nullptr) return TC_EFAULT;
  out = {reinterpret_cast<const char*>(p), static_cast<std::size_t>(length)};
  return is_key_text(out) ? 0 : TC_EINVAL;
}

class UsageSum final : public KeyVisitor {
 public:
  explicit UsageSum(std::size_t prefix) : prefix_(prefix) {}
  bool visit(std::string_view key, uint32_t size) override {
    total_ += static_cast<uint32_t>(key.size() - prefix_) + size;
    return true;
  }
  [[nodiscard]] uint32_t total() const { return total_; }

 private:
  std::size_t prefix_;
  uint32_t total_ = 0;
};

}  // namespace

uint32_t Agent::kv_usage(std::string_view name) {
  // Key() adds '/' only before a suffix: build "k/<name>/" by hand.
  char text[kMaxKeyLength];
  const Key key("k/", name);
  const std::string_view base = key.view();
  if (base.size() + 1 > sizeof text) return 0;
  for (std::size_t i = 0; i < base.size(); ++i)
    text[i] = base[i];
  text[base.size()] = '/';
  UsageSum sum(base.size() + 1);
  (void)ports_.storage.list({text, base.size() + 1}, sum);
  return sum.total();
}

int64_t Agent::kv_get(Slot& s, const uint64_t (&a)[5]) {
  std::string_view key;
  if (const int64_t e = key_of(s, a[0], a[1], key); e != 0) return deny(s, e, 0xff);
  const uint32_t n = a[3] > UINT32_MAX ? UINT32_MAX : static_cast<uint32_t>(a[3]);
  uint8_t* out = n == 0 ? nullptr : s.machine.translate(a[2], n, vm::Access::write);
  if (out == nullptr && n != 0) return deny(s, TC_EFAULT, 0xff);
  const Key k("k/", s.manifest.name.view(), key);
  Result<uint32_t> size = ports_.storage.size(k.view());
  if (!size.ok()) return TC_ENOTFOUND;
  if (n != 0 && !ports_.storage.read(k.view(), 0, {out, n}).ok()) return TC_EIO;
  ++s.stats.endpoint_calls;
  s.stats.bytes_read += *size < n ? *size : n;
  return *size;
}

int64_t Agent::kv_put(Slot& s, const uint64_t (&a)[5]) {
  std::string_view key;
  if (const int64_t e = key_of(s, a[0], a[1], key); e != 0) return deny(s, e, 0xff);
  if (a[3] > kMaxKvValue) return deny(s, TC_ETOOBIG, 0xff);
  const auto n = static_cast<uint32_t>(a[3]);
  const uint8_t* in = n == 0 ? nullptr : s.machine.translate(a[2], n, vm::Access::read);
  if (in == nullptr && n != 0) return deny(s, TC_EFAULT, 0xff);
  const Key k("k/", s.manifest.name.view(), key);
  Result<uint32_t> old = ports_.storage.size(k.view());
  const uint64_t old_bytes = old.ok() ? key.size() + *old : 0;
  const uint64_t used = uint64_t{s.storage_used} - old_bytes + key.size() + n;
  if (used > s.manifest.memory.storage_bytes) return deny(s, TC_EQUOTA, 0xff);
  const Bytes parts[] = {{in, n}};
  if (!device_io(s, [&] { return ports_.storage.put(k.view(), parts); }).ok()) return TC_EIO;
  s.storage_used = static_cast<uint32_t>(used);
  ++s.stats.endpoint_calls;
  s.stats.bytes_written += n;
  return 0;
}

int64_t Agent::kv_delete(Slot& s, const uint64_t (&a)[5]) {
  std::string_view key;
  if (const int64_t e = key_of(s, a[0], a[1], key); e != 0) return deny(s, e, 0xff);
  const Key k("k/", s.manifest.name.view(), key);
  Result<uint32_t> old = ports_.storage.size(k.view());
  if (!old.ok()) return TC_ENOTFOUND;
  if (!device_io(s, [&] { return ports_.storage.remove(k.view()); }).ok()) return TC_EIO;
  const uint64_t freed = key.size() + *old;
  s.storage_used = freed > s.storage_used ? 0 : static_cast<uint32_t>(s.storage_used - freed);
  ++s.stats.endpoint_calls;
  return 0;
}

}  // namespace tc::agent
