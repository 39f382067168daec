// tinycontainer.elf: the device firmware. The same device core as tc-device (ports/native): the
// agent on the firmware's ports (SysTick clock and watchdog, RAM storage, simulated resources),
// the CoAP server and the management tree of docs/protocol.md, over CoAP in SLIP on UART0
// (docs/firmware.md), and the registration with the gateway's resource directory over the same
// line. The console is UART1. Installs are signed, like tc-device's: SUIT envelopes checked by
// the crypto port (mbedTLS) against the operator key the build embedded (operator_key.hpp);
// unsigned bodies are refused.
#include <cstdint>
#include <span>

#include "agent/agent.hpp"
#include "agent_budget.hpp"
#include "board.hpp"
#include "board_profile.hpp"
#include "coap/server.hpp"
#include "coap/server_memory.hpp"
#include "console.hpp"
#include "device_identity.hpp"
#include "firmware_crypto.hpp"
#include "firmware_main.hpp"
#include "mgmt/tree.hpp"
#include "operator_key.hpp"
#include "ram_storage.hpp"
#include "rd/registrar.hpp"
#include "sim_resources.hpp"
#include "slip_link.hpp"
#include "stack_watermark.hpp"
#include "systick.hpp"
#include "systick_clock.hpp"
#include "systick_watchdog.hpp"
#include "xorshift_entropy.hpp"

namespace {

using namespace tc;
namespace budget = cortex_m::agent_budget;

// The largest install body: [image, manifest] of a container that fits a slot (image, manifest,
// data and stack share its bytes), plus the CBOR framing around the two.
constexpr uint32_t kMaxInstall = budget::kContainerBytes + 16;
// Installed containers (image and manifest, about 0.7 KiB each for the tests' thermometer and loop;
// 2 KiB at most) and their keys: room for three small ones or two of the largest.
constexpr uint32_t kStorageBytes = 5120;
// 256-byte blocks: the largest datagram stays under 400 bytes, which keeps the server's retained
// responses (dedup, outbox) small.
constexpr uint8_t kMaxSzx = 4;
constexpr coap::Capacities kCaps{.resources = 8,
                                 .dedup = 4,
                                 .outbox = 4,
                                 .observers = 2,
                                 .deferred = mgmt::kMaxPendingResponses,
                                 .transfers = 1,
                                 .transfer_bytes = kMaxInstall,
                                 .max_szx = kMaxSzx};
using ServerMemory = coap::StaticServerMemory<kCaps>;
// Clients send 1024-byte blocks unless told otherwise (libcoap does); the server takes the first
// 256 bytes of such a block and asks for smaller ones (RFC 7959 2.5), so the link must receive
// the datagram whole.
constexpr std::size_t kReceivedFrameBytes = coap::block_size(6) + coap::kDatagramOverhead;
constexpr std::size_t kEncodedBytes = 2 * ServerMemory::kDatagram + 2;

// The CoAP server's randomness (message ids, retransmission jitter) from the agent's entropy.
class EntropyRandom final : public coap::Random {
 public:
  explicit EntropyRandom(agent::Entropy& entropy) : entropy_(entropy) {}
  uint32_t next() override { return entropy_.random_u32(); }

