#include "gateway_coap_support.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <cstring>
#include <future>

#include "coap/builder.hpp"

namespace tc::gw::test {

void RecordingListener::changed() {
  cv_.notify_all();
}

void RecordingListener::on_registered(const Registration& r, bool refresh) {
  const std::lock_guard guard(mutex_);
  registered.emplace_back(r, refresh);
  changed();
}

void RecordingListener::on_unregistered(const std::string& endpoint, Unregistered why) {
  const std::lock_guard guard(mutex_);
  unregistered.emplace_back(endpoint, why);
  changed();
}

void RecordingListener::on_events(const std::string& endpoint, const std::vector<uint8_t>& cbor) {
  const std::lock_guard guard(mutex_);
  events.emplace_back(endpoint, cbor);
  changed();
}

void RecordingListener::on_events_ended(const std::string& endpoint, const std::string& why) {
  const std::lock_guard guard(mutex_);
  events_ended.emplace_back(endpoint, why);
  changed();
}

bool RecordingListener::on_device_request(const std::string& endpoint, Method method,
                                          const std::string& path,
                                          const std::vector<std::string>& query,
                                          std::optional<uint16_t> content_format,
                                          const std::vector<uint8_t>& payload) {
  const std::lock_guard guard(mutex_);
  device_requests.push_back({endpoint, method, path, query, content_format, payload});
  changed();
  return accept_device_requests.load();
}

bool RecordingListener::wait(const std::function<bool()>& ready) {
  std::unique_lock guard(mutex_);
  return cv_.wait_for(guard, kPatience, ready);
}

std::shared_ptr<const std::vector<uint8_t>> MapBlobSource::blob(std::string_view key) const {
  const std::lock_guard guard(mutex_);
  const auto it = blobs_.find(key);
  return it == blobs_.end() ? nullptr : it->second;
}

void MapBlobSource::put(const std::string& key, std::vector<uint8_t> bytes) {
  const std::lock_guard guard(mutex_);
  blobs_[key] = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
}

Subprocess::Subprocess(const std::vector<std::string>& argv) {
  std::array<int, 2> pipe_fds{};
  if (::pipe2(pipe_fds.data(), O_CLOEXEC) != 0) return;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& arg : argv)
    args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  if (posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ) == 0) pid_ = pid;
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  out_fd_ = pipe_fds[0];
  reader_ = std::thread([this] {
    std::array<char, 4096> buffer{};
    for (;;) {
      const ssize_t n = ::read(out_fd_, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      const std::lock_guard guard(mutex_);
      if (n <= 0) {
        eof_ = true;
        cv_.notify_all();
        return;
      }
      output_.append(buffer.data(), static_cast<std::size_t>(n));
      cv_.notify_all();
    }
  });
}

Subprocess::~Subprocess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  if (reader_.joinable()) reader_.join();
  if (out_fd_ >= 0) ::close(out_fd_);
}

std::optional<std::string> Subprocess::wait_for_line(std::string_view prefix) {
  std::unique_lock guard(mutex_);
  std::optional<std::string> found;
  cv_.wait_for(guard, kPatience, [&] {
    std::size_t start = 0;
    for (std::size_t end = output_.find('\n'); end != std::string::npos;
         start = end + 1, end = output_.find('\n', start)) {
      const std::string_view line(output_.data() + start, end - start);
      if (line.starts_with(prefix)) {
        found = std::string(line.substr(prefix.size()));
        return true;
      }
    }
    return eof_;
  });
  return found;
}

Subprocess::Finished Subprocess::finish() {
  Finished out;
  if (pid_ <= 0) {
    out.output = "cannot start the process";
    return out;
  }
  {
    std::unique_lock guard(mutex_);
    if (!cv_.wait_for(guard, kPatience, [&] { return eof_; })) ::kill(pid_, SIGKILL);
  }
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  if (reader_.joinable()) reader_.join();
  out.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  const std::lock_guard guard(mutex_);
  out.output = output_;
  return out;
}

bool eventually(const std::function<bool()>& ready) {
  const auto give_up = std::chrono::steady_clock::now() + kPatience;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

Subprocess::Finished run_tool(const std::vector<std::string>& argv) {
  Subprocess process(argv);
  return process.finish();
}

std::string coap_client(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"coap-client-notls", "-B", "10"};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_tool(argv).output;
}

