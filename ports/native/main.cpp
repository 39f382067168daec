// tc-device: one simulated TinyContainer device per process (docs/native-port.md).
//
//   tc-device --profile BOARD.json --listen 127.0.0.1:PORT --state DIR [--id ID] [--seed N] [-v]
//             [--trust OPERATOR.pem ...] [--tenant-key TENANT=PUBLIC.pem ...]
//             [--require-tenant-signature] [--insecure]
//             [--gateway coap://HOST:PORT [--lifetime SECONDS]]
//
// One thread runs everything (the UDP sockets, the CoAP server, the agent, the management tree,
// the registration with the gateway and the uplink of remote endpoints); the watchdog has its own
// timer thread. SIGINT/SIGTERM end the loop cleanly (and unregister from the gateway).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "agent/agent.hpp"
#include "coap/server.hpp"
#include "coap_fetcher.hpp"
#include "gateway_client.hpp"
#include "host_crypto.hpp"
#include "manifest/board_json.hpp"
#include "manifest/codec.hpp"
#include "mgmt/tree.hpp"
#include "native_ports.hpp"
#include "rd/uplink.hpp"
#include "sim_resources.hpp"
#include "suit/board_identity.hpp"
#include "trust.hpp"
#include "udp_socket.hpp"
#include "uplink_report.hpp"

namespace {

using namespace tc;

constexpr uint32_t kInstallBytes = 96 * 1024;  // largest POST /c body (docs/native-port.md)
constexpr uint32_t kSlotBytes = 160 * 1024;    // pool bytes per container slot
// How long a stopping device waits for the gateway to answer its unregistration.
constexpr uint32_t kUnregisterWaitMs = 2000;

constexpr coap::Capacities kCaps{.resources = 16,
                                 .dedup = 16,
                                 .outbox = 8,
                                 .observers = 8,
                                 .deferred = 8,
                                 .transfers = 2,
                                 .transfer_bytes = kInstallBytes,
                                 .max_szx = 6};

volatile sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) {
  g_stop = 1;
}

Status decode_manifest(std::span<const uint8_t> cbor, manifest::Manifest& out) {
  const manifest::ManifestError e = manifest::decode(cbor, out);
  return e.ok() ? Status::Ok() : e.to_status();
}

// The device id: --id (stored), else the one stored in DIR/id, else a new random one (stored).
std::string device_id(const std::filesystem::path& dir, const std::string& given) {
  if (!given.empty()) {
    std::ofstream(dir / "id") << given << "\n";
    return given;
  }
  std::ifstream in(dir / "id");
  std::string id;
  if (in && std::getline(in, id) && !id.empty()) return id;
  native::GetrandomEntropy e;
  char text[20];
  std::snprintf(text, sizeof text, "native-%08x", e.random_u32());
  std::ofstream(dir / "id") << text << "\n";
  return text;
}

struct Options {
  std::string profile;
  std::string listen = "127.0.0.1:5683";
  std::string state;
  std::string id;
  uint64_t seed = 1;
  bool insecure = false;
  bool verbose = false;
  native::TrustOptions trust;
  std::string gateway;
  uint32_t lifetime_s = 60;
};

