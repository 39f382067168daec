// Server: answering one request (RFC 7252 5.2 piggybacked / separate, 5.4.1 critical options,
// RFC 7959 block-wise, RFC 7641 registration, RFC 6690 discovery).
#include <algorithm>

#include "coap/accessors.hpp"
#include "coap/discovery.hpp"
#include "coap/observe.hpp"
#include "coap/server.hpp"
#include "coap/uri.hpp"

namespace tc::coap {
namespace {

bool is_fetchlike(Code code) {
  return code == Code::get || code == Code::fetch;
}

}  // namespace

void Server::process(const Endpoint& peer, const Message& m, Reply& r, std::size_t slot,
                     uint64_t now_ms) {
  if (first_bad_critical_option(m) != nullptr) {
    r.code = Code::bad_option;  // RFC 7252 5.4.1
    return answer(peer, r, slot);
  }
  if (path_equals(m, "/.well-known/core")) return discover(peer, m, r, slot);
  const std::optional<ResourceTree::Match> match = tree_.find(m);
  if (!match) {
    r.code = Code::not_found;
    return answer(peer, r, slot);
  }
  const Code refused = check_resource(m, *tree_.get(match->id));
  if (refused != Code::empty) {
    r.code = refused;
    return answer(peer, r, slot);
  }
  serve(peer, m, *match, r, slot, now_ms);
}

Code Server::check_resource(const Message& m, const Resource& res) const {
  if ((res.allowed & method_bit(m.code)) == 0) return Code::method_not_allowed;
  if (!res.accepts.empty() && m.has(OptionNumber::content_format)) {
    const Result<ContentFormat> format = get_format(m, OptionNumber::content_format);
    if (!format.ok() ||
        std::find(res.accepts.begin(), res.accepts.end(), *format) == res.accepts.end()) {
      return Code::unsupported_content_format;
    }
  }
  const Result<ContentFormat> accept = get_format(m, OptionNumber::accept);
  if (accept.ok() && res.ct && static_cast<uint16_t>(*accept) != *res.ct) {
    return Code::not_acceptable;
  }
  return Code::empty;
}

std::optional<Server::Slicing> Server::slicing(const Message& m) const {
  Slicing s{max_szx_, 0, false};
  if (!m.has(OptionNumber::block2)) return s;  // late negotiation: our size
  const Result<Block> asked = get_block(m, OptionNumber::block2);
  if (!asked.ok()) return std::nullopt;  // SZX 7: a critical option we cannot honour
  // Early negotiation: the client's size unless ours is smaller (RFC 7959 2.4). Either way the
  // offset is a multiple of the smaller size, so the block number converts exactly.
  s.szx = std::min(asked->szx, max_szx_);
  s.offset = asked->offset();
  s.asked = true;
  return s;
}

std::span<uint8_t> Server::window(uint8_t szx) const {
  return block_.first(std::min(block_size(szx), block_.size()));
}

std::size_t Server::body_limit(const Resource& res) const {
  return res.max_body != 0 ? std::min(res.max_body, config_.max_body) : config_.max_body;
}

void Server::serve(const Endpoint& peer, const Message& m, const ResourceTree::Match& match,
                   Reply& r, std::size_t slot, uint64_t now_ms) {
  const Resource& res = *tree_.get(match.id);
  const std::optional<Slicing> s = slicing(m);
  const Result<Block> b1 = get_block(m, OptionNumber::block1);
  if (!s || (m.has(OptionNumber::block1) && !b1.ok())) {
    r.code = Code::bad_option;
    return answer(peer, r, slot);
  }
  // A GET's later blocks come from the snapshot its first block left, when there is one.
  const bool snapshots = m.code == Code::get && !m.has(OptionNumber::block1);
  if (snapshots && s->offset > 0 && serve_snapshot(peer, m, match.id, *s, r, now_ms)) {
    return answer(peer, r, slot);
  }
  std::span<const uint8_t> body = m.payload;
  Transfer* upload = nullptr;
  if (b1.ok()) {
    const Block1Outcome out = assembler_.accept(
        peer, match.id, m, *b1, {body_limit(res), max_szx_, config_.transfer_timeout_ms}, now_ms);
    if (out.kind != Block1Outcome::Kind::complete) {
      r.code = out.code;
      if (out.kind == Block1Outcome::Kind::proceed) r.block1 = out.echo;
      if (out.code == Code::service_unavailable) ++stats_.busy;
      r.size1 = out.size1;
      return answer(peer, r, slot);
    }
    body = out.body;
    upload = out.transfer;
    r.block1 = out.echo;
  }
  // A first block renders into a free transfer slot, if any: the whole representation, kept if
  // it needs more blocks. Otherwise the block window: each block is rendered anew.
  Transfer* snapshot = snapshots && s->offset == 0
                           ? transfers_.claim(peer, match.id, m, TransferUse::snapshot, now_ms)
                           : nullptr;
  const Request request{m, peer, body, match.id, match.depth, false};
  Response response(snapshot != nullptr ? transfers_.buffer(*snapshot) : window(s->szx), s->offset,
                    deferred_.next_ticket());
  res.handler->handle(request, response);
  transfers_.release(upload);  // the handler had the body; it is not kept
  if (response.deferred() || response.defer_failed()) {
    transfers_.release(snapshot);
    if (response.deferred()) {
      defer(peer, m, *s, r, now_ms);
    } else {
      ++stats_.busy;
      r.code = Code::service_unavailable;
    }
    return answer(peer, r, slot);
  }
  take_response(r, response);
  const bool served = fill_body(r, response.body(), *s, m.has(OptionNumber::size2));
  keep_snapshot(snapshot, response.body(), r, now_ms);
  if (served && res.observable && is_fetchlike(m.code)) {
    observe_request(peer, m, match.id, *s, r, now_ms);
  }
  answer(peer, r, slot);  // the payload may sit in a released snapshot's slot: sent before reuse
}

void Server::keep_snapshot(Transfer* snapshot, const PayloadWriter& body, const Reply& r,
                           uint64_t now_ms) {
  if (snapshot == nullptr) return;
  // Worth keeping: a success that needs more blocks and fitted the slot whole.
  if (code_class(r.code) != 2 || !r.block2 || !r.block2->more ||
      body.total() > body.window_size()) {
    transfers_.release(snapshot);
    return;
  }
  snapshot->size = body.total();
  snapshot->tag = body.tag();
  snapshot->format = r.format;
  snapshot->expires_ms = now_ms + config_.transfer_timeout_ms;
}

bool Server::serve_snapshot(const Endpoint& peer, const Message& m, ResourceId id, const Slicing& s,
                            Reply& r, uint64_t now_ms) {
  Transfer* t = transfers_.find(peer, id, m, TransferUse::snapshot, now_ms);
  if (t == nullptr || s.offset >= t->size) return false;  // rendered anew (or 4.02 past the end)
  const std::size_t size = block_size(s.szx);
  const bool more = s.offset + size < t->size;
  r.code = Code::content;
  r.format = t->format;
  r.payload = transfers_.buffer(*t).subspan(s.offset, std::min(size, t->size - s.offset));
  r.block2 = Block{static_cast<uint32_t>(s.offset / size), more, s.szx};
  r.etag = t->tag;
  if (m.has(OptionNumber::size2)) r.size2 = static_cast<uint32_t>(t->size);
  if (more) {
    t->expires_ms = now_ms + config_.transfer_timeout_ms;
  } else {
    transfers_.release(t);  // the last block: the payload stays intact until it is sent
  }
  return true;
}

void Server::take_response(Reply& r, const Response& response) {
  r.code = response.code();
  r.format = response.format();
  r.extra = response.extra_options();
}

bool Server::fill_body(Reply& r, const PayloadWriter& body, const Slicing& s, bool size2_asked) {
  const std::size_t total = body.total();
  const std::size_t size = block_size(s.szx);
  if (s.offset > 0 && s.offset >= total) {
    r = r.bare(Code::bad_option);  // RFC 7959 2.4: no such block
    return false;
  }
  // A first block rendered into a snapshot's slot holds more than one block: cut it.
  r.payload = body.window().first(std::min(size, body.window().size()));
  const bool more = s.offset + size < total;
  if (more || s.asked) r.block2 = Block{static_cast<uint32_t>(s.offset / size), more, s.szx};
  // Every block is rendered anew: the tag lets the client see a representation that changed
  // between two blocks and start over instead of joining two versions (RFC 7959 2.4).
  if (more || s.offset > 0) r.etag = body.tag();
  // Size2 tells the client the whole size up front (RFC 7959 4).
  if (size2_asked || (more && s.offset == 0)) r.size2 = static_cast<uint32_t>(total);
  return true;
}

void Server::defer(const Endpoint& peer, const Message& m, const Slicing& s, Reply& r,
                   uint64_t now_ms) {
  Deferred& d = deferred_.occupy(*deferred_.next_ticket());
  d.peer = peer;
  d.token = m.token;
  d.request_type = m.type;
  d.szx = s.szx;
  d.expires_ms = now_ms + config_.deferred_timeout_ms;
  // CON: an empty ACK now stops the client's retransmissions (RFC 7252 5.2.2); NON: nothing.
  r = r.bare(Code::empty);
  r.token = Token{};
}

void Server::observe_request(const Endpoint& peer, const Message& m, ResourceId id,
                             const Slicing& s, Reply& r, uint64_t now_ms) {
  const Result<uint32_t> observe = get_observe(m);
  if (!observe.ok()) return;
  if (*observe == kObserveDeregister) {
    if (Observer* o = observers_.find(peer, m.token)) drop_observer(*o);
    return;
  }
  // Only a successful answer to the first block registers (RFC 7641 4.1, RFC 7959 2.6).
  if (*observe != kObserveRegister || code_class(r.code) != 2 || s.offset != 0) return;
  Observer* o = observers_.claim(peer, m.token, id, config_.max_observers_per_resource);
  if (o == nullptr) return;        // served without Observe: the client knows it is not registered
  if (o->used) drop_observer(*o);  // re-registration with the same token replaces
  *o = Observer{};
  if (!o->key.capture(m, true).ok()) return;
  o->used = true;
  o->peer = peer;
  o->token = m.token;
  o->resource = id;
  o->szx = s.szx;
  o->last_con_ms = now_ms;
  r.observe = ++observe_sequence_ & kObserveSequenceMask;
}

void Server::discover(const Endpoint& peer, const Message& m, Reply& r, std::size_t slot) {
  const std::optional<Slicing> s = slicing(m);
  const Result<ContentFormat> accept = get_format(m, OptionNumber::accept);
  if (m.code != Code::get) {
    r.code = Code::method_not_allowed;
  } else if (accept.ok() && *accept != ContentFormat::link_format) {
    r.code = Code::not_acceptable;
  } else if (!s) {
    r.code = Code::bad_option;
  } else {
    PayloadWriter body(window(s->szx), s->offset);
    (void)write_discovery(tree_.slots(), link_filter(m), body);
    r.code = Code::content;
    r.format = ContentFormat::link_format;
    (void)fill_body(r, body, *s, m.has(OptionNumber::size2));
  }
  answer(peer, r, slot);
}

}  // namespace tc::coap
