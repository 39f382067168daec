// tc-gateway: the edge gateway (DESIGN.md 4, docs/gateway.md).
//
//   tc-gateway --coap HOST:PORT --http HOST:PORT --state DIR [--platform URL --token T]
//              [--serial tcp:HOST:PORT ...] [-v]
//
// With --platform, the platform link (gateway/platform, docs/api/platform-link.md) pulls the
// desired state, reconciles the managed devices and pushes state, events and usage.
// CoAP side (gateway/coap): the resource directory devices register with, requests to devices,
// envelopes served block-wise. --serial attaches a CoAP-over-SLIP device (gateway/serial: QEMU's
// serial socket), which then registers like a networked one. HTTP side (gateway/api): the JSON API
// under /api/v1. State (gateway/service) in DIR/gateway.db. Prints "coap on HOST:PORT" and "http on
// HOST:PORT" when listening; SIGINT/SIGTERM stop it cleanly.
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <vector>

#include "api/api_server.hpp"
#include "auth/admin_token.hpp"
#include "coap/coap_gateway.hpp"
#include "coap/ip_endpoint.hpp"
#include "common/log.hpp"
#include "platform/platform_link.hpp"
#include "serial_attachment.hpp"
#include "service/gateway_service.hpp"
#include "store/state_dir.hpp"

namespace {

using namespace tc::gw;

struct Settings {
  std::string coap = "0.0.0.0:5683";
  std::string http = "127.0.0.1:8080";
  std::string state;
  PlatformOptions platform;
  std::vector<std::string> serial;
  int verbosity = 0;
  std::size_t http_threads = 128;
  int64_t lifetime_min_s = 1;
  int64_t lifetime_max_s = int64_t{24} * 3600;
  int64_t device_timeout_ms = 5000;
  int64_t keep_alive_ms = 15000;
  std::size_t max_body = std::size_t{1} << 20;
  std::size_t event_ring = 4096;
  int64_t retry_initial_ms = 1000;
  int64_t retry_max_ms = 60000;
  int64_t command_attempts = 8;
  int64_t command_max_age_s = 3600;
  int64_t sync_interval_ms = 5000;
  int64_t usage_interval_ms = 60000;
};

void add_options(CLI::App& app, Settings& s) {
  app.add_option("--coap", s.coap, "CoAP listen address HOST:PORT (port 0: any)")
      ->capture_default_str();
  app.add_option("--http", s.http, "HTTP listen address HOST:PORT (port 0: any)")
      ->capture_default_str();
  app.add_option("--state", s.state, "state directory (gateway.db, admin.token)")->required();
  app.add_option("--platform", s.platform.url, "tc-platform URL (the platform link)");
  app.add_option("--token", s.platform.token, "the gateway's token on the platform");
  app.add_option(
      "--serial", s.serial,
      "a serial CoAP device to attach, tcp:HOST:PORT (QEMU's serial socket); repeatable");
  app.add_option("--sync-interval", s.sync_interval_ms, "platform pull and reconcile period, ms")
      ->capture_default_str()
      ->check(CLI::Range(100, 3600000));
  app.add_option("--usage-interval", s.usage_interval_ms, "usage metering period, ms")
      ->capture_default_str()
      ->check(CLI::Range(100, 86400000));
  app.add_flag("-v,--verbose", s.verbosity, "log more (-vv: debug)");
  app.add_option("--http-threads", s.http_threads, "HTTP worker threads")
      ->capture_default_str()
      ->check(CLI::Range(4, 4096));
  app.add_option("--lifetime-min", s.lifetime_min_s, "shortest registration lifetime, s")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400 * 30));
  app.add_option("--lifetime-max", s.lifetime_max_s, "longest registration lifetime, s")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400 * 30));
  app.add_option("--device-timeout", s.device_timeout_ms, "reads and proxied requests, ms")
      ->capture_default_str()
      ->check(CLI::Range(100, 600000));
  app.add_option("--sse-keepalive", s.keep_alive_ms, "comment on a quiet event stream, ms")
      ->capture_default_str()
      ->check(CLI::Range(100, 600000));
  app.add_option("--max-body", s.max_body, "largest request body, bytes")
      ->capture_default_str()
      ->check(CLI::Range(1024, 64 * 1024 * 1024));
  app.add_option("--event-ring", s.event_ring, "events held for Last-Event-ID")
      ->capture_default_str()
      ->check(CLI::Range(16, 1000000));
  app.add_option("--retry-initial", s.retry_initial_ms, "first command retry delay, ms")
      ->capture_default_str()
      ->check(CLI::Range(10, 3600000));
  app.add_option("--retry-max", s.retry_max_ms, "longest command retry delay, ms")
      ->capture_default_str()
      ->check(CLI::Range(10, 3600000));
  app.add_option("--command-attempts", s.command_attempts, "sends before a command fails")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  app.add_option("--command-max-age", s.command_max_age_s, "age at which a command fails, s")
      ->capture_default_str()
      ->check(CLI::Range(1, 86400 * 30));
}

