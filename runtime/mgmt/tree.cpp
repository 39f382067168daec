#include "mgmt/tree.hpp"

#include <cstring>

#include "agent/helpers.hpp"
#include "coap/accessors.hpp"
#include "coap/uri.hpp"
#include "core/text.hpp"
#include "image/image.hpp"
#include "manifest/codec.hpp"
#include "manifest/validate.hpp"
#include "mgmt/cbor_out.hpp"
#include "mgmt/payloads.hpp"
#include "mgmt/reply.hpp"
#include "vm/vm.hpp"

namespace tc::mgmt {

namespace {

using coap::Code;
using coap::ContentFormat;
using coap::OptionNumber;

constexpr std::size_t kMaxSegments = 12;

struct Segments {
  std::string_view at[kMaxSegments];
  std::size_t count = 0;
  bool overflow = false;
};

// The Uri-Path segments below the resource's own path.
Segments below(const coap::Request& req) {
  Segments s;
  std::size_t i = 0;
  for (const coap::Option& o : req.message.all(OptionNumber::uri_path)) {
    if (i++ < req.path_depth) continue;
    if (s.count == kMaxSegments) {
      s.overflow = true;
      break;
    }
    s.at[s.count++] = o.text();
  }
  return s;
}

bool parse_uint(std::string_view text, uint32_t& out) {
  if (text.empty() || text.size() > 10) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v > UINT32_MAX) return false;
  out = static_cast<uint32_t>(v);
  return true;
}

// ?from=SEQ; `fallback` when absent. False when present and not a number.
bool from_query(const coap::Message& m, uint32_t fallback, uint32_t& from) {
  const Result<std::string_view> q = coap::query_value(m, "from");
  if (!q.ok()) {
    from = fallback;
    return true;
  }
  return parse_uint(*q, from);
}

class CountLines final : public agent::LogVisitor {
 public:
  void line(uint32_t seq, uint64_t, std::string_view) override {
    ++count;
    last = seq;
  }
  std::size_t count = 0;
  uint32_t last = 0;
};

class RenderLines final : public agent::LogVisitor {
 public:
  RenderLines(CborOut& out, std::size_t limit) : out_(out), left_(limit) {}
  void line(uint32_t seq, uint64_t time_ms, std::string_view text) override {
    if (left_ == 0) return;  // lines added between the two passes: next time
    --left_;
    out_.array(3).uint(seq).uint(time_ms).text(text);
  }

 private:
  CborOut& out_;
  std::size_t left_;
};

class FindLine final : public agent::LogVisitor {
 public:
  explicit FindLine(uint32_t seq) : seq_(seq) {}
  void line(uint32_t seq, uint64_t, std::string_view text) override {
    if (seq != seq_ || found) return;
    found = true;
    const std::size_t n = text.size() < sizeof buffer ? text.size() : sizeof buffer;
    std::memcpy(buffer, text.data(), n);
    size = n;
  }
  bool found = false;
  char buffer[agent::kMaxLogLine] = {};
  std::size_t size = 0;

 private:
  uint32_t seq_;
};

void put(TextBuilder& tb, std::string_view text) {
  for (char c : text)
    tb.append_char(c);
}

}  // namespace

Tree::Tree(coap::Server& server, const TreeConfig& config) : server_(server), config_(config) {}

uint64_t Tree::now() const {
  return config_.clock != nullptr ? config_.clock->now_ms() : 0;
}

Status Tree::attach(agent::Agent& agent) {
  agent_ = &agent;
  using Fn = void (Tree::*)(const coap::Request&, coap::Response&);
  const Fn fns[] = {&Tree::get_dev, &Tree::get_resources, &Tree::get_stats, &Tree::containers,
                    &Tree::get_events};
  for (std::size_t i = 0; i < 5; ++i) {
    routes_[i].tree = this;
    routes_[i].fn = fns[i];
  }
  const coap::Resource resources[] = {
      {.path = "/dev", .handler = &routes_[0], .rt = "tc.dev", .ct = 60},
      {.path = "/dev/resources",
       .prefix = true,
       .handler = &routes_[1],
       .rt = "tc.resources",
       .ct = 60},
      {.path = "/dev/stats", .handler = &routes_[2], .rt = "tc.stats", .ct = 60},
      {.path = "/c",
       .prefix = true,
       .allowed =
           coap::methods::get | coap::methods::post | coap::methods::put | coap::methods::del,
       .handler = &routes_[3],
       .rt = "tc.containers",
       .ct = 60,
       .accepts = {},
       .max_body = config_.max_install},
      {.path = "/events", .handler = &routes_[4], .rt = "tc.events", .ct = 60, .observable = true},
  };
  for (std::size_t i = 0; i < sizeof resources / sizeof resources[0]; ++i) {
    Result<coap::ResourceId> id = server_.add_resource(resources[i]);
    if (!id.ok()) return id.status();
    if (i == 4) events_id_ = *id;
  }
  notified_next_ = agent.next_event_seq();
  return Status::Ok();
}

