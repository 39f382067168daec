// The server's transfer slots: each holds one body that crosses the link block by block (RFC
// 7959). An upload is reassembled in its slot (Block1Assembler); a large response is kept in one
// as a snapshot, so that its later blocks come from the same rendering as the first (Block2).
// Slots and their buffers come from ServerMemory: a fixed count, each buffer an equal share of
// one arena.
//
// An upload is work a client cannot redo cheaply, a snapshot only spares a new rendering: an
// upload may take a snapshot's slot, never the reverse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/options.hpp"
#include "coap/resource.hpp"
#include "coap/uri_key.hpp"

namespace tc::coap {

enum class TransferUse : uint8_t { upload, snapshot };

struct Transfer {
  bool used = false;
  TransferUse use = TransferUse::upload;
  Endpoint peer;
  ResourceId resource = 0;
  std::size_t size = 0;  // upload: bytes received so far; snapshot: the whole representation
  uint64_t expires_ms = 0;
  UriKey key;
  uint32_t tag = 0;                     // snapshot: PayloadWriter::tag() of the representation
  std::optional<ContentFormat> format;  // snapshot: its Content-Format
};

class TransferPool {
 public:
  TransferPool(std::span<Transfer> transfers, std::span<uint8_t> arena);

  // The live transfer of `use` that `request` from `peer` to `resource` continues, if any.
  [[nodiscard]] Transfer* find(const Endpoint& peer, ResourceId resource, const Message& request,
                               TransferUse use, uint64_t now_ms);
  // A slot for a new transfer, reset and keyed to the request: the one it restarts, a free or
  // expired one, or (for an upload) a snapshot's. Null when every slot is busy or the request's
  // URI does not fit a key.
  [[nodiscard]] Transfer* claim(const Endpoint& peer, ResourceId resource, const Message& request,
                                TransferUse use, uint64_t now_ms);
  [[nodiscard]] std::span<uint8_t> buffer(const Transfer& t);
  void release(Transfer* transfer);
  void expire(uint64_t now_ms);
  [[nodiscard]] std::size_t slot_size() const { return slot_size_; }
  [[nodiscard]] std::size_t active() const;

 private:
  [[nodiscard]] bool available(const Transfer& t, TransferUse use, uint64_t now_ms) const;

  std::span<Transfer> transfers_;
  std::span<uint8_t> arena_;
  std::size_t slot_size_ = 0;
};

}  // namespace tc::coap
