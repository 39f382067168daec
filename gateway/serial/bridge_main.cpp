// tc-slip-bridge: a serial CoAP device (CoAP in SLIP frames, docs/firmware.md) made to look like a
// UDP one, so that any CoAP client (libcoap's coap-client, tc-gateway, tcctl dev) talks to it
// unchanged.
//
//   tc-slip-bridge --serial tcp:HOST:PORT --udp HOST:PORT [--upstream HOST:PORT]
//                  [--connect-timeout SECONDS] [-v]
//
// It connects to the serial line (QEMU: -serial tcp:127.0.0.1:PORT,server,nowait), binds the UDP
// address (port 0: any free one), prints "bridging udp HOST:PORT <-> tcp:HOST:PORT", then
// forwards each datagram as one frame and each frame as one datagram; the device's messages go
// back to the client they answer (reply_router.hpp), and the device's own requests (its
// registration with a resource directory) to --upstream, or nowhere without it. It ends when the
// serial line closes (status 1) or on SIGINT/SIGTERM (status 0).
#include <signal.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <optional>
#include <string>

#include "serial_address.hpp"
#include "serial_bridge.hpp"
#include "serial_link.hpp"
#include "udp_socket.hpp"

namespace {

using namespace tc;

volatile sig_atomic_t g_stop = 0;
extern "C" void on_signal(int) {
  g_stop = 1;
}

struct Options {
  std::string serial;
  std::string udp = "127.0.0.1:5683";
  std::string upstream;
  double connect_timeout_s = 10;
  bool verbose = false;
};

int run(const Options& opt) {
  const gw::serial::SerialAddressParse address = gw::serial::parse_serial_address(opt.serial);
  if (!address.address) {
    std::fprintf(stderr, "tc-slip-bridge: --serial: %s\n", address.error.c_str());
    return 2;
  }
  std::string error;
  std::optional<coap::Endpoint> upstream;
  if (!opt.upstream.empty()) {
    upstream = native::parse_ipv4_endpoint(opt.upstream, error);
    if (!upstream) {
      std::fprintf(stderr, "tc-slip-bridge: --upstream: %s\n", error.c_str());
      return 2;
    }
  }
  const auto socket = native::UdpSocket::bind(opt.udp, error);
  if (!socket) {
    std::fprintf(stderr, "tc-slip-bridge: --udp: %s\n", error.c_str());
    return 2;
  }
  const auto link = gw::serial::SerialLink::connect(
      *address.address, static_cast<int>(opt.connect_timeout_s * 1000), error);
  if (!link) {
    std::fprintf(stderr, "tc-slip-bridge: --serial: %s\n", error.c_str());
    return 2;
  }
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  std::printf("bridging udp %s <-> %s\n", gw::serial::host_port(socket->local()).c_str(),
              opt.serial.c_str());
  std::fflush(stdout);

  std::function<void(const std::string&)> trace;
  if (opt.verbose) {
    trace = [](const std::string& line) {
      std::fprintf(stderr, "tc-slip-bridge: %s\n", line.c_str());
    };
  }
  gw::serial::SerialBridge bridge(*link, *socket, upstream, trace);
  const auto end = bridge.run([] { return g_stop != 0; }, 500, error);
  if (end == gw::serial::SerialBridge::End::stopped) return 0;
  if (end == gw::serial::SerialBridge::End::line_failed) {
    std::fprintf(stderr, "tc-slip-bridge: %s\n", error.c_str());
    return 1;
  }
  const slip::DecoderStats& s = link->stats();
  std::fprintf(stderr,
               "tc-slip-bridge: the serial line closed (%u frames, %u oversize and %u malformed "
               "dropped)\n",
               s.frames, s.oversize, s.bad_escape);
  return 1;
}

int run_command_line(int argc, char** argv) {
  Options opt;
  CLI::App app{"tc-slip-bridge: a CoAP-over-SLIP serial device as a UDP CoAP device"};
  app.add_option("--serial", opt.serial, "the device's serial line, tcp:HOST:PORT")->required();
  app.add_option("--udp", opt.udp, "UDP address to serve, HOST:PORT (port 0: any free port)")
      ->capture_default_str();
  app.add_option("--upstream", opt.upstream,
                 "where the device's own requests go (a resource directory), HOST:PORT");
  app.add_option("--connect-timeout", opt.connect_timeout_s,
                 "seconds to keep trying to connect to the serial line")
      ->check(CLI::Range(0.0, 3600.0))
      ->capture_default_str();
  app.add_flag("-v,--verbose", opt.verbose, "log every frame on stderr");
  CLI11_PARSE(app, argc, argv);
  return run(opt);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run_command_line(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tc-slip-bridge: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "tc-slip-bridge: unexpected failure\n");
  }
  return 1;
}
