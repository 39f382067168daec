#include "native_ports.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <system_error>
#include <vector>

#include "vm/vm.hpp"

namespace tc::native {

// ---------------------------------------------------------------------------------------------
// Watchdog

ThreadWatchdog::ThreadWatchdog(const SteadyClock& clock)
    : clock_(clock), thread_([this] { run(); }) {}

ThreadWatchdog::~ThreadWatchdog() {
  {
    std::lock_guard lock(mutex_);
    quit_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void ThreadWatchdog::arm(uint64_t deadline_ms, vm::Machine& machine) {
  {
    std::lock_guard lock(mutex_);
    machine_ = &machine;
    deadline_ms_ = deadline_ms;
    ++generation_;
  }
  wake_.notify_all();
}

void ThreadWatchdog::disarm() {
  std::lock_guard lock(mutex_);
  machine_ = nullptr;
  ++generation_;
}

uint64_t ThreadWatchdog::fired() const {
  std::lock_guard lock(mutex_);
  return fired_;
}

void ThreadWatchdog::run() {
  std::unique_lock lock(mutex_);
  while (!quit_) {
    if (machine_ == nullptr) {
      wake_.wait(lock);
      continue;
    }
    const uint64_t generation = generation_;
    const auto deadline = clock_.at(deadline_ms_);
    if (wake_.wait_until(lock, deadline) == std::cv_status::timeout ||
        clock_.now_ms() >= deadline_ms_) {
      // Still the same arming (not disarmed or re-armed meanwhile) and due: stop the machine.
      if (!quit_ && machine_ != nullptr && generation == generation_ &&
          clock_.now_ms() >= deadline_ms_) {
        machine_->request_stop();
        machine_ = nullptr;
        ++fired_;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Entropy

uint32_t GetrandomEntropy::random_u32() {
  uint32_t value = 0;
  auto* p = reinterpret_cast<uint8_t*>(&value);
  std::size_t got = 0;
  while (got < sizeof value) {
    const ssize_t n = getrandom(p + got, sizeof value - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    got += static_cast<std::size_t>(n);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Storage

namespace {

constexpr std::string_view kTmpSuffix = ".tmp";

bool plain(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A file descriptor closed on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  [[nodiscard]] bool valid() const { return fd_ >= 0; }

 private:
  int fd_;
};

bool write_all(int fd, std::span<const uint8_t> bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

std::string FileStorage::file_name(std::string_view key) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : key) {
    if (plain(c)) {
      out += c;
    } else {
      const auto b = static_cast<uint8_t>(c);
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xf];
    }
  }
  return out;
}

bool FileStorage::key_of(std::string_view file, std::string& key) {
  key.clear();
  for (std::size_t i = 0; i < file.size(); ++i) {
    const char c = file[i];
    if (plain(c)) {
      key += c;
      continue;
    }
    if (c != '%' || i + 2 >= file.size()) return false;
    const int hi = hex_value(file[i + 1]);
    const int lo = hex_value(file[i + 2]);
    if (hi < 0 || lo < 0) return false;
    key += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return !key.empty();
}

FileStorage::FileStorage(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) {
    error_ = "cannot create " + dir_.string() + ": " + ec.message();
    return;
  }
  // Probe that we can write there, and drop temporaries of puts a crash interrupted.
  const std::filesystem::path probe = dir_ / ("probe" + std::string(kTmpSuffix));
  {
    Fd fd(::open(probe.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.valid()) {
      error_ = "cannot write in " + dir_.string() + ": " + std::strerror(errno);
      return;
    }
  }
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > kTmpSuffix.size() && name.ends_with(kTmpSuffix)) {
      std::filesystem::remove(entry.path(), ec);
    }
  }
}

std::filesystem::path FileStorage::path_of(std::string_view key) const {
  return dir_ / file_name(key);
}

Result<uint32_t> FileStorage::size(std::string_view key) {
  struct stat st {};
  if (::stat(path_of(key).c_str(), &st) != 0) return Status(StatusCode::not_found, "no such key");
  return static_cast<uint32_t>(st.st_size);
}

Result<uint32_t> FileStorage::read(std::string_view key, uint32_t offset, std::span<uint8_t> out) {
  Fd fd(::open(path_of(key).c_str(), O_RDONLY | O_CLOEXEC));
  if (!fd.valid()) return Status(StatusCode::not_found, "no such key");
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t n =
        ::pread(fd.get(), out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status(StatusCode::internal, "read failed");
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  return static_cast<uint32_t>(done);
}

Status FileStorage::put(std::string_view key, std::span<const agent::Bytes> parts) {
  if (key.empty() || key.size() > agent::kMaxKeyLength) {
    return {StatusCode::invalid_argument, "bad storage key"};
  }
  const std::filesystem::path target = path_of(key);
  const std::filesystem::path tmp = target.string() + std::string(kTmpSuffix);
  crash_this_put_ =
      crash_plan && key.starts_with(crash_plan->prefix) && ++planned_puts_ == crash_plan->nth;
  crash_point(0);
  {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (!fd.valid()) return {StatusCode::internal, "cannot create the temporary file"};
    for (const agent::Bytes& part : parts) {
      if (!write_all(fd.get(), part)) {
        ::unlink(tmp.c_str());
        return {StatusCode::resource_exhausted, "write failed (disk full?)"};
      }
    }
    crash_point(1);
    if (::fsync(fd.get()) != 0) {
      ::unlink(tmp.c_str());
      return {StatusCode::internal, "fsync failed"};
    }
  }
  crash_point(2);
  if (crash_before_rename) return {StatusCode::internal, "simulated crash before rename"};
  if (::rename(tmp.c_str(), target.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return {StatusCode::internal, "rename failed"};
  }
  crash_point(3);
  Fd dir(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.valid()) (void)::fsync(dir.get());
  return Status::Ok();
}

void FileStorage::crash_point(uint8_t step) const {
  if (crash_this_put_ && crash_plan->step == step) ::raise(SIGKILL);
}

bool FileStorage::parse_crash_plan(std::string_view text, CrashPlan& out) {
  const std::size_t a = text.find(':');
  const std::size_t b = a == std::string_view::npos ? a : text.find(':', a + 1);
  if (b == std::string_view::npos) return false;
  const std::string n(text.substr(a + 1, b - a - 1));
  const std::string step(text.substr(b + 1));
  if (n.empty() || step.size() != 1 || step[0] < '0' || step[0] > '3' ||
      n.find_first_not_of("0123456789") != std::string::npos || n.size() > 9) {
    return false;
  }
  out.prefix = std::string(text.substr(0, a));
  out.nth = static_cast<uint32_t>(std::stoul(n));
  out.step = static_cast<uint8_t>(step[0] - '0');
  return out.nth != 0;
}

Status FileStorage::remove(std::string_view key) {
  if (::unlink(path_of(key).c_str()) != 0) return {StatusCode::not_found, "no such key"};
  Fd dir(::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.valid()) (void)::fsync(dir.get());
  return Status::Ok();
}

Status FileStorage::list(std::string_view prefix, agent::KeyVisitor& visitor) {
  // Collected first: the visitor may read (not modify) the store while we iterate.
  std::vector<std::pair<std::string, uint32_t>> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(kTmpSuffix)) continue;
    std::string key;
    if (!key_of(name, key) || !key.starts_with(prefix)) continue;
    std::error_code size_ec;
    const auto size = entry.file_size(size_ec);
    if (size_ec) continue;
    found.emplace_back(std::move(key), static_cast<uint32_t>(size));
  }
  if (ec) return {StatusCode::internal, "cannot list the state directory"};
  for (const auto& [key, size] : found) {
    if (!visitor.visit(key, size)) break;
  }
  return Status::Ok();
}

uint64_t FileStorage::free_bytes() const {
  struct statvfs st {};
  if (::statvfs(dir_.c_str(), &st) != 0) return 0;
  return static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
}

}  // namespace tc::native
