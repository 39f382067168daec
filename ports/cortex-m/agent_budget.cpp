#include "agent_budget.hpp"

#include "manifest/codec.hpp"

namespace tc::cortex_m::agent_budget {
namespace {

Status decode_manifest(std::span<const uint8_t> cbor, manifest::Manifest& out) {
  if (!manifest::decode(cbor, out).ok()) {
    return {StatusCode::invalid_argument, "manifest CBOR refused"};
  }
  return Status::Ok();
}

}  // namespace

agent::Config config(agent::ResponseSink* responses) {
  agent::Config c;
  c.containers = kContainers;
  c.context_bytes = kContextBytes;
  c.inbox_bytes = kInboxBytes;
  c.log_bytes = kLogBytes;
  c.events = kEvents;
  c.decode_manifest = decode_manifest;
  c.responses = responses;
  return c;
}

}  // namespace tc::cortex_m::agent_budget
