#include "mgmt/payloads.hpp"

#include "cbor/reader.hpp"
#include "suit/suit.hpp"
#include "vm/vm.hpp"

namespace tc::mgmt {

namespace {

const char* direction_name(manifest::Direction d) {
  switch (d) {
    case manifest::Direction::read:
      return "read";
    case manifest::Direction::write:
      return "write";
    case manifest::Direction::read_write:
      return "read_write";
  }
  return "read";
}

const char* kind_name(manifest::ResourceKind k) {
  const auto i = static_cast<unsigned>(k);
  return i >= 1 && i <= 5 ? manifest::kResourceKindNames[i] : "unknown";
}

const char* type_name(manifest::ValueType t) {
  const auto i = static_cast<unsigned>(t);
  return i >= 1 && i <= 3 ? manifest::kValueTypeNames[i] : "unknown";
}

const char* violation_name(unsigned v) {
  static constexpr const char* kNames[] = {"trap", "out_of_fuel", "deadline", "cpu_overrun",
                                           "start_failed"};
  return v < sizeof kNames / sizeof kNames[0] ? kNames[v] : "unknown";
}

}  // namespace

void render_error(CborOut& out, std::string_view text) {
  out.map(1).key("error").text(text);
}

void render_device(CborOut& out, const DeviceSummary& d) {
  out.map(8);
  out.key("id").text(d.id);
  out.key("model").text(d.model);
  out.key("firmware").text(d.firmware);
  out.key("uptime_ms").uint(d.uptime_ms);
  out.key("containers").uint(d.containers);
  out.key("capacity").uint(d.capacity);
  out.key("pool_bytes").uint(d.pool_bytes);
  out.key("insecure").boolean(d.insecure);
}

void render_resource(CborOut& out, const manifest::BoardResource& r) {
  const bool bytes = r.type == manifest::ValueType::bytes;
  out.map(bytes ? 7 : 8);
  out.key("name").text(r.name.view());
  out.key("kind").text(kind_name(r.kind));
  out.key("type").text(type_name(r.type));
  if (bytes) {
    out.key("max_bytes").uint(r.max_bytes);
  } else {
    out.key("min").sint(r.min_value);
    out.key("max").sint(r.max_value);
  }
  out.key("unit").text(r.unit.view());
  out.key("energy_uj").uint(r.energy_uj);
  out.key("access").text(direction_name(r.access));
}

void render_catalog(CborOut& out, const manifest::BoardProfile& board) {
  out.array(board.resource_count);
  for (uint8_t i = 0; i < board.resource_count; ++i)
    render_resource(out, board.resources[i]);
}

void render_container(CborOut& out, const agent::ContainerInfo& c, bool full) {
  const bool suspended = c.state == agent::State::suspended;
  if (!full) {
    out.map(4);
  } else {
    out.map(suspended ? 11 : 10);
  }
  out.key("name").text(c.name.view());
  out.key("version").uint(c.version);
  out.key("tenant").text(c.tenant.view());
  out.key("state").text(agent::describe(c.state));
  if (!full) return;
  out.key("sequence").uint(c.sequence);
  if (suspended) out.key("suspension").text(agent::describe(c.suspension));
  out.key("restarts").uint(c.stats.restarts);
  out.key("strikes").uint(c.stats.strikes);
  const agent::Stats& s = c.stats;
  unsigned denials = 0;
  for (unsigned i = 0; i < agent::kDenialReasons; ++i)
    denials += s.denials[i] != 0 ? 1 : 0;
  unsigned violations = 0;
  for (uint32_t v : s.violations)
    violations += v != 0 ? 1 : 0;
  out.key("stats").map(11);
  out.key("activations").uint(s.activations);
  out.key("instructions").uint(s.instructions);
  out.key("endpoint_calls").uint(s.endpoint_calls);
  out.key("denials").map(denials);
  for (unsigned i = 0; i < agent::kDenialReasons; ++i) {
    if (s.denials[i] != 0) out.key(denial_name(i)).uint(s.denials[i]);
  }
  out.key("violations").map(violations);
  for (unsigned i = 0; i < static_cast<unsigned>(agent::Violation::count); ++i) {
    if (s.violations[i] != 0) out.key(violation_name(i)).uint(s.violations[i]);
  }
  out.key("cpu_us").uint(s.cpu_us);
  out.key("bytes_read").uint(s.bytes_read);
  out.key("bytes_written").uint(s.bytes_written);
  out.key("energy_uj").uint(s.energy_uj);
  out.key("missed_loops").uint(s.missed_loops);
  out.key("messages_dropped").uint(s.messages_dropped);
  out.key("activation_in_progress").boolean(c.activation_in_progress);
  out.key("memory").map(4);
  out.key("image").uint(c.memory.image_bytes);
  out.key("stack").uint(c.memory.stack_bytes);
  out.key("data").uint(c.memory.data_bytes);
  out.key("storage_used").uint(c.memory.storage_bytes);
}

const char* event_name(agent::EventKind kind) {
  using K = agent::EventKind;
  switch (kind) {
    case K::installed:
      return "installed";
    case K::started:
      return "started";
    case K::stopped:
      return "stopped";
    case K::removed:
      return "removed";
    case K::updated:
      return "updated";
    case K::rolled_back:
      return "rolled_back";
    case K::restarted:
      return "restarting";
    case K::faulted:
      return "faulted";
    case K::suspended:
      return "suspended";
    case K::resumed:
      return "resumed";
    case K::violation:
      return "violation";
    case K::denial:
      return "denied";
    case K::log:
      return "log";
    case K::start_failed:
      return "start_failed";
    case K::restored:
      return "restored";
    case K::restore_failed:
      return "restore_failed";
    case K::hook_failed:
      return "hook_failed";
    case K::install_refused:
      return "install_refused";
  }
  return "unknown";
}

const char* denial_name(unsigned reason) {
  static constexpr const char* kNames[agent::kDenialReasons] = {
      "none",    "invalid", "no_endpoint", "not_open",      "direction", "rate",
      "bytes",   "energy",  "bounds",      "fault",         "quota",     "not_found",
      "too_big", "limit",   "io",          "not_supported", "again"};
  return reason < agent::kDenialReasons ? kNames[reason] : "unknown";
}

void render_event(CborOut& out, const agent::Event& e, std::string_view log_text) {
  using K = agent::EventKind;
  unsigned extra = 0;
  switch (e.kind) {
    case K::installed:
    case K::started:
    case K::restored:
      extra = 1;  // version
      break;
    case K::updated:
    case K::rolled_back:
      extra = 2;  // version, old_version / failed_version
      break;
    case K::restarted:  // restarts
    case K::faulted:
    case K::suspended:  // reason
    case K::resumed:
      extra = 1;
      break;
    case K::violation:
      extra = 4 + (e.detail == static_cast<uint8_t>(agent::Violation::trap) ? 1 : 0);
      break;
    case K::denial:
      extra = 3;
      break;
    case K::log:
      extra = 2;  // line, text
      break;
    case K::start_failed:
      extra = 1;  // result
      break;
    case K::hook_failed:
      extra = 2;  // hook, result
      break;
    case K::install_refused:
      extra = 1;  // reason
      break;
    default:
      break;
  }
  out.map(4 + extra);
  out.key("seq").uint(e.seq);
  out.key("time_ms").uint(e.time_ms);
  out.key("kind").text(event_name(e.kind));
  out.key("container").text(e.container.view());
  switch (e.kind) {
    case K::installed:
    case K::started:
    case K::restored:
      out.key("version").uint(e.a);
      break;
    case K::updated:
      out.key("version").uint(e.a).key("old_version").uint(e.b);
      break;
    case K::rolled_back:
      out.key("version").uint(e.a).key("failed_version").uint(e.b);
      break;
    case K::restarted:
    case K::faulted:
      out.key("restarts").uint(e.a);
      break;
    case K::suspended:
    case K::resumed:
      out.key("reason").text(agent::describe(static_cast<agent::Suspension>(e.detail)));
      break;
    case K::violation:
      out.key("reason").text(violation_name(e.detail));
      out.key("hook").text(agent::describe(static_cast<agent::Hook>(e.a)));
      if (e.detail == static_cast<uint8_t>(agent::Violation::trap)) {
        out.key("trap").text(vm::describe(static_cast<vm::TrapKind>(e.d)));
      }
      out.key("pc").uint(e.b);
      out.key("address").uint(e.c);
      break;
    case K::denial:
      out.key("reason").text(denial_name(e.detail));
      if (e.a == 0xff) {
        out.key("endpoint").uint(0xff);
      } else {
        out.key("endpoint").uint(e.a);
      }
      out.key("count").uint(e.count);
      break;
    case K::log:
      out.key("line").uint(e.a).key("text").text(log_text);
      break;
    case K::start_failed:
      out.key("result").sint(static_cast<int32_t>(e.a));
      break;
    case K::hook_failed:
      out.key("hook").text(agent::describe(static_cast<agent::Hook>(e.a)));
      out.key("result").sint(static_cast<int64_t>(e.c));
      break;
    case K::install_refused:
      out.key("reason").text(refusal_token(e.detail));
      break;
    default:
      break;
  }
}

const char* refusal_token(uint8_t reason) {
  if (reason < static_cast<uint8_t>(Refusal::invalid_body))
    return suit::token(static_cast<suit::Error>(reason));
  switch (static_cast<Refusal>(reason)) {
    case Refusal::invalid_body:
      return "invalid_body";
    case Refusal::invalid_manifest:
      return "invalid_manifest";
    case Refusal::invalid_image:
      return "invalid_image";
    case Refusal::no_slot:
      return "no_slot";
    case Refusal::agent_refused:
      return "agent_refused";
  }
  return "unknown";
}

void render_refusal(CborOut& out, std::string_view text, const char* token) {
  out.map(2).key("error").text(text).key("reason").text(token);
}

const char* parse_install(std::span<const uint8_t> body, std::span<const uint8_t>& image,
                          std::span<const uint8_t>& manifest_cbor) {
  cbor::Reader r(body);
  uint64_t count = 0;
  if (r.read_array_header(count) != cbor::Error::ok || count != 2) {
    return "malformed body: expected a CBOR array [image: bytes, manifest: bytes]";
  }
  if (r.read_bytes(image) != cbor::Error::ok) return "malformed body: image is not a byte string";
  if (r.read_bytes(manifest_cbor) != cbor::Error::ok) {
    return "malformed body: manifest is not a byte string";
  }
  if (r.finish() != cbor::Error::ok) return "malformed body: bytes after the array";
  return nullptr;
}

namespace {

constexpr std::string_view kReferenceKey = "uri";

// Reads the head of a reference body up to its first key; false when it is not one.
bool read_reference_key(cbor::Reader& r, uint64_t& pairs) {
  std::string_view key;
  return r.read_map_header(pairs) == cbor::Error::ok && pairs != 0 &&
         r.read_text(key) == cbor::Error::ok && key == kReferenceKey;
}

}  // namespace

bool is_reference_body(std::span<const uint8_t> body) {
  cbor::Reader r(body);
  uint64_t pairs = 0;
  return read_reference_key(r, pairs);
}

const char* parse_reference(std::span<const uint8_t> body, std::string_view& uri) {
  cbor::Reader r(body);
  uint64_t pairs = 0;
  if (!read_reference_key(r, pairs) || pairs != 1)
    return "malformed body: expected a CBOR map {\"uri\": text}";
  if (r.read_text(uri) != cbor::Error::ok) return "malformed body: uri is not a text string";
  if (uri.empty() || uri.size() > kMaxReferenceUri)
    return "malformed body: uri must have 1 to 255 bytes";
  if (r.finish() != cbor::Error::ok) return "malformed body: bytes after the map";
  return nullptr;
}

}  // namespace tc::mgmt
