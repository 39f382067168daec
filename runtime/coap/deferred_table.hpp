// Requests a handler chose to answer later (RFC 7252 5.2.2 separate response): what the server
// must remember to send the response when the application calls Server::respond.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "coap/code.hpp"
#include "coap/endpoint.hpp"
#include "coap/message.hpp"
#include "coap/resource.hpp"

namespace tc::coap {

struct Deferred {
  bool used = false;
  uint16_t generation = 0;
  Endpoint peer;
  Token token;
  Type request_type = Type::confirmable;  // CON request: CON response; NON request: NON
  uint8_t szx = 0;                        // block size for a large response
  uint64_t expires_ms = 0;
};

class DeferredTable {
 public:
  explicit DeferredTable(std::span<Deferred> entries) : entries_(entries) {}

  // The ticket the next deferral would get, without taking the slot (nullopt when all are busy).
  [[nodiscard]] std::optional<Ticket> next_ticket() const;
  // Takes the slot of `ticket` (from next_ticket) for a request.
  Deferred& occupy(const Ticket& ticket);
  // The slot of a ticket still pending, or nullptr.
  [[nodiscard]] Deferred* get(const Ticket& ticket);
  void release(Deferred& entry);
  void expire(uint64_t now_ms);
  [[nodiscard]] std::size_t pending() const;

 private:
  std::span<Deferred> entries_;
};

}  // namespace tc::coap