int run(const Options& opt) {
  // The board profile.
  std::ifstream in(opt.profile);
  if (!in) {
    std::fprintf(stderr, "tc-device: cannot read the profile %s\n", opt.profile.c_str());
    return 2;
  }
  std::stringstream text;
  text << in.rdbuf();
  auto board_result =
      std::make_unique<manifest_json::BoardResult>(manifest_json::parse_board(text.str()));
  if (!board_result->ok()) {
    for (const auto& e : board_result->errors)
      std::fprintf(stderr, "tc-device: %s: %s\n", opt.profile.c_str(), e.text().c_str());
    return 2;
  }
  const manifest::BoardProfile& board = board_result->board;

  // The state directory.
  const std::filesystem::path state_dir = opt.state;
  auto storage = std::make_unique<native::FileStorage>(state_dir / "store");
  if (!storage->ok()) {
    std::fprintf(stderr, "tc-device: state directory: %s\n", storage->error().c_str());
    return 2;
  }
  if (const char* plan = std::getenv("TC_FAULT_PUT")) {
    native::FileStorage::CrashPlan crash;
    if (!native::FileStorage::parse_crash_plan(plan, crash)) {
      std::fprintf(stderr, "tc-device: TC_FAULT_PUT: expected PREFIX:N:STEP (STEP 0..3)\n");
      return 2;
    }
    storage->crash_plan = crash;
  }
  const std::string id = device_id(state_dir, opt.id);

  // What it trusts for signed installs.
  auto crypto = std::make_unique<crypto::HostCrypto>();
  native::Trust trust;
  try {
    trust = native::Trust::load(opt.trust);
  } catch (const native::TrustError& e) {
    std::fprintf(stderr, "tc-device: %s\n", e.what());
    return 2;
  }
  if (trust.empty() && !opt.insecure) {
    std::fprintf(stderr, "tc-device: warning: no --trust key: every install will be refused\n");
  }

  std::string error;
  const std::unique_ptr<native::UdpSocket> sock = native::UdpSocket::bind(opt.listen, error);
  if (!sock) {
    std::fprintf(stderr, "tc-device: --listen: %s\n", error.c_str());
    return 2;
  }
  const uint16_t port = sock->port();
  std::optional<coap::Endpoint> gateway;
  if (!opt.gateway.empty()) {
    gateway = native::parse_gateway_uri(opt.gateway, error);
    if (!gateway) {
      std::fprintf(stderr, "tc-device: --gateway: %s\n", error.c_str());
      return 2;
    }
  }

  native::SteadyClock clock;
  native::ThreadWatchdog watchdog(clock);
  native::GetrandomEntropy entropy;
  native::SimResources resources(board, clock, opt.seed);

  const uint8_t containers = static_cast<uint8_t>(std::clamp<unsigned>(
      board.capacities.max_containers != 0 ? board.capacities.max_containers : 4, 1,
      agent::kMaxContainers));
  const std::size_t pool_bytes = std::size_t{containers} * kSlotBytes + 16 * 1024;
  std::vector<uint64_t> pool_words(pool_bytes / 8);  // 8-aligned
  std::vector<uint64_t> scratch_words(kInstallBytes / 8);
  // Payloads fetched by URI land here, image and manifest back to back (suit::process): together
  // they get what an envelope carrying both would have had.
  std::vector<uint64_t> fetch_words(kInstallBytes / 8);
  // An install body fetched by reference (POST /c {"uri"}) lands here: as large as a posted one.
  std::vector<uint64_t> reference_words(kInstallBytes / 8);
  native::CoapFetcher fetcher(native::FetchTiming{}, opt.verbose);
  auto memory = std::make_unique<coap::StaticServerMemory<kCaps>>();
  native::SeededRandom random(opt.seed ^ entropy.random_u32());
  coap::ServerConfig server_config;
  server_config.max_body = kInstallBytes;
  coap::Server server(memory->view(), *sock, random, server_config);
  // The device's own requests (registration, uplink): tokens from another stream than the
  // server's, unpredictable across restarts.
  native::SeededRandom client_random(entropy.random_u32());
  // Remote endpoints: CON POSTs from the server's socket, so that the gateway sees them come
  // from the address the device registered.
  rd::UplinkConfig uplink_config;
  uplink_config.gateway = gateway;
  rd::CoapUplink uplink(*sock, client_random, uplink_config);

  const std::string firmware = "tinycontainer-native 0.1.0";
  mgmt::TreeConfig tree_config;
  tree_config.device = {.id = id,
                        .firmware = firmware,
                        .pool_bytes = static_cast<uint32_t>(pool_bytes),
                        .capacity = containers,
                        .insecure = opt.insecure};
  tree_config.board = &board;
  tree_config.clock = &clock;
  tree_config.resources = &resources;
  tree_config.storage = storage.get();
  tree_config.history = &resources;
  tree_config.max_install = kInstallBytes;
  tree_config.scratch = {reinterpret_cast<uint8_t*>(scratch_words.data()), kInstallBytes};
  tree_config.suit = {
      .crypto = crypto.get(),
      .policy = trust.policy(),
      .identity = suit_host::board_identity(board).device(),
      // Payloads by URI: a blocking CoAP GET (docs/native-port.md).
      .fetcher = &fetcher,
      .fetch_buffer = {reinterpret_cast<uint8_t*>(fetch_words.data()), kInstallBytes}};
  tree_config.reference_buffer = {reinterpret_cast<uint8_t*>(reference_words.data()),
                                  kInstallBytes};
  auto tree = std::make_unique<mgmt::Tree>(server, tree_config);

  agent::Ports ports{clock, watchdog, *storage, resources, entropy};
  agent::Config config;
  config.containers = containers;
  config.context_bytes = 256;
  config.inbox_bytes = 1024;
  config.log_bytes = 2048;
  config.events = 64;
  config.decode_manifest = &decode_manifest;
  config.responses = tree.get();
  config.uplink = &uplink;
  auto agent = std::make_unique<agent::Agent>(ports, config);
  if (Status st = agent->begin({reinterpret_cast<uint8_t*>(pool_words.data()), pool_bytes});
      !st.ok()) {
    std::fprintf(stderr, "tc-device: agent: %s\n", st.message());
    return 1;
  }
  if (Status st = tree->attach(*agent); !st.ok()) {
    std::fprintf(stderr, "tc-device: management tree: %s\n", st.message());
    return 1;
  }
  std::unique_ptr<native::GatewayClient> gateway_client;
  if (gateway) {
    const native::GatewayClientOptions gc{.gateway = *gateway,
                                          .listen = sock->local(),
                                          .endpoint = id,
                                          .lifetime_s = opt.lifetime_s,
                                          .verbose = opt.verbose};
    gateway_client =
        native::GatewayClient::open(gc, clock, client_random, server.resources().slots(), error);
    if (!gateway_client) {
      std::fprintf(stderr, "tc-device: --gateway: %s\n", error.c_str());
      return 2;
    }
  }

  std::printf("listening on 127.0.0.1:%u\n", port);
  std::fflush(stdout);
  if (opt.verbose) {
    std::fprintf(stderr, "tc-device: id %s, model %s, %u slots of %u bytes, %s\n", id.c_str(),
                 std::string(board.model.view()).c_str(), containers, agent->container_capacity(),
                 opt.insecure ? "insecure" : "signed installs only");
  }

  // Signals are blocked except inside ppoll, so that a stop request is never missed.
  sigset_t blocked, original;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGINT);
  sigaddset(&blocked, SIGTERM);
  sigprocmask(SIG_BLOCK, &blocked, &original);
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);

  if (gateway_client) {
    if (Status st = gateway_client->start(); !st.ok()) {
      std::fprintf(stderr, "tc-device: --gateway: %s\n", st.message());
      return 2;
    }
  }
  native::UplinkReport uplink_report(opt.verbose);

  uint32_t logged = agent->next_event_seq();
  std::array<uint8_t, 2048> datagram{};
  std::array<agent::Event, 16> events{};
  while (g_stop == 0) {
    uint64_t now = clock.now_ms();
    uint64_t next = agent->poll(now);
    tree->poll(clock.now_ms());
    server.poll(clock.now_ms());
    uplink.poll(clock.now_ms());
    uplink_report.update(uplink);
    if (gateway_client) gateway_client->poll();
    if (opt.verbose) {
      for (std::size_t n; (n = agent->events(logged, events)) != 0;) {
        for (std::size_t i = 0; i < n; ++i) {
          std::fprintf(stderr, "event %u %s %s\n", events[i].seq, agent::describe(events[i].kind),
                       std::string(events[i].container.view()).c_str());
        }
        logged = events[n - 1].seq + 1;
      }
    }
    now = clock.now_ms();
    if (const auto d = server.next_deadline()) next = std::min(next, *d);
    if (const auto d = uplink.next_deadline()) next = std::min(next, *d);
    if (gateway_client) {
      if (const auto d = gateway_client->next_deadline()) next = std::min(next, *d);
    }
    next = std::min(next, now + 1000);
    const uint64_t wait = next > now ? next - now : 0;
    std::array<pollfd, 2> fds{pollfd{sock->fd(), POLLIN, 0},
                              pollfd{gateway_client ? gateway_client->fd() : -1, POLLIN, 0}};
    const timespec timeout{static_cast<time_t>(wait / 1000),
                           static_cast<long>(wait % 1000) * 1000000L};
    const int ready = ppoll(fds.data(), fds.size(), &timeout, &original);
    if (ready <= 0) continue;  // timeout or a signal
    if (gateway_client) gateway_client->receive();
    coap::Endpoint peer;
    while (const std::size_t got = sock->receive(datagram, peer)) {
      // The uplink's answers arrive on the server's socket: it takes its own, the server the rest.
      if (uplink.on_datagram(peer, {datagram.data(), got}, clock.now_ms())) continue;
      server.receive(peer, {datagram.data(), got}, clock.now_ms());
      tree->poll(clock.now_ms());
    }
  }
  if (gateway_client) gateway_client->unregister(kUnregisterWaitMs);
  if (opt.verbose) std::fprintf(stderr, "tc-device: stopped\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  CLI::App app{"tc-device: one simulated TinyContainer device (native port)"};
  app.add_option("--profile", opt.profile, "board profile (JSON)")->required();
  app.add_option("--listen", opt.listen, "UDP address HOST:PORT (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--state", opt.state, "state directory (created if missing)")->required();
  app.add_option("--trust", opt.trust.operator_keys,
                 "operator public key (PEM) whose signature installs are accepted with; repeat "
                 "for several");
  app.add_option("--tenant-key", opt.trust.tenant_keys,
                 "TENANT=PUBLIC.pem: a tenant's public key, checked when present on an envelope");
  app.add_flag("--require-tenant-signature", opt.trust.require_tenant_signature,
               "refuse envelopes not also signed by the container's tenant");
  app.add_flag("--insecure", opt.insecure,
               "development only: also accept unsigned installs (POST /c [image, manifest])");
  app.add_option("--id", opt.id, "device id (default: stored in the state directory)");
  app.add_option("--seed", opt.seed, "seed of the sensor simulation")->capture_default_str();
  app.add_option("--gateway", opt.gateway,
                 "register with this gateway's resource directory, coap://HOST:PORT (HOST an IPv4 "
                 "address or localhost)");
  app.add_option("--lifetime", opt.lifetime_s, "registration lifetime in seconds")
      ->check(CLI::Range(1u, 86400u))
      ->capture_default_str();
  app.add_flag("-v,--verbose", opt.verbose, "log events and the registration to stderr");
  CLI11_PARSE(app, argc, argv);
  return run(opt);
}