 private:
  agent::Entropy& entropy_;
};

alignas(8) uint8_t pool[budget::kPoolBytes];
alignas(8) uint8_t storage_arena[kStorageBytes];
alignas(8) uint8_t install_scratch[kMaxInstall];
uint8_t received_frame[kReceivedFrameBytes];
uint8_t encoded_frame[kEncodedBytes];

cortex_m::SysTickClock clock;
cortex_m::SysTickWatchdog watchdog;
cortex_m::RamStorage storage(storage_arena);
cortex_m::SimResources resources(clock);
cortex_m::XorshiftEntropy entropy;
manifest::BoardProfile board_profile;
cortex_m::FirmwareCrypto device_crypto;
// The trust anchors: the operator key, filled in by tc_firmware_main() (its kid is computed).
crypto::TrustAnchor anchors[1];
ServerMemory server_memory;
cortex_m::SlipLink link(received_frame, encoded_frame);
EntropyRandom random(entropy);

coap::ServerConfig server_config() {
  coap::ServerConfig c;
  c.max_szx = kMaxSzx;
  c.max_body = kMaxInstall;
  return c;
}

mgmt::TreeConfig tree_config() {
  mgmt::TreeConfig c;
  c.device = {.id = cortex_m::board::name(),
              .firmware = "tinycontainer-cortex-m 0.1.0",
              .pool_bytes = budget::kPoolBytes,
              .capacity = budget::kContainers,
              .insecure = false};
  c.board = &board_profile;
  c.clock = &clock;
  c.resources = &resources;
  c.storage = &storage;
  c.max_install = kMaxInstall;
  c.scratch = install_scratch;
  // No fetcher: envelopes must carry their payloads.
  c.suit = {.crypto = &device_crypto,
            .policy = {.anchors = anchors},
            .identity = cortex_m::device_identity(),
            .fetcher = nullptr,
            .fetch_buffer = {}};
  return c;
}

coap::Server server(server_memory.view(), link, random, server_config());
mgmt::Tree tree(server, tree_config());

// The device registers with the gateway's resource directory over the same line: the host side
// (tc-gateway --serial, tc-slip-bridge --upstream) forwards the device's requests to the
// directory, which takes the bridge's address for the device's (so no base).
constexpr uint32_t kRegistrationLifetimeS = 60;
// The registration's link format lists the management tree's few resources: 320 bytes hold it
// with room to spare (start() says so on the console when it does not fit).
uint8_t registration_datagram[320];
rd::RegistrarConfig registrar_config() {
  rd::RegistrarConfig c;
  c.directory = cortex_m::SlipLink::peer();
  c.endpoint = cortex_m::board::name();
  c.lifetime_s = kRegistrationLifetimeS;
  c.links = server.resources().slots();
  c.shares_transport = true;
  c.datagram = registration_datagram;
  return c;
}
rd::Registrar registrar(link, random, registrar_config());
agent::Agent device_agent({clock, watchdog, storage, resources, entropy}, budget::config(&tree));

void print_memory() {
  namespace console = cortex_m::console;
  console::print("tinycontainer: ");
  console::print(cortex_m::board::name());
  console::print(", agent pool ");
  console::print_dec(sizeof pool);
  console::print(" B, CoAP server memory ");
  console::print_dec(sizeof server_memory);
  console::print(" B, management tree ");
  console::print_dec(sizeof tree);
  console::line(" B; CoAP over SLIP on UART0");
}

// Says on the console what each signature verification took: the figures docs/crypto.md keeps
// (emulated time under QEMU -icount, the arena's high-water mark).
void report_verifications() {
  static uint32_t reported = 0;
  const cortex_m::CryptoFigures f = device_crypto.figures();
  if (f.verifications == reported) return;
  reported = f.verifications;
  namespace console = cortex_m::console;
  console::print("tinycontainer: ES256 verification ");
  console::print(crypto::describe(f.last_verdict));
  console::print(" in ");
  console::print_dec(f.last_verify_us);
  console::print(" us, crypto arena high-water ");
  console::print_dec(f.arena_high_water);
  console::print(" of ");
  console::print_dec(cortex_m::kCryptoArenaBytes);
  console::line(" B");
}

// Says on the console when the stack went deeper than ever: the last such line is the peak that
// sizes __stack_size__ (docs/firmware.md, the memory section).
void report_stack() {
  static std::size_t reported = 0;
  const std::size_t used = cortex_m::stack::high_water();
  if (used <= reported) return;
  reported = used;
  cortex_m::console::print("tinycontainer: stack high-water ");
  cortex_m::console::print_dec(used);
  cortex_m::console::print(" of ");
  cortex_m::console::print_dec(cortex_m::stack::size());
  cortex_m::console::line(" B");
}

// Says on the console when the registration state changes.
void report_registration() {
  static rd::RegistrationState reported = rd::RegistrationState::unregistered;
  if (registrar.state() == reported) return;
  reported = registrar.state();
  cortex_m::console::print("tinycontainer: registration ");
  cortex_m::console::line(rd::describe(reported));
}

// Hands every complete frame to the registrar (the directory's answers) or else the server.
void receive_frames() {
  for (std::span<const uint8_t> frame = link.next_frame(); !frame.empty();
       frame = link.next_frame()) {
    if (registrar.on_datagram(cortex_m::SlipLink::peer(), frame, clock.now_ms())) continue;
    server.receive(cortex_m::SlipLink::peer(), frame, clock.now_ms());
    tree.poll(clock.now_ms());
  }
}

[[noreturn]] void serve() {
  for (;;) {
    receive_frames();
    uint64_t next = device_agent.poll(clock.now_ms());
    tree.poll(clock.now_ms());
    server.poll(clock.now_ms());
    registrar.poll(clock.now_ms());
    report_registration();
    report_verifications();
    report_stack();
    if (const auto d = server.next_deadline()) next = next < *d ? next : *d;
    if (const auto d = registrar.next_deadline()) next = next < *d ? next : *d;
    // A byte that arrives after this check wakes the core from wfi through its interrupt; one
    // that arrived just before it is picked up at the next SysTick at the latest.
    if (!link.receive_pending() && next > clock.now_ms()) cortex_m::systick::wait_for_interrupt();
  }
}

}  // namespace

extern "C" int tc_firmware_main() {
  cortex_m::systick::start();
  link.start();  // first: from here on the console is UART1, and requests wait in the ring
  cortex_m::describe_board(resources, cortex_m::board::name(), budget::kContainers, board_profile);
  const Result<crypto::TrustAnchor> anchor = cortex_m::operator_anchor(device_crypto);
  if (!anchor.ok()) {
    cortex_m::console::print("tinycontainer: operator key: ");
    cortex_m::console::line(anchor.status().message());
    return 1;
  }
  anchors[0] = *anchor;
  if (Status st = device_agent.begin(pool); !st.ok()) {
    cortex_m::console::print("tinycontainer: agent: ");
    cortex_m::console::line(st.message());
    return 1;
  }
  if (Status st = tree.attach(device_agent); !st.ok()) {
    cortex_m::console::print("tinycontainer: management tree: ");
    cortex_m::console::line(st.message());
    return 1;
  }
  print_memory();
  if (Status st = registrar.start(clock.now_ms()); !st.ok()) {
    cortex_m::console::print("tinycontainer: registration: ");  // served all the same
    cortex_m::console::line(st.message());
  }
  serve();
}