uint16_t free_udp_port() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

CoapOutcome send_and_wait(DeviceLink& link, const DeviceAddress& to, CoapRequest request) {
  auto promise = std::make_shared<std::promise<CoapOutcome>>();
  std::future<CoapOutcome> future = promise->get_future();
  link.send(to, std::move(request),
            [promise](CoapOutcome outcome) { promise->set_value(std::move(outcome)); });
  if (future.wait_for(kPatience) != std::future_status::ready) {
    return {CoapFailure::local, "test: no completion", {}};
  }
  return future.get();
}

std::vector<uint8_t> encode(const Datagram& datagram) {
  std::vector<uint8_t> storage(4096);
  coap::MessageBuilder builder(datagram.type, static_cast<coap::Code>(datagram.code),
                               datagram.message_id, storage);
  builder.token(datagram.token);
  for (const auto& [number, value] : datagram.options) {
    builder.option(static_cast<coap::OptionNumber>(number), value);
  }
  builder.payload(datagram.payload);
  std::vector<uint8_t> out(4096);
  const Result<std::size_t> size = builder.serialize(out);
  out.resize(size.ok() ? *size : 0);
  return out;
}

Datagram answer_to(const coap::Message& request, uint8_t code) {
  Datagram out;
  out.type = coap::Type::acknowledgement;
  out.code = code;
  out.message_id = request.message_id;
  const std::span<const uint8_t> token = request.token.bytes();
  out.token.assign(token.begin(), token.end());
  return out;
}

std::vector<uint8_t> uint_value(uint32_t value) {
  std::vector<uint8_t> out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    const auto byte = static_cast<uint8_t>(value >> shift);
    if (!out.empty() || byte != 0) out.push_back(byte);
  }
  return out;
}

ScriptedPeer::ScriptedPeer(Respond respond) : respond_(std::move(respond)) {
  fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port_ = ntohs(address.sin_port);
  }
  thread_ = std::thread([this] { serve(); });
}

ScriptedPeer::~ScriptedPeer() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  ::close(fd_);
}

void ScriptedPeer::serve() {
  std::array<uint8_t, 2048> buffer{};
  while (!stop_) {
    pollfd fds{fd_, POLLIN, 0};
    if (::poll(&fds, 1, 20) <= 0) continue;
    sockaddr_storage from{};
    socklen_t from_length = sizeof from;
    const ssize_t n = ::recvfrom(fd_, buffer.data(), buffer.size(), 0,
                                 reinterpret_cast<sockaddr*>(&from), &from_length);
    if (n < 0) continue;
    ++received_;
    {
      const std::lock_guard guard(peer_mutex_);
      last_peer_.assign(reinterpret_cast<const uint8_t*>(&from),
                        reinterpret_cast<const uint8_t*>(&from) + from_length);
    }
    for (const std::vector<uint8_t>& answer :
         respond_(std::span<const uint8_t>(buffer.data(), static_cast<std::size_t>(n)))) {
      ::sendto(fd_, answer.data(), answer.size(), 0, reinterpret_cast<sockaddr*>(&from),
               from_length);
    }
  }
}

void ScriptedPeer::send_to_last(std::span<const uint8_t> datagram) {
  const std::lock_guard guard(peer_mutex_);
  if (last_peer_.empty()) return;
  ::sendto(fd_, datagram.data(), datagram.size(), 0,
           reinterpret_cast<const sockaddr*>(last_peer_.data()),
           static_cast<socklen_t>(last_peer_.size()));
}

std::string GatewayTest::uri(std::string_view path_and_query) const {
  return "coap://127.0.0.1:" + std::to_string(gateway.port()) + std::string(path_and_query);
}

CoapGatewayOptions GatewayTest::options() {
  CoapGatewayOptions options;
  options.listen = "127.0.0.1:0";
  options.first_location = 1;  // predictable locations: /rd/1, /rd/2, ...
  const char* log = std::getenv("TC_TEST_LOG");
  if (log != nullptr && std::string_view(log) == "debug") options.log_level = LogLevel::debug;
  return options;
}

}  // namespace tc::gw::test
