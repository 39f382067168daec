// TinyContainer's container profile of SUIT (docs/suit.md): which envelopes are deployments, the
// order their sequences run in, and what must hold at the end for the Deployment to stand.
#include "suit/interpreter.hpp"
#include "suit/read.hpp"
#include "suit/suit.hpp"

namespace tc::suit {
namespace {

using detail::fail;
using detail::ok;
using detail::SequenceId;

constexpr const char* kComponentsWhere = "common: components";

// The two components of a container, by index in the manifest.
struct Roles {
  uint8_t image = 0;
  uint8_t manifest = 0;
  std::string_view name;
};

std::string_view text_of(Bytes b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

// ["tc", NAME, "i"] or ["tc", NAME, "m"]: 0 for the image, 1 for the manifest, -1 for anything
// else, the former kinds "image" and "manifest" included (never deployed; no compatibility).
int role_of(const ComponentId& id, std::string_view& name) {
  if (id.count != 3 || text_of(id.segments[0]) != kContainerPrefix || id.segments[1].empty())
    return -1;
  name = text_of(id.segments[1]);
  const std::string_view kind = text_of(id.segments[2]);
  if (kind == kImageKind) return 0;
  if (kind == kManifestKind) return 1;
  return -1;
}

}  // namespace

std::string_view claimed_name(const Envelope& env) {
  std::string_view name;
  if (env.component_count == 0 || role_of(env.components[0], name) < 0) return {};
  return name;
}

namespace {

Report find_roles(const Envelope& env, Roles& out) {
  if (env.component_count != 2) return fail(Error::not_a_container, kComponentsWhere);
  std::string_view names[2];
  uint8_t index[2] = {};
  bool seen[2] = {};
  for (uint8_t i = 0; i < 2; ++i) {
    std::string_view name;
    const int role = role_of(env.components[i], name);
    if (role < 0 || seen[role]) return fail(Error::not_a_container, kComponentsWhere);
    seen[role] = true;
    index[role] = i;
    names[role] = name;
  }
  if (names[0] != names[1]) return fail(Error::name_mismatch, kComponentsWhere);
  out = {index[0], index[1], names[0]};
  return ok();
}

// What the profile refuses before running anything: dependencies and a load sequence (a
// container is not copied anywhere after install), and a severed sequence it needs but lacks.
Report check_members(const Envelope& env) {
  if (env.dependency_resolution.form != Member::Form::absent)
    return fail(Error::unsupported, "dependency-resolution");
  if (!env.load.empty()) return fail(Error::unsupported, "load");
  if (env.payload_fetch.form == Member::Form::severed && !env.payload_fetch.present)
    return fail(Error::missing_member, "payload-fetch");
  if (env.install.form == Member::Form::severed && !env.install.present)
    return fail(Error::missing_member, "install");
  return ok();
}

Report run_sequences(const Envelope& env, detail::Interpreter& interpreter) {
  struct Step {
    SequenceId id;
    Bytes sequence;
  };
  const Step steps[] = {{SequenceId::payload_fetch, env.payload_fetch.value},
                        {SequenceId::install, env.install.value},
                        {SequenceId::validate, env.validate},
                        {SequenceId::invoke, env.invoke}};
  for (const Step& step : steps) {
    if (step.sequence.empty()) continue;
    const Report rep = interpreter.run(step.id, step.sequence);
    if (!rep.ok()) return rep;
  }
  return ok();
}

Report check_component(const detail::ComponentState& c, const char* where) {
  if (!c.fetched) return fail(Error::missing_payload, where);
  if (!c.matched) return fail(Error::image_mismatch, where);
  return ok();
}

// The vendor condition is what binds a deployment to this maker's devices, so an envelope that
// never checks it is not a container deployment, whatever else it does.
Report check_results(const detail::State& state, const Roles& roles) {
  if (!state.vendor_checked)
    return fail(Error::not_a_container, "shared-sequence: no condition-vendor-identifier");
  Report rep = check_component(state.components[roles.image], "tc image component");
  if (rep.ok()) rep = check_component(state.components[roles.manifest], "tc manifest component");
  if (rep.ok() && state.components[roles.manifest].invoked)
    rep = fail(Error::not_a_container, "invoke: the manifest component");
  return rep;
}

}  // namespace

Report process(const Envelope& env, const Context& context, Deployment& out) {
  out = Deployment{};
  Roles roles;
  Report rep = check_members(env);
  if (rep.ok()) rep = find_roles(env, roles);
  if (!rep.ok()) return rep;
  detail::State state;
  state.component_count = env.component_count;
  detail::Interpreter interpreter(env, context, state);
  rep = run_sequences(env, interpreter);
  if (rep.ok()) rep = check_results(state, roles);
  if (!rep.ok()) return rep;
  out.sequence = env.sequence;
  out.name = roles.name;
  out.image = state.components[roles.image].payload;
  out.manifest = state.components[roles.manifest].payload;
  out.invoke = state.components[roles.image].invoked;
  return ok();
}

}  // namespace tc::suit