ServiceOptions service_options(const Settings& s) {
  ServiceOptions o;
  o.event_ring = s.event_ring;
  o.commands.retry.initial = std::chrono::milliseconds(s.retry_initial_ms);
  o.commands.retry.max = std::chrono::milliseconds(s.retry_max_ms);
  o.commands.retry.max_attempts = s.command_attempts;
  o.commands.retry.max_age = std::chrono::seconds(s.command_max_age_s);
  return o;
}

CoapGatewayOptions coap_options(const Settings& s) {
  CoapGatewayOptions o;
  o.listen = s.coap;
  o.min_lifetime = std::chrono::seconds(s.lifetime_min_s);
  o.max_lifetime = std::chrono::seconds(s.lifetime_max_s);
  o.log_level = s.verbosity >= 2   ? LogLevel::debug
                : s.verbosity == 1 ? LogLevel::info
                                   : LogLevel::error;
  return o;
}

PlatformOptions platform_options(const Settings& s) {
  PlatformOptions o = s.platform;
  o.sync_interval = std::chrono::milliseconds(s.sync_interval_ms);
  o.usage_interval = std::chrono::milliseconds(s.usage_interval_ms);
  return o;
}

ApiLimits api_limits(const Settings& s) {
  ApiLimits l;
  l.device_timeout = std::chrono::milliseconds(s.device_timeout_ms);
  l.keep_alive = std::chrono::milliseconds(s.keep_alive_ms);
  l.max_body = s.max_body;
  return l;
}

// Starts a SerialAttachment per --serial; their upstream is the CoAP listener, reached on
// 127.0.0.1 when it listens on every IPv4 address.
std::string attach_serial_devices(const Settings& s, const std::string& coap_host, uint16_t port,
                                  std::vector<std::unique_ptr<serial::SerialAttachment>>& out) {
  if (s.serial.empty()) return {};
  std::string error;
  const std::string host = coap_host == "0.0.0.0" ? "127.0.0.1" : coap_host;
  const std::optional<tc::coap::Endpoint> upstream =
      tc::native::parse_ipv4_endpoint(host + ":" + std::to_string(port), error);
  if (!upstream) return "--serial needs an IPv4 --coap address: " + error;
  for (const std::string& text : s.serial) {
    const serial::SerialAddressParse address = serial::parse_serial_address(text);
    out.push_back(std::make_unique<serial::SerialAttachment>(
        *address.address, *upstream, [](const std::string& line) { log::info(line); }));
    if (std::string problem = out.back()->start(); !problem.empty()) return problem;
  }
  return {};
}

