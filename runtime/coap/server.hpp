// The device's CoAP server (RFC 7252 with RFC 7959 block-wise transfer, RFC 7641 observe and
// RFC 6690 discovery) on top of the message layer. Transport-agnostic: the port feeds datagrams
// with an opaque peer Endpoint into receive(), the server answers through Transport, and time is
// the caller's (receive/poll/notify take now_ms, a monotonic millisecond clock).
//
//   StaticServerMemory<> memory;
//   Server server(memory.view(), udp, entropy);
//   server.add_resource({.path = "/hello", .handler = &hello});
//   loop: server.receive(peer, datagram, now); server.poll(now);
//
// Single-threaded: all calls from the CoAP task. Nothing allocates; every table is fixed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "coap/block1_assembler.hpp"
#include "coap/dedup_cache.hpp"
#include "coap/deferred_table.hpp"
#include "coap/message.hpp"
#include "coap/observer_registry.hpp"
#include "coap/outbox.hpp"
#include "coap/resource.hpp"
#include "coap/resource_tree.hpp"
#include "coap/server_config.hpp"
#include "coap/server_memory.hpp"
#include "coap/transfer_pool.hpp"
#include "coap/transport.hpp"

namespace tc::coap {

struct ServerStats {
  uint32_t received = 0;         // datagrams fed to receive()
  uint32_t requests = 0;         // requests processed (not duplicates)
  uint32_t duplicates = 0;       // requests answered from the deduplication cache
  uint32_t resets_sent = 0;      // format errors, pings, unexpected messages
  uint32_t ignored = 0;          // dropped silently
  uint32_t retransmissions = 0;  // of CON messages the server originated
  uint32_t gave_up = 0;          // CON messages never acknowledged
  uint32_t send_errors = 0;      // Transport::send failures
  uint32_t busy = 0;             // 5.03 for want of a slot
};

class Server {
 public:
  Server(const ServerMemory& memory, Transport& transport, Random& random,
         const ServerConfig& config = {});

  [[nodiscard]] Result<ResourceId> add_resource(const Resource& resource);
  // Unregisters; its observers get a final 4.04 notification (RFC 7641 3.2) and are dropped.
  Status remove_resource(ResourceId id, uint64_t now_ms);

  // One datagram from `peer`. Answers through the transport before returning.
  void receive(const Endpoint& peer, std::span<const uint8_t> datagram, uint64_t now_ms);
  // Retransmissions and expiry; call at least every few hundred milliseconds (next_deadline()
  // says when something is due).
  void poll(uint64_t now_ms);
  [[nodiscard]] std::optional<uint64_t> next_deadline() const;

  // The separate response to a deferred request: CON if the request was CON (retransmitted
  // until acknowledged), NON otherwise; a payload larger than a block goes out as its first block
  // (the client fetches the rest with GET, which the handler must then answer directly).
  // not_found for an unknown or expired ticket, resource_exhausted when no CON slot is free
  // (try again later).
  Status respond(const Ticket& ticket, Code code, std::optional<ContentFormat> format,
                 std::span<const uint8_t> payload, uint64_t now_ms);

  // Sends the resource's current state to each of its observers; returns how many were sent.
  std::size_t notify(ResourceId id, uint64_t now_ms);

  [[nodiscard]] std::size_t observer_count(ResourceId id) const { return observers_.count(id); }
  [[nodiscard]] std::size_t in_flight() const { return outbox_.in_flight(); }
  [[nodiscard]] std::size_t deferred_pending() const { return deferred_.pending(); }
  [[nodiscard]] std::size_t transfers_active() const { return transfers_.active(); }
  [[nodiscard]] const ServerStats& stats() const { return stats_; }
  [[nodiscard]] const ResourceTree& resources() const { return tree_; }
  [[nodiscard]] uint8_t max_szx() const { return max_szx_; }

