// Server: construction, datagram intake, empty messages, sending and retransmission.
#include "coap/server.hpp"

#include <algorithm>

#include "coap/builder.hpp"
#include "coap/observe.hpp"

namespace tc::coap {

Server::Server(const ServerMemory& memory, Transport& transport, Random& random,
               const ServerConfig& config)
    : tree_(memory.resources),
      dedup_(memory.dedup, memory.dedup_bytes),
      outbox_(memory.outbox, memory.outbox_bytes),
      observers_(memory.observers),
      deferred_(memory.deferred),
      transfers_(memory.transfers, memory.transfer_bytes),
      assembler_(transfers_),
      datagram_(memory.datagram),
      block_(memory.block),
      transport_(transport),
      random_(random),
      config_(config) {
  // The block size is what the scratch buffers can carry, whatever the configuration says.
  max_szx_ = std::min(config.max_szx, kMaxSzx);
  while (max_szx_ > 0 && (block_size(max_szx_) > block_.size() ||
                          block_size(max_szx_) + kDatagramOverhead > datagram_.size())) {
    --max_szx_;
  }
  next_message_id_ = static_cast<uint16_t>(random_.next());
}

Result<ResourceId> Server::add_resource(const Resource& resource) {
  return tree_.add(resource);
}

void Server::receive(const Endpoint& peer, std::span<const uint8_t> datagram, uint64_t now_ms) {
  ++stats_.received;
  Message m;
  const ParseReason reason = parse(datagram, m);
  if (reason == ParseReason::too_short || reason == ParseReason::bad_version) {
    ++stats_.ignored;  // RFC 7252 3: not even a header to answer
    return;
  }
  // Format errors, and more options than the device keeps (refused whole, see docs/coap.md).
  if (reason != ParseReason::ok) return reject(peer, m);
  if (m.code == Code::empty) return on_empty(peer, m);
  if (is_request(m.code)) return on_request(peer, m, now_ms);
  reject(peer, m);  // a response (the server asked nothing) or a reserved class
}

void Server::reject(const Endpoint& peer, const Message& m) {
  if (m.type == Type::confirmable) return send_reset(peer, m.message_id);
  ++stats_.ignored;  // RFC 7252 4.3: a NON (or ACK/RST) that cannot be processed is dropped
}

void Server::on_empty(const Endpoint& peer, const Message& m) {
  if (m.type == Type::confirmable) return send_reset(peer, m.message_id);  // CoAP ping (4.2)
  if (m.type == Type::non_confirmable) {
    ++stats_.ignored;
    return;
  }
  const bool reset = m.type == Type::reset;
  if (Outgoing* entry = outbox_.match(peer, m.message_id)) {
    if (entry->observer != kNoObserver) {
      Observer& o = observers_.entries()[entry->observer];
      if (reset) return drop_observer(o);  // RFC 7641 3.6: the client lost interest
      o.outgoing = kNoObserver;
    }
    entry->used = false;
    return;
  }
  // A Reset to a NON notification also ends the observation (RFC 7641 3.6).
  if (reset) {
    if (Observer* o = observers_.by_message_id(peer, m.message_id)) return drop_observer(*o);
  }
  ++stats_.ignored;
}

void Server::on_request(const Endpoint& peer, const Message& m, uint64_t now_ms) {
  if (m.type == Type::acknowledgement || m.type == Type::reset) {
    ++stats_.ignored;  // a request cannot ride in an ACK or RST
    return;
  }
  if (const CachedResponse* seen = dedup_.find(peer, m.message_id, now_ms)) {
    ++stats_.duplicates;  // RFC 7252 4.5: same answer, handler not run again
    const std::span<const uint8_t> bytes = dedup_.response(*seen);
    if (!bytes.empty() && !transport_.send(peer, bytes).ok()) ++stats_.send_errors;
    return;
  }
  ++stats_.requests;
  const bool con = m.type == Type::confirmable;
  const std::size_t slot = dedup_.insert(
      peer, m.message_id, now_ms + (con ? config_.exchange_lifetime_ms : config_.non_lifetime_ms));
  Reply r;
  r.type = con ? Type::acknowledgement : Type::non_confirmable;
  r.message_id = con ? m.message_id : next_message_id();
  r.token = m.token;
  process(peer, m, r, slot, now_ms);
}

void Server::answer(const Endpoint& peer, Reply& r, std::size_t slot) {
  if (r.code == Code::empty && r.type != Type::acknowledgement) return;  // deferred NON
  Result<std::span<const uint8_t>> sent = emit(peer, r);
  if (!sent.ok()) {  // the handler's options or payload did not fit the datagram
    sent = emit(peer, r.bare(Code::internal_server_error));
  }
  if (sent.ok()) dedup_.store(slot, *sent);
}

Result<std::span<const uint8_t>> Server::emit(const Endpoint& peer, const Reply& r) {
  uint8_t storage[kDatagramOverhead];
  MessageBuilder b(r.type, r.code, r.message_id, storage);
  b.token(r.token.bytes());
  if (r.observe) b.uint_option(OptionNumber::observe, *r.observe & kObserveSequenceMask);
  if (r.format) b.content_format(*r.format);
  if (r.block1) b.block(OptionNumber::block1, *r.block1);
  if (r.block2) b.block(OptionNumber::block2, *r.block2);
  if (r.size1) b.uint_option(OptionNumber::size1, *r.size1);
  if (r.size2) b.uint_option(OptionNumber::size2, *r.size2);
  if (r.etag) {
    const uint8_t tag[4] = {static_cast<uint8_t>(*r.etag >> 24U),
                            static_cast<uint8_t>(*r.etag >> 16U),
                            static_cast<uint8_t>(*r.etag >> 8U), static_cast<uint8_t>(*r.etag)};
    b.option(OptionNumber::etag, tag);
  }
  for (const Option& o : r.extra)
    b.option(o.number, o.value);
  b.payload(r.payload);
  const Result<std::size_t> n = b.serialize(datagram_);
  if (!n.ok()) return n.status();
  const std::span<const uint8_t> bytes = datagram_.first(*n);
  if (!transport_.send(peer, bytes).ok()) ++stats_.send_errors;
  return bytes;
}

void Server::send_reset(const Endpoint& peer, uint16_t message_id) {
  Reply r;
  r.type = Type::reset;
  r.code = Code::empty;
  r.message_id = message_id;
  if (emit(peer, r).ok()) ++stats_.resets_sent;
}

uint32_t Server::initial_timeout() {
  // RFC 7252 4.2: uniformly between ACK_TIMEOUT and ACK_TIMEOUT * ACK_RANDOM_FACTOR.
  const uint32_t spread = config_.ack_timeout_ms / 100 * config_.random_factor_percent;
  return config_.ack_timeout_ms + random_.next() % (spread + 1);
}

void Server::poll(uint64_t now_ms) {
  for (Outgoing& entry : outbox_.entries()) {
    if (entry.used && entry.due_ms <= now_ms) retransmit_or_give_up(entry, now_ms);
  }
  dedup_.expire(now_ms);
  transfers_.expire(now_ms);
  deferred_.expire(now_ms);
}

void Server::retransmit_or_give_up(Outgoing& entry, uint64_t now_ms) {
  if (entry.retransmits >= config_.max_retransmit) {
    ++stats_.gave_up;
    // RFC 7641 4.5: an observer that does not acknowledge is gone.
    if (entry.observer != kNoObserver) drop_observer(observers_.entries()[entry.observer]);
    entry.used = false;
    return;
  }
  if (!transport_.send(entry.peer, outbox_.datagram(entry)).ok()) ++stats_.send_errors;
  ++stats_.retransmissions;
  ++entry.retransmits;
  entry.timeout_ms *= 2;  // exponential back-off
  entry.due_ms = now_ms + entry.timeout_ms;
}

std::optional<uint64_t> Server::next_deadline() const {
  std::optional<uint64_t> earliest;
  for (const Outgoing& entry : outbox_.entries()) {
    if (entry.used && (!earliest || entry.due_ms < *earliest)) earliest = entry.due_ms;
  }
  return earliest;
}

Status Server::respond(const Ticket& ticket, Code code, std::optional<ContentFormat> format,
                       std::span<const uint8_t> payload, uint64_t now_ms) {
  Deferred* d = deferred_.get(ticket);
  if (d == nullptr) return Status(StatusCode::not_found, "no such deferred request");
  const bool con = d->request_type == Type::confirmable;
  Outgoing* entry = con ? outbox_.free_entry() : nullptr;
  if (con && entry == nullptr) {
    return Status(StatusCode::resource_exhausted, "no free slot for a confirmable response");
  }
  Reply r;
  r.type = con ? Type::confirmable : Type::non_confirmable;
  r.code = code;
  r.message_id = next_message_id();
  r.token = d->token;
  r.format = format;
  const std::size_t size = block_size(d->szx);
  r.payload = payload.first(std::min(size, payload.size()));
  if (payload.size() > size) {
    r.block2 = Block{0, true, d->szx};
    r.size2 = static_cast<uint32_t>(payload.size());
    PayloadWriter whole;
    whole.append(payload);
    r.etag = whole.tag();
  }
  const Result<std::span<const uint8_t>> sent = emit(d->peer, r);
  if (!sent.ok()) return sent.status();
  Status status = Status::Ok();
  if (con) status = outbox_.start(*entry, d->peer, r.message_id, *sent, now_ms, initial_timeout());
  deferred_.release(*d);
  return status;
}

}  // namespace tc::coap
