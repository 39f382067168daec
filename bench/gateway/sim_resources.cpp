#include "sim_resources.hpp"

#include <array>
#include <string_view>

#include "agent/agent.hpp"
#include "mgmt/cbor_out.hpp"
#include "mgmt/payloads.hpp"
#include "monotonic_clock.hpp"

namespace tc::bench {
namespace {

// The Uri-Path segments below the resource's own path: at most three are needed to tell
// /c/{name}/x/{path...} apart; `count` says how many there were in all.
struct Rest {
  std::array<std::string_view, 3> segments{};
  std::size_t count = 0;
};

Rest rest_of_path(const coap::Request& request) {
  Rest rest;
  std::size_t index = 0;
  for (const coap::Option& o : request.message.all(coap::OptionNumber::uri_path)) {
    if (index++ < request.path_depth) continue;
    if (rest.count < rest.segments.size()) rest.segments[rest.count] = o.text();
    ++rest.count;
  }
  return rest;
}

void answer_error(coap::Response& response, coap::Code code, std::string_view text) {
  response.set_code(code);
  response.set_format(coap::ContentFormat::cbor);
  mgmt::CborOut out(response.body());
  mgmt::render_error(out, text);
}

agent::ContainerInfo running_container(const SimIdentity& identity) {
  agent::ContainerInfo info;
  (void)info.name.assign(identity.container);
  (void)info.tenant.assign("tc-devsim");
  info.version = 1;
  info.state = agent::State::running;
  return info;
}

}  // namespace

SimResources::SimResources(const SimIdentity& identity)
    : identity_(identity), device_info_(identity), containers_(identity) {}

Status SimResources::add_to(coap::Server& server) {
  const coap::Resource resources[] = {
      {.path = "/dev", .handler = &device_info_, .rt = "tc.dev", .ct = 60},
      {.path = "/c",
       .prefix = true,
       .allowed = coap::methods::get | coap::methods::post,
       .handler = &containers_,
       .rt = "tc.containers",
       .ct = 60},
      {.path = "/events", .handler = &events_, .rt = "tc.events", .ct = 60, .observable = true},
  };
  for (const coap::Resource& r : resources) {
    const Result<coap::ResourceId> added = server.add_resource(r);
    if (!added.ok()) return added.status();
  }
  return Status::Ok();
}

void SimResources::DeviceInfo::handle(const coap::Request& /*request*/, coap::Response& response) {
  response.set_format(coap::ContentFormat::cbor);
  mgmt::CborOut out(response.body());
  mgmt::render_device(out, {.id = identity_.id,
                            .model = "tc-devsim",
                            .firmware = "tc-devsim",
                            .uptime_ms = monotonic_ms() - identity_.started_ms,
                            .containers = 1,
                            .capacity = 1});
}

void SimResources::Containers::handle(const coap::Request& request, coap::Response& response) {
  const Rest rest = rest_of_path(request);
  const bool ours = rest.count >= 1 && rest.segments[0] == identity_.container;
  if (ours && rest.count >= 3 && rest.segments[1] == "x") return answer_export(response);
  if (request.method() != coap::Code::get) {
    return answer_error(response, coap::Code::method_not_allowed,
                        "tc-devsim installs nothing and manages no container");
  }
  if (rest.count == 0) {
    response.set_format(coap::ContentFormat::cbor);
    mgmt::CborOut out(response.body());
    out.array(1);
    mgmt::render_container(out, running_container(identity_), false);
    return;
  }
  if (ours && rest.count == 1) {
    response.set_format(coap::ContentFormat::cbor);
    mgmt::CborOut out(response.body());
    mgmt::render_container(out, running_container(identity_), true);
    return;
  }
  answer_error(response, coap::Code::not_found, "no such container or export");
}

void SimResources::Containers::answer_export(coap::Response& response) {
  ++exports_;
  response.set_format(coap::ContentFormat::cbor);
  mgmt::CborOut out(response.body());
  out.map(2);
  out.key("n").uint(exports_);
  out.key("device").text(identity_.id);
}

void SimResources::Events::handle(const coap::Request& /*request*/, coap::Response& response) {
  response.set_format(coap::ContentFormat::cbor);
  mgmt::CborOut out(response.body());
  out.map(2);
  out.key("next").uint(0);
  out.key("events").array(0);
}

}  // namespace tc::bench