// Blocks SIGINT and SIGTERM in every thread (threads inherit the mask) so that main alone
// receives them, with sigwait.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int run(const Settings& s, const HostPort& http) {
  const sigset_t stop_signals = block_stop_signals();
  const StateDir dir(s.state);
  Database db(dir.database());
  GatewayService service(db, service_options(s));
  if (const std::optional<std::string> admin =
          create_admin_token(service.tokens(), dir.admin_token())) {
    std::fprintf(stderr, "tc-gateway: admin API token (shown once; also in %s): %s\n",
                 dir.admin_token().c_str(), admin->c_str());
  }
  CoapGateway coap(coap_options(s), service, service.blobs());
  // Before the service starts, so that every event it publishes reaches the outbox.
  std::unique_ptr<PlatformLink> platform;
  if (s.platform.enabled()) {
    platform = make_platform_link(platform_options(s), {db, service.devices(), service.commands(),
                                                        service.events(), service.blobs(), coap});
  }
  service.start(coap);
  if (const std::string error = coap.start(); !error.empty()) {
    log::error(error);
    service.stop();
    return 1;
  }
  ApiServer api({service.devices(), service.commands(), service.events(), service.tokens(), coap,
                 api_limits(s), platform.get()},
                {http.host, http.port, s.http_threads});
  if (const std::string error = api.start(); !error.empty()) {
    log::error(error);
    // The service's pending work may still use the link: stop in order, as below.
    coap.stop();
    service.stop();
    return 1;
  }
  if (platform) {
    if (const std::string error = platform->start(); !error.empty()) {
      log::error(error);
      api.stop();
      coap.stop();
      service.stop();
      return 1;
    }
    log::info("platform link to " + s.platform.url);
  }
  const std::string coap_host = s.coap.substr(0, s.coap.rfind(':'));
  std::vector<std::unique_ptr<serial::SerialAttachment>> serial_devices;
  if (const std::string error = attach_serial_devices(s, coap_host, coap.port(), serial_devices);
      !error.empty()) {
    log::error(error);
    if (platform) platform->stop();
    api.stop();
    coap.stop();
    service.stop();
    return 1;
  }
  std::printf("coap on %s:%u\nhttp on %s:%d\n", coap_host.c_str(), coap.port(),
              s.http.substr(0, s.http.rfind(':')).c_str(), api.port());
  std::fflush(stdout);
  int signal = 0;
  sigwait(&stop_signals, &signal);
  log::info(std::string("stopping on ") + (signal == SIGINT ? "SIGINT" : "SIGTERM"));
  // Order: no serial traffic, no platform turn (it reads devices and queues commands), no new HTTP
  // requests, then no CoAP (every pending request completes), then the queue.
  serial_devices.clear();
  if (platform) platform->stop();
  api.stop();
  coap.stop();
  service.stop();
  return 0;
}

// Parses the command line, checks what the parser cannot, runs.
int run_command_line(int argc, char** argv) {
  CLI::App app{"tc-gateway: CoAP devices as an HTTP/JSON API (docs/gateway.md)"};
  Settings settings;
  add_options(app, settings);
  CLI11_PARSE(app, argc, argv);
  log::set_level(settings.verbosity >= 2   ? log::Level::debug
                 : settings.verbosity == 1 ? log::Level::info
                                           : log::Level::warning);
  const HostPortParse coap = parse_host_port(settings.coap);
  const HostPortParse http = parse_host_port(settings.http);
  std::string problem = !coap.value   ? "--coap: " + coap.error
                        : !http.value ? "--http: " + http.error
                                      : check(settings.platform);
  if (problem.empty() && settings.lifetime_min_s > settings.lifetime_max_s) {
    problem = "--lifetime-min is above --lifetime-max";
  }
  for (const std::string& text : settings.serial) {
    const serial::SerialAddressParse address = serial::parse_serial_address(text);
    if (problem.empty() && !address.address) problem = "--serial " + text + ": " + address.error;
  }
  if (!problem.empty()) {
    std::fprintf(stderr, "tc-gateway: %s\n", problem.c_str());
    return 2;
  }
  return run(settings, *http.value);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_command_line(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tc-gateway: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "tc-gateway: unexpected failure\n");
  }
  return 1;
}