void Tree::get_dev(const coap::Request& req, coap::Response& res) {
  if (below(req).count != 0) return fail(res, Code::not_found, "no such resource");
  agent::ContainerInfo infos[agent::kMaxContainers];
  DeviceSummary d;
  d.id = config_.device.id;
  d.model = config_.board != nullptr ? config_.board->model.view() : std::string_view{};
  d.firmware = config_.device.firmware;
  d.uptime_ms = now();
  d.containers = static_cast<uint32_t>(agent_->list(infos));
  d.capacity = config_.device.capacity;
  d.pool_bytes = config_.device.pool_bytes;
  d.insecure = config_.device.insecure;
  res.set_format(ContentFormat::cbor);
  CborOut out(res.body());
  render_device(out, d);
}

void Tree::get_resources(const coap::Request& req, coap::Response& res) {
  const Segments seg = below(req);
  res.set_format(ContentFormat::cbor);
  if (config_.board == nullptr) return fail(res, Code::not_found, "no board profile");
  CborOut out(res.body());
  if (seg.count == 0) return render_catalog(out, *config_.board);
  if (seg.count != 2 || seg.overflow) return fail(res, Code::not_found, "no such resource");
  // {kind}/{name}
  char name[manifest::kMaxTargetLength + 1] = {};
  TextBuilder tb(name);
  put(tb, seg.at[0]);
  put(tb, "/");
  put(tb, seg.at[1]);
  const std::string_view wanted = text_of(tb);
  for (uint8_t i = 0; i < config_.board->resource_count; ++i) {
    const manifest::BoardResource& r = config_.board->resources[i];
    if (r.name.view() != wanted) continue;
    const bool has_writes = config_.history != nullptr;
    out.map(has_writes ? 3 : 2);
    out.key("name").text(r.name.view());
    out.key("value");
    if (config_.resources == nullptr) {
      out.uint(0);
    } else if (r.type == manifest::ValueType::bytes) {
      uint8_t buffer[512];
      Result<uint32_t> n = config_.resources->read_bytes(
          i, std::span<uint8_t>(buffer, r.max_bytes < sizeof buffer ? r.max_bytes : sizeof buffer));
      out.bytes(std::span<const uint8_t>(buffer, n.ok() ? *n : 0));
    } else {
      Result<int64_t> v = config_.resources->read_value(i);
      out.sint(v.ok() ? *v : 0);
    }
    if (has_writes) {
      ResourceWrite writes[16];
      const std::size_t n = config_.history->writes(i, writes);
      out.key("writes").array(n);
      for (std::size_t k = 0; k < n; ++k)
        out.array(2).uint(writes[k].time_ms).sint(writes[k].value);
    }
    return;
  }
  fail(res, Code::not_found, "no such resource");
}

