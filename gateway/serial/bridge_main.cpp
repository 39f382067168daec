// tc-slip-bridge: a serial CoAP device (CoAP in SLIP frames, docs/firmware.md) made to look like a
// UDP one, so that any CoAP client (libcoap's coap-client, tc-gateway, tcctl dev) talks to it
// unchanged.
//
//   tc-slip-bridge --serial tcp:HOST:PORT --udp HOST:PORT [--connect-timeout SECONDS] [-v]
//
// It connects to the serial line (QEMU: -serial tcp:127.0.0.1:PORT,server,nowait), binds the UDP
// address (port 0: any free one), prints "bridging udp HOST:PORT <-> tcp:HOST:PORT", then
// forwards each datagram as one frame and each frame as one datagram; the device's messages go
// back to the client they answer (reply_router.hpp). It ends when the serial line closes (status
// 1) or on SIGINT/SIGTERM (status 0).
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cstdio>
#include <string>

#include "reply_router.hpp"
#include "serial_address.hpp"
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
  double connect_timeout_s = 10;
  bool verbose = false;
};

std::string host_port(const coap::Endpoint& e) {
  std::array<char, INET_ADDRSTRLEN> text{};
  if (e.length != 4 || inet_ntop(AF_INET, e.address.data(), text.data(), text.size()) == nullptr) {
    return "?:" + std::to_string(e.port);
  }
  return std::string(text.data()) + ":" + std::to_string(e.port);
}

class Bridge {
 public:
  Bridge(gw::serial::SerialLink& link, native::UdpSocket& socket, bool verbose)
      : link_(link), socket_(socket), verbose_(verbose) {}

  // Forwards until the serial line closes (false) or a signal arrives (true).
  bool run() {
    while (g_stop == 0) {
      std::array<pollfd, 2> fds{pollfd{link_.fd(), POLLIN, 0}, pollfd{socket_.fd(), POLLIN, 0}};
      if (::poll(fds.data(), fds.size(), 500) <= 0) continue;
      if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0 && !from_device()) return false;
      if ((fds[1].revents & POLLIN) != 0 && !from_clients()) return false;
    }
    return true;
  }

 private:
  bool from_device() {
    return link_.receive([this](std::span<const uint8_t> frame) {
      const std::optional<coap::Endpoint> client = router_.to_client(frame);
      if (!client) {
        log("device -> nobody", frame.size());
        return;
      }
      log("device -> " + host_port(*client), frame.size());
      (void)socket_.send(*client, frame);
    });
  }

  bool from_clients() {
    coap::Endpoint client;
    while (const std::size_t n = socket_.receive(datagram_, client)) {
      const std::span<const uint8_t> bytes(datagram_.data(), n);
      log(host_port(client) + " -> device", n);
      router_.from_client(client, bytes);
      std::string error;
      if (!link_.send(bytes, error)) {
        std::fprintf(stderr, "tc-slip-bridge: %s\n", error.c_str());
        return false;
      }
    }
    return true;
  }

  void log(const std::string& what, std::size_t bytes) const {
    if (verbose_) std::fprintf(stderr, "tc-slip-bridge: %s, %zu bytes\n", what.c_str(), bytes);
  }

  gw::serial::SerialLink& link_;
  native::UdpSocket& socket_;
  bool verbose_;
  gw::serial::ReplyRouter router_;
  std::array<uint8_t, gw::serial::kMaxFrame> datagram_{};
};

int run(const Options& opt) {
  const gw::serial::SerialAddressParse address = gw::serial::parse_serial_address(opt.serial);
  if (!address.address) {
    std::fprintf(stderr, "tc-slip-bridge: --serial: %s\n", address.error.c_str());
    return 2;
  }
  std::string error;
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
  std::printf("bridging udp %s <-> %s\n", host_port(socket->local()).c_str(), opt.serial.c_str());
  std::fflush(stdout);

  Bridge bridge(*link, *socket, opt.verbose);
  if (bridge.run()) return 0;
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
