// The device's CoAP management tree (docs/protocol.md): device information, the resource catalog,
// containers and their life cycle, logs, the observable event stream, routing of container
// exports to Agent::request and the (insecure) install. Portable device core: the native port
// (tc-device) and the Cortex-M firmware serve the same tree. No heap, no exceptions; every table
// is fixed.
//
//   mgmt::Tree tree(server, config);            // before the agent: it is the agent's ResponseSink
//   agent::Config ac{.responses = &tree};
//   agent::Agent agent(ports, ac);
//   agent.begin(pool); tree.attach(agent);       // registers the resources
//   loop: server.receive(...); agent.poll(now); tree.poll(now); server.poll(now);
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <variant>

#include "agent/agent.hpp"
#include "coap/server.hpp"
#include "manifest/board.hpp"
#include "manifest/manifest.hpp"
#include "suit/suit.hpp"

namespace tc::mgmt {

// One recorded actuator write (native port: the simulation records them).
struct ResourceWrite {
  uint64_t time_ms = 0;
  int64_t value = 0;
};

// Optional: the last writes of a resource, oldest first (GET /dev/resources/{name} "writes").
class WriteHistory {
 public:
  virtual std::size_t writes(uint32_t index, std::span<ResourceWrite> out) const = 0;

 protected:
  ~WriteHistory() = default;
};

struct DeviceInfo {
  std::string_view id;
  std::string_view firmware;
  uint32_t pool_bytes = 0;
  uint8_t capacity = 0;  // container slots (agent Config::containers)
  bool insecure = false;
};

// Signed installs (docs/suit.md). Without a crypto port the device takes no SUIT envelope.
struct SuitConfig {
  crypto::Crypto* crypto = nullptr;
  suit::Policy policy;  // the trust anchors and whether tenants must sign too
  suit::DeviceIdentity identity;
  suit::Fetcher* fetcher = nullptr;  // payloads by URI (optional)
  std::span<uint8_t> fetch_buffer;
};

struct TreeConfig {
  DeviceInfo device;
  const manifest::BoardProfile* board = nullptr;
  agent::Clock* clock = nullptr;
  agent::Resources* resources = nullptr;  // the agent's resources, by the board's order
  agent::Storage* storage = nullptr;      // for free_bytes in /dev/stats (optional)
  const WriteHistory* history = nullptr;  // optional
  // Largest install body (POST /c), also the Block1 limit of /c. The server's transfer buffers
  // must hold it.
  uint32_t max_install = 64u * 1024u;
  // 8-aligned scratch of at least max_install bytes: the image is copied here so that the
  // verifier can run on aligned instructions before anything changes on the device.
  std::span<uint8_t> scratch;
  SuitConfig suit;
  // Install by reference (POST /c {"uri": ...}): the fetched body lands here, through
  // suit.fetcher. Empty (or no fetcher): such installs are refused with 5.01.
  std::span<uint8_t> reference_buffer;
};

inline constexpr std::size_t kMaxPendingResponses = 4;
inline constexpr std::size_t kMaxResponsePayload = 256;  // agent Config::context_bytes
inline constexpr std::size_t kMaxEventsRendered = 64;

class Tree final : public agent::ResponseSink {
 public:
  Tree(coap::Server& server, const TreeConfig& config);
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;

  // Registers the tree's resources with the server. Call after agent.begin().
  Status attach(agent::Agent& agent);
  // Delivers export answers and sends /events notifications when the agent emitted events.
  void poll(uint64_t now_ms);

  // agent::ResponseSink: queued, delivered by poll() (the agent may answer while a CoAP handler
  // is running, when the server must not be called).
  void respond(uint32_t token, uint8_t code, uint16_t content_format,
               std::span<const uint8_t> payload) override;

  [[nodiscard]] coap::ResourceId events_resource() const { return events_id_; }

 private:
  struct Route final : coap::Handler {
    Tree* tree = nullptr;
    void (Tree::*fn)(const coap::Request&, coap::Response&) = nullptr;
    void handle(const coap::Request& req, coap::Response& res) override { (tree->*fn)(req, res); }
  };
  struct Waiting {
    bool used = false;
    uint32_t token = 0;
    coap::Ticket ticket;
  };
  struct Pending {
    bool used = false;
    uint32_t token = 0;
    uint8_t code = 0;
    uint16_t format = 0;
    uint16_t size = 0;
    uint8_t payload[kMaxResponsePayload] = {};
  };

  void get_dev(const coap::Request& req, coap::Response& res);
  void get_resources(const coap::Request& req, coap::Response& res);
  void get_stats(const coap::Request& req, coap::Response& res);
  void containers(const coap::Request& req, coap::Response& res);
  void get_events(const coap::Request& req, coap::Response& res);

  // install.cpp: POST /c, a SUIT envelope or (insecure devices) [image, manifest], given or
  // fetched by reference.
  void install(const coap::Request& req, coap::Response& res);
  void install_body(std::span<const uint8_t> body, coap::Response& res);
  void install_by_reference(std::span<const uint8_t> body, coap::Response& res);
  void install_unsigned(std::span<const uint8_t> body, coap::Response& res);
  void install_signed(std::span<const uint8_t> body, coap::Response& res);
  struct Signed;
  void deploy(std::span<const uint8_t> image, std::span<const uint8_t> cbor, const Signed* sig,
              coap::Response& res);
  [[nodiscard]] bool check_signed(const manifest::Manifest& m, const Signed& sig,
                                  coap::Response& res);
  void refuse(coap::Response& res, coap::Code code, uint8_t reason, std::string_view name,
              std::string_view text);
  void container_export(std::string_view name, std::string_view path, const coap::Request& req,
                        coap::Response& res);
  void logs(std::string_view name, const coap::Request& req, coap::Response& res);

  [[nodiscard]] uint64_t now() const;

  coap::Server& server_;
  TreeConfig config_;
  agent::Agent* agent_ = nullptr;
  Route routes_[5];
  coap::ResourceId events_id_ = 0;
  uint32_t notified_next_ = 1;  // the agent's next_event_seq() at the last notification
  uint32_t batch_from_ = 1;     // what a notification renders: events from this seq
  uint32_t next_token_ = 1;
  Waiting waiting_[kMaxPendingResponses];
  Pending pending_[kMaxPendingResponses];
  // The working memory of one request, too large for a task's stack: GET /events' batch, or an
  // install's decoded envelope and manifest. Requests are handled one at a time and
  // notifications are rendered from poll(), never inside a handler, so the two share the bytes.
  using EventBatch = std::array<agent::Event, kMaxEventsRendered>;
  struct InstallWork {
    suit::Envelope envelope;
    manifest::Manifest manifest;
  };
  [[nodiscard]] InstallWork& install_work();
  std::variant<std::monostate, EventBatch, InstallWork> work_;
};

}  // namespace tc::mgmt
