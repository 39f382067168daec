// Server: notifications to observers (RFC 7641 4.2, 4.5) and resource removal.
#include "coap/observe.hpp"
#include "coap/server.hpp"

namespace tc::coap {

std::size_t Server::notify(ResourceId id, uint64_t now_ms) {
  const Resource* res = tree_.get(id);
  if (res == nullptr) return 0;
  std::size_t sent = 0;
  for (Observer& o : observers_.entries()) {
    if (o.used && o.resource == id && send_notification(o, *res, now_ms)) ++sent;
  }
  return sent;
}

bool Server::send_notification(Observer& o, const Resource& res, uint64_t now_ms) {
  // The handler sees a GET like the registration: same token, path, query and Accept.
  Message request;
  request.type = Type::non_confirmable;
  request.code = Code::get;
  request.token = o.token;
  if (!o.key.append_to(request).ok()) return false;
  const Request req{request, o.peer, {}, o.resource, prefix_depth(request, res.path).value_or(0),
                    true};
  Response response(window(o.szx), 0, std::nullopt);
  res.handler->handle(req, response);
  if (response.deferred() || response.defer_failed()) return false;

  Reply r;
  r.message_id = next_message_id();
  r.token = o.token;
  take_response(r, response);
  (void)fill_body(r, response.body(), Slicing{o.szx, 0, false}, false);
  // A notification that is not 2.xx ends the observation (RFC 7641 3.2), so it carries no
  // sequence number.
  const bool alive = code_class(r.code) == 2;
  if (alive) r.observe = ++observe_sequence_ & kObserveSequenceMask;
  Outgoing* entry = notification_slot(o, now_ms);
  r.type = entry != nullptr ? Type::confirmable : Type::non_confirmable;
  const Result<std::span<const uint8_t>> sent = emit(o.peer, r);
  if (!sent.ok()) return false;
  o.last_message_id = r.message_id;
  if (entry == nullptr) {
    ++o.since_con;
  } else if (entry->used) {
    (void)outbox_.replace(*entry, r.message_id, *sent);  // supersedes the one in flight
  } else if (outbox_.start(*entry, o.peer, r.message_id, *sent, now_ms, initial_timeout()).ok()) {
    entry->observer = static_cast<uint8_t>(observers_.index(o));
    o.outgoing = static_cast<uint8_t>(outbox_.index(*entry));
    o.since_con = 0;
    o.last_con_ms = now_ms;
  }
  if (!alive) drop_observer(o);
  return true;
}

Outgoing* Server::notification_slot(Observer& o, uint64_t now_ms) {
  // While a CON notification is in flight the next one replaces it (RFC 7641 4.5.2).
  if (o.outgoing != kNoObserver) return &outbox_.entries()[o.outgoing];
  const bool due = o.since_con + 1u >= config_.con_notification_every ||
                   now_ms - o.last_con_ms >= config_.con_notification_interval_ms;
  return due ? outbox_.free_entry() : nullptr;  // no free slot: NON this time, CON next time
}

void Server::drop_observer(Observer& o) {
  if (o.outgoing != kNoObserver) {
    outbox_.entries()[o.outgoing].used = false;
    o.outgoing = kNoObserver;
  }
  o.used = false;
}

Status Server::remove_resource(ResourceId id, uint64_t now_ms) {
  (void)now_ms;
  if (tree_.get(id) == nullptr) return Status(StatusCode::not_found, "no such resource");
  for (Observer& o : observers_.entries()) {
    if (!o.used || o.resource != id) continue;
    Reply r;
    r.type = Type::non_confirmable;
    r.code = Code::not_found;
    r.message_id = next_message_id();
    r.token = o.token;
    (void)emit(o.peer, r);
    drop_observer(o);
  }
  return tree_.remove(id);
}

}  // namespace tc::coap