void Tree::get_stats(const coap::Request& req, coap::Response& res) {
  if (below(req).count != 0) return fail(res, Code::not_found, "no such resource");
  agent::ContainerInfo infos[agent::kMaxContainers];
  const std::size_t n = agent_->list(infos);
  uint64_t activations = 0, instructions = 0, cpu_us = 0, calls = 0, denials = 0, violations = 0;
  for (std::size_t i = 0; i < n; ++i) {
    activations += infos[i].stats.activations;
    instructions += infos[i].stats.instructions;
    cpu_us += infos[i].stats.cpu_us;
    calls += infos[i].stats.endpoint_calls;
    denials += infos[i].stats.total_denials();
    violations += infos[i].stats.total_violations();
  }
  const coap::ServerStats& s = server_.stats();
  res.set_format(ContentFormat::cbor);
  CborOut out(res.body());
  out.map(10);
  out.key("uptime_ms").uint(now());
  out.key("containers").uint(n);
  out.key("activations").uint(activations);
  out.key("instructions").uint(instructions);
  out.key("cpu_us").uint(cpu_us);
  out.key("endpoint_calls").uint(calls);
  out.key("denials").uint(denials);
  out.key("violations").uint(violations);
  out.key("next_event").uint(agent_->next_event_seq());
  out.key("coap").map(8);
  out.key("received").uint(s.received);
  out.key("requests").uint(s.requests);
  out.key("duplicates").uint(s.duplicates);
  out.key("retransmissions").uint(s.retransmissions);
  out.key("gave_up").uint(s.gave_up);
  out.key("send_errors").uint(s.send_errors);
  out.key("busy").uint(s.busy);
  out.key("storage_free").uint(config_.storage != nullptr ? config_.storage->free_bytes() : 0);
}

void Tree::containers(const coap::Request& req, coap::Response& res) {
  const Segments seg = below(req);
  const Code method = req.method();
  if (seg.overflow) return fail(res, Code::not_found, "path too deep");
  if (seg.count == 0) {
    if (method == Code::post) return install(req, res);
    if (method != Code::get) return fail(res, Code::method_not_allowed, "GET or POST");
    agent::ContainerInfo infos[agent::kMaxContainers];
    const std::size_t n = agent_->list(infos);
    res.set_format(ContentFormat::cbor);
    CborOut out(res.body());
    out.array(n);
    for (std::size_t i = 0; i < n; ++i)
      render_container(out, infos[i], false);
    return;
  }
  const std::string_view name = seg.at[0];
  Result<agent::ContainerInfo> info = agent_->status(name);
  if (!info.ok()) return fail(res, Code::not_found, "no such container");
  if (seg.count == 1) {
    if (method == Code::get) {
      res.set_format(ContentFormat::cbor);
      CborOut out(res.body());
      return render_container(out, *info, true);
    }
    if (method == Code::del) {
      const Status st = agent_->remove(name);
      if (!st.ok()) return fail(res, code_of(st), st.message());
      res.set_code(Code::deleted);
      return;
    }
    return fail(res, Code::method_not_allowed, "GET or DELETE");
  }
  const std::string_view what = seg.at[1];
  if (what == "x") {
    // The export path: the segments after x, joined with '/'.
    char path[manifest::kMaxExportPathLength + 1] = {};
    TextBuilder tb(path);
    for (std::size_t i = 2; i < seg.count; ++i) {
      if (i > 2) put(tb, "/");
      put(tb, seg.at[i]);
    }
    return container_export(name, text_of(tb), req, res);
  }
  if (seg.count != 2) return fail(res, Code::not_found, "no such resource");
  if (what == "logs") {
    if (method != Code::get) return fail(res, Code::method_not_allowed, "GET");
    return logs(name, req, res);
  }
  Status st = Status::Ok();
  if (what == "start" || what == "stop" || what == "restart") {
    if (method != Code::post) return fail(res, Code::method_not_allowed, "POST");
    st = what == "start" ? agent_->start(name)
                         : (what == "stop" ? agent_->stop(name) : agent_->restart(name));
  } else {
    return fail(res, Code::not_found, "no such resource");
  }
  if (!st.ok()) return fail(res, code_of(st), st.message());
  res.set_code(Code::changed);
  Result<agent::ContainerInfo> after = agent_->status(name);
  if (after.ok()) {
    res.set_format(ContentFormat::cbor);
    CborOut out(res.body());
    render_container(out, *after, false);
  }
}

void Tree::logs(std::string_view name, const coap::Request& req, coap::Response& res) {
  uint32_t from = 0;
  if (!from_query(req.message, 0, from)) return fail(res, Code::bad_request, "from: not a number");
  CountLines count;
  Result<std::size_t> r = agent_->logs(name, from, count);
  if (!r.ok()) return fail(res, code_of(r.status()), r.status().message());
  res.set_format(ContentFormat::cbor);
  CborOut out(res.body());
  out.map(2);
  out.key("next").uint(count.count != 0 ? count.last + 1 : from);
  out.key("lines").array(count.count);
  RenderLines lines(out, count.count);
  (void)agent_->logs(name, from, lines);
}

