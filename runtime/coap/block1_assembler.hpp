// Block-wise uploads (RFC 7959 2.3, 2.5): reassembles the blocks of one request body in a slot of
// the server's TransferPool, keyed by peer, resource and request URI. Intermediate
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
#include "coap/transfer_pool.hpp"

namespace tc::coap {

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

  explicit Block1Assembler(TransferPool& pool) : pool_(pool) {}

  // One block of a request carrying Block1 `block`.
  [[nodiscard]] Block1Outcome accept(const Endpoint& peer, ResourceId resource,
                                     const Message& request, const Block& block,
                                     const Limits& limits, uint64_t now_ms);

 private:
  Block1Outcome store(Transfer& t, const Message& request, const Block& block, const Limits& limits,
                      uint64_t now_ms);

  TransferPool& pool_;
};

}  // namespace tc::coap
