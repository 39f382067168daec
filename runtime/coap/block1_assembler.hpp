// Block-wise uploads (RFC 7959 2.3, 2.5): reassembles the blocks of one request body into a
// caller-provided buffer per transfer, keyed by peer, resource and request URI. Intermediate
// blocks are answered 2.31 Continue, a block that does not continue the body 4.08 Request Entity
// Incomplete, a body over the limit 4.13 Request Entity Too Large with Size1. The handler sees the
// whole body once, with the last block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "coap/block.hpp"
#include "coap/code.hpp"
#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/resource.hpp"
#include "coap/uri_key.hpp"

namespace tc::coap {

struct Transfer {
  bool used = false;
  Endpoint peer;
  ResourceId resource = 0;
  std::size_t received = 0;
  uint64_t expires_ms = 0;
  UriKey key;
};

struct Block1Outcome {
  enum class Kind : uint8_t { proceed, complete, fail };
  Kind kind = Kind::fail;
  Code code = Code::bad_request;  // 2.31 for proceed; the error for fail
  Block echo;                     // the Block1 option of the response
  std::optional<uint32_t> size1;  // with 4.13: the largest body accepted
  std::span<const uint8_t> body;  // complete: the whole body
  Transfer* transfer = nullptr;   // complete: release it after the handler ran
};

class Block1Assembler {
 public:
  struct Limits {
    std::size_t max_body = 0;  // the resource's or server's limit
    uint8_t max_szx = 6;       // the largest block the device accepts
    uint32_t timeout_ms = 0;
  };

  Block1Assembler(std::span<Transfer> transfers, std::span<uint8_t> arena);

  // One block of a request carrying Block1 `block`.
  [[nodiscard]] Block1Outcome accept(const Endpoint& peer, ResourceId resource,
                                     const Message& request, const Block& block,
                                     const Limits& limits, uint64_t now_ms);
  void release(Transfer* transfer);
  void expire(uint64_t now_ms);
  [[nodiscard]] std::size_t buffer_size() const { return slot_size_; }
  [[nodiscard]] std::size_t active() const;

 private:
  [[nodiscard]] Transfer* find(const Endpoint& peer, ResourceId resource, const Message& request);
  [[nodiscard]] Transfer* start(const Endpoint& peer, ResourceId resource, const Message& request,
                                uint64_t now_ms);
  [[nodiscard]] std::span<uint8_t> buffer(const Transfer& t);
  Block1Outcome store(Transfer& t, const Message& request, const Block& block, const Limits& limits,
                      uint64_t now_ms);

  std::span<Transfer> transfers_;
  std::span<uint8_t> arena_;
  std::size_t slot_size_ = 0;
};

}  // namespace tc::coap
