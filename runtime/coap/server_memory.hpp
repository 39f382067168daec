// All the RAM of a CoAP server, provided by the caller: the server itself never allocates.
// StaticServerMemory sizes everything at compile time; a port may also carve ServerMemory out of
// buffers of its own (the board profile decides).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "coap/block.hpp"
#include "coap/block1_assembler.hpp"
#include "coap/dedup_cache.hpp"
#include "coap/deferred_table.hpp"
#include "coap/observer_registry.hpp"
#include "coap/outbox.hpp"
#include "coap/resource.hpp"

namespace tc::coap {

// Room for the header, token and options around one block of payload in a response: 4 + 8 +
// Observe, Content-Format, Block1, Block2, Size1, Size2, ETag (< 35) + the extra options a handler
// may add (Response::kExtraOptionBytes and their headers) + the payload marker.
inline constexpr std::size_t kDatagramOverhead = 128;

struct ServerMemory {
  std::span<Resource> resources;
  std::span<CachedResponse> dedup;
  std::span<uint8_t> dedup_bytes;  // split evenly: one response per entry
  std::span<Outgoing> outbox;
  std::span<uint8_t> outbox_bytes;  // split evenly: one datagram per entry
  std::span<Observer> observers;
  std::span<Deferred> deferred;
  std::span<Transfer> transfers;
  std::span<uint8_t> transfer_bytes;  // split evenly: one request body per transfer
  std::span<uint8_t> datagram;        // scratch: the datagram being sent
  std::span<uint8_t> block;           // scratch: one block of a response body
};

struct Capacities {
  std::size_t resources = 16;
  std::size_t dedup = 8;
  std::size_t outbox = 4;
  std::size_t observers = 8;
  std::size_t deferred = 4;
  std::size_t transfers = 1;
  std::size_t transfer_bytes = std::size_t{16} * 1024;  // per transfer
  uint8_t max_szx = 6;
};

template <Capacities kCap = Capacities{}>
struct StaticServerMemory {
  static constexpr std::size_t kBlock = block_size(kCap.max_szx);
  static constexpr std::size_t kDatagram = kBlock + kDatagramOverhead;

  std::array<Resource, kCap.resources> resources{};
  std::array<CachedResponse, kCap.dedup> dedup{};
  std::array<uint8_t, kCap.dedup * kDatagram> dedup_bytes{};
  std::array<Outgoing, kCap.outbox> outbox{};
  std::array<uint8_t, kCap.outbox * kDatagram> outbox_bytes{};
  std::array<Observer, kCap.observers> observers{};
  std::array<Deferred, kCap.deferred> deferred{};
  std::array<Transfer, kCap.transfers> transfers{};
  std::array<uint8_t, kCap.transfers * kCap.transfer_bytes> transfer_bytes{};
  std::array<uint8_t, kDatagram> datagram{};
  std::array<uint8_t, kBlock> block{};

  [[nodiscard]] ServerMemory view() {
    return {resources, dedup,     dedup_bytes,    outbox,   outbox_bytes, observers,
            deferred,  transfers, transfer_bytes, datagram, block};
  }
};

}  // namespace tc::coap
