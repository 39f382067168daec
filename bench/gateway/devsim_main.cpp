// tc-devsim: N simulated TinyContainer devices in one process, for the gateway benchmark
// (docs/performance.md, "Gateway").
//
//   tc-devsim [--rd coap://HOST:PORT] [--count N] [--lifetime S] [--prefix sim-]
//             [--container bench] [--parallel P] [--addresses FILE] [--host 127.0.0.1]
//
// Each device listens on its own UDP port and serves SimResources; with --rd each registers at
// that resource directory (RFC 9176) and refreshes its registration. Prints on stdout: `ready N
// devices` once every socket is bound (and FILE written), `registered N devices in X ms` once
// the last one got its 2.01, and its totals on SIGINT/SIGTERM.
#include <signal.h>
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>

#include "device_fleet.hpp"
#include "monotonic_clock.hpp"
#include "rd/coap_uri.hpp"

namespace {

using namespace tc;

volatile sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) {
  g_stop = 1;
}

// One socket per device: make sure the process may open them all.
bool raise_file_limit(std::size_t needed) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return false;
  if (limit.rlim_cur >= needed) return true;
  if (limit.rlim_max < needed) return false;
  limit.rlim_cur = needed;
  return ::setrlimit(RLIMIT_NOFILE, &limit) == 0;
}

bool parse_directory(const std::string& uri, coap::Endpoint& out, std::string& error) {
  rd::CoapUri parsed;
  if (const Status st = rd::parse_coap_uri(uri, parsed); !st.ok()) {
    error = st.message();
    return false;
  }
  if (!parsed.ipv4) {
    error = "the host must be an IPv4 address";
    return false;
  }
  if (!parsed.path.empty() && parsed.path != "/") {
    error = "give the directory as coap://HOST:PORT: it is registered at /rd";
    return false;
  }
  out = *coap::Endpoint::from(*parsed.ipv4, parsed.port);
  return true;
}

void print_totals(const bench::DeviceFleet& fleet) {
  const bench::FleetTotals t = fleet.totals();
  std::cout << "totals: " << t.export_requests << " export requests, " << t.requests
            << " CoAP requests, " << t.duplicates << " duplicates, " << t.busy << " busy, "
            << t.send_errors << " send errors, " << t.registrations
            << " registrations and refreshes, " << t.registration_failures
            << " failed registration attempts; " << fleet.registered() << " registered now"
            << std::endl;
}

struct Options {
  bench::FleetConfig fleet;
  std::string rd;
  std::string addresses;
};

void add_options(CLI::App& app, Options& o) {
  app.add_option("--rd", o.rd, "resource directory to register at, coap://HOST:PORT");
  app.add_option("--count", o.fleet.count, "number of devices")->check(CLI::Range(1, 9999));
  app.add_option("--lifetime", o.fleet.lifetime_s, "registration lifetime in seconds")
      ->check(CLI::Range(1, 86400));
  app.add_option("--prefix", o.fleet.prefix, "device id prefix (ids are PREFIX0001...)")
      ->check(CLI::Validator(
          [](const std::string& p) {
            return p.size() <= 59 ? std::string() : "at most 59 characters (RFC 9176: ep <= 63)";
          },
          "PREFIX"));
  app.add_option("--container", o.fleet.container, "the one container each device runs");
  app.add_option("--parallel", o.fleet.parallel, "first registrations in flight at once")
      ->check(CLI::Range(1, 100000));
  app.add_option("--addresses", o.addresses, "write 'ID HOST:PORT' lines to this file");
  app.add_option("--host", o.fleet.host, "IPv4 address the devices listen on");
  app.add_option("--seed", o.fleet.seed, "seed of message ids, tokens and jitter");
}

// Binds every device and writes the addresses file; null after printing why not.
std::unique_ptr<bench::DeviceFleet> make_fleet(Options& o) {
  if (!o.rd.empty()) {
    coap::Endpoint directory;
    std::string error;
    if (!parse_directory(o.rd, directory, error)) {
      std::cerr << "tc-devsim: --rd " << o.rd << ": " << error << "\n";
      return nullptr;
    }
    o.fleet.directory = directory;
  }
  if (!raise_file_limit(o.fleet.count + 64)) {
    std::cerr << "tc-devsim: cannot open " << o.fleet.count
              << " sockets: raise the open-file limit (ulimit -n)\n";
    return nullptr;
  }
  std::string error;
  std::unique_ptr<bench::DeviceFleet> fleet = bench::DeviceFleet::create(o.fleet, error);
  if (!fleet) {
    std::cerr << "tc-devsim: " << error << "\n";
    return nullptr;
  }
  if (!o.addresses.empty()) {
    std::ofstream out(o.addresses);
    fleet->write_addresses(out);
    if (!out.flush()) {
      std::cerr << "tc-devsim: cannot write " << o.addresses << "\n";
      return nullptr;
    }
  }
  return fleet;
}

// Runs the fleet until SIGINT/SIGTERM, reporting the registration once; false on a registration
// that cannot even start.
bool serve(bench::DeviceFleet& fleet, bool registering) {
  bool reported = !registering;
  uint64_t next_progress = bench::monotonic_ms() + 5000;
  while (g_stop == 0) {
    fleet.step(100);
    if (*fleet.registration_error() != '\0') {
      std::cerr << "tc-devsim: registration: " << fleet.registration_error() << "\n";
      return false;
    }
    if (reported) continue;
    if (fleet.all_registered_ms()) {
      reported = true;
      std::cout << "registered " << fleet.size() << " devices in "
                << *fleet.all_registered_ms() - *fleet.first_request_ms()
                << " ms (first request to last first 2.01; " << fleet.totals().registration_failures
                << " failed attempts)" << std::endl;
    } else if (bench::monotonic_ms() >= next_progress) {
      next_progress += 5000;
      std::cout << "registered " << fleet.registered() << " of " << fleet.size() << " so far"
                << std::endl;
    }
  }
  return true;
}

int run(int argc, char** argv) {
  CLI::App app{"tc-devsim: N simulated devices for the gateway benchmark"};
  Options o;
  add_options(app, o);
  CLI11_PARSE(app, argc, argv);
  std::unique_ptr<bench::DeviceFleet> fleet = make_fleet(o);
  if (!fleet) return 1;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  std::cout << "ready " << fleet->size() << " devices on " << o.fleet.host << " ("
            << sizeof(bench::SimDevice) << " bytes of state per device)" << std::endl;
  if (o.fleet.directory) {
    std::cout << "registering " << fleet->size() << " devices at " << o.rd << " (lifetime "
              << o.fleet.lifetime_s << " s, " << o.fleet.parallel << " in flight at most)"
              << std::endl;
  }
  if (!serve(*fleet, o.fleet.directory.has_value())) return 1;
  print_totals(*fleet);
  return 0;
}
}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "tc-devsim: " << e.what() << "\n";
    return 1;
  }
}