  // What a response is made of; the server serializes it into its scratch datagram.
  struct Reply {
    Type type = Type::acknowledgement;
    Code code = Code::content;
    uint16_t message_id = 0;
    Token token;
    std::optional<ContentFormat> format;
    std::optional<uint32_t> observe;
    std::optional<Block> block1;
    std::optional<Block> block2;
    std::optional<uint32_t> size1;
    std::optional<uint32_t> size2;
    std::optional<uint32_t> etag;  // the representation's tag, on every block of a Block2 body
    std::span<const Option> extra;
    std::span<const uint8_t> payload;

    // The same type, message id and token with another code and nothing else.
    [[nodiscard]] Reply bare(Code other) const {
      Reply r;
      r.type = type;
      r.code = other;
      r.message_id = message_id;
      r.token = token;
      return r;
    }
  };

 private:
  // Where a request's representation starts and how it is cut (RFC 7959 2.4).
  struct Slicing {
    uint8_t szx = 0;
    std::size_t offset = 0;
    bool asked = false;  // the request carried Block2
  };

  // receive() stages
  void on_empty(const Endpoint& peer, const Message& m);
  void on_request(const Endpoint& peer, const Message& m, uint64_t now_ms);
  void reject(const Endpoint& peer, const Message& m);
  // Each of these ends by calling answer() while the reply's views are still alive.
  void process(const Endpoint& peer, const Message& m, Reply& r, std::size_t slot, uint64_t now_ms);
  void serve(const Endpoint& peer, const Message& m, const ResourceTree::Match& match, Reply& r,
             std::size_t slot, uint64_t now_ms);
  void discover(const Endpoint& peer, const Message& m, Reply& r, std::size_t slot);
  void answer(const Endpoint& peer, Reply& r, std::size_t slot);
  [[nodiscard]] Code check_resource(const Message& m, const Resource& res) const;
  [[nodiscard]] std::optional<Slicing> slicing(const Message& m) const;
  [[nodiscard]] std::span<uint8_t> window(uint8_t szx) const;
  [[nodiscard]] std::size_t body_limit(const Resource& res) const;
  // Cuts the representation into the requested block; false (and 4.02) past its end.
  bool fill_body(Reply& r, const PayloadWriter& body, const Slicing& s, bool size2_asked);
  void take_response(Reply& r, const Response& response);
  // Block2 snapshots (TransferPool): keeps a first block's whole rendering for the later blocks,
  // and serves a later block from it; false when there is no snapshot for the request.
  void keep_snapshot(Transfer* snapshot, const PayloadWriter& body, const Reply& r,
                     uint64_t now_ms);
  bool serve_snapshot(const Endpoint& peer, const Message& m, ResourceId id, const Slicing& s,
                      Reply& r, uint64_t now_ms);
  void observe_request(const Endpoint& peer, const Message& m, ResourceId id, const Slicing& s,
                       Reply& r, uint64_t now_ms);
  void defer(const Endpoint& peer, const Message& m, const Slicing& s, Reply& r, uint64_t now_ms);

  // sending
  Result<std::span<const uint8_t>> emit(const Endpoint& peer, const Reply& r);
  void send_reset(const Endpoint& peer, uint16_t message_id);
  [[nodiscard]] uint16_t next_message_id() { return next_message_id_++; }
  [[nodiscard]] uint32_t initial_timeout();

  // observe
  bool send_notification(Observer& o, const Resource& res, uint64_t now_ms);
  [[nodiscard]] Outgoing* notification_slot(Observer& o, uint64_t now_ms);
  void drop_observer(Observer& o);
  void retransmit_or_give_up(Outgoing& entry, uint64_t now_ms);

  ResourceTree tree_;
  DedupCache dedup_;
  Outbox outbox_;
  ObserverRegistry observers_;
  DeferredTable deferred_;
  TransferPool transfers_;
  Block1Assembler assembler_;
  std::span<uint8_t> datagram_;
  std::span<uint8_t> block_;
  Transport& transport_;
  Random& random_;
  ServerConfig config_;
  uint8_t max_szx_ = 0;
  uint16_t next_message_id_ = 0;
  uint32_t observe_sequence_ = 0;
  ServerStats stats_;
};

}  // namespace tc::coap