void Tree::get_events(const coap::Request& req, coap::Response& res) {
  uint32_t from = 0;
  if (req.notification) {
    from = batch_from_;
  } else if (!from_query(req.message, 0, from)) {
    return fail(res, Code::bad_request, "from: not a number");
  }
  EventBatch& events = work_.emplace<EventBatch>();
  const std::size_t n = agent_->events(from, events);
  res.set_format(ContentFormat::cbor);
  CborOut out(res.body());
  out.map(2);
  out.key("next").uint(agent_->next_event_seq());
  out.key("events").array(n);
  for (std::size_t i = 0; i < n; ++i) {
    const agent::Event& e = events[i];
    if (e.kind == agent::EventKind::log) {
      FindLine line(e.a);
      (void)agent_->logs(e.container.view(), e.a, line);
      render_event(out, e, std::string_view(line.buffer, line.size));
    } else {
      render_event(out, e, {});
    }
  }
}

void Tree::container_export(std::string_view name, std::string_view path, const coap::Request& req,
                            coap::Response& res) {
  Result<uint8_t> index = agent_->find_export(name, path);
  if (!index.ok()) return fail(res, Code::not_found, "no such export");
  if (req.payload.size() > kMaxResponsePayload) {
    return fail(res, Code::request_entity_too_large, "request payload too large");
  }
  Waiting* w = nullptr;
  for (Waiting& slot : waiting_) {
    if (!slot.used) {
      w = &slot;
      break;
    }
  }
  if (w == nullptr) return fail(res, Code::service_unavailable, "too many requests in flight");
  const uint32_t token = next_token_++;
  const uint8_t method = coap::code_detail(req.method());
  // The agent may answer inside request() (5.01 without a hook): respond() only queues, and
  // poll() delivers once the ticket exists.
  Result<coap::Ticket> ticket = res.defer();
  if (!ticket.ok()) return fail(res, Code::service_unavailable, "no deferred slot free");
  *w = {true, token, *ticket};
  const Status st = agent_->request(name, *index, method, req.payload, token);
  if (!st.ok()) {
    uint8_t body[96];
    coap::PayloadWriter pw(body, 0);
    CborOut out(pw);
    render_error(out, st.message());
    const Code c = code_of(st);
    respond(token, static_cast<uint8_t>(c), 60, pw.window());
  }
}

void Tree::respond(uint32_t token, uint8_t code, uint16_t content_format,
                   std::span<const uint8_t> payload) {
  for (Pending& p : pending_) {
    if (p.used) continue;
    p.used = true;
    p.token = token;
    p.code = code;
    p.format = content_format;
    p.size = static_cast<uint16_t>(payload.size() < sizeof p.payload ? payload.size()
                                                                     : sizeof p.payload);
    // An empty response may come with a null view; memcpy's arguments must not be null.
    if (p.size != 0) std::memcpy(p.payload, payload.data(), p.size);
    return;
  }
  // No room: the deferred request expires on the server; forget its ticket.
  for (Waiting& w : waiting_) {
    if (w.used && w.token == token) w.used = false;
  }
}

void Tree::poll(uint64_t now_ms) {
  for (Pending& p : pending_) {
    if (!p.used) continue;
    Waiting* w = nullptr;
    for (Waiting& slot : waiting_) {
      if (slot.used && slot.token == p.token) w = &slot;
    }
    if (w == nullptr) {
      p.used = false;
      continue;
    }
    const auto code = static_cast<Code>(p.code);
    std::optional<ContentFormat> format;
    if (p.size != 0 || coap::code_class(code) != 2) format = static_cast<ContentFormat>(p.format);
    const Status st = server_.respond(w->ticket, code, format, {p.payload, p.size}, now_ms);
    if (st.code() == StatusCode::resource_exhausted) continue;  // no CON slot: next poll
    p.used = false;
    w->used = false;
  }
  const uint32_t next = agent_ != nullptr ? agent_->next_event_seq() : notified_next_;
  if (next != notified_next_) {
    batch_from_ = notified_next_;
    (void)server_.notify(events_id_, now_ms);
    notified_next_ = next;
  }
}

}  // namespace tc::mgmt
