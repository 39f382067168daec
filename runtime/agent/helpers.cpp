// Trampolines from the VM's helper calls to the agent. The machine's helper context is the
// container's Slot; each trampoline only unpacks arguments and wraps the result.
#include "agent/helpers.hpp"

#include "agent/agent.hpp"
#include "agent/slot.hpp"
#include "tinycontainer.h"

namespace tc::agent {

namespace {

using Args = const uint64_t (&)[5];

Slot& slot_of(void* context) {
  return *static_cast<Slot*>(context);
}

vm::HelperResult value(int64_t v) {
  return vm::HelperResult::Value(static_cast<uint64_t>(v));
}

bool any_endpoint(const manifest::Manifest& m, bool (*pred)(const manifest::Endpoint&)) {
  for (uint8_t i = 0; i < m.endpoint_count; ++i) {
    if (pred(m.endpoints[i])) return true;
  }
  return false;
}

bool writable_channel(const manifest::Endpoint& e) {
  return e.kind == manifest::TargetKind::channel &&
         (static_cast<uint8_t>(e.direction) & static_cast<uint8_t>(manifest::Direction::write));
}

bool ml_model(const manifest::Endpoint& e) {
  return e.target.view().starts_with("ml/");
}

}  // namespace

// Members of HelperSet so that they may reach the agent's private helper bodies.
struct HelperBodies {
  static vm::HelperResult log(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->log(s, a[0], a[1]));
  }
  static vm::HelperResult now_ms(vm::Machine&, void* c, Args) {
    return vm::HelperResult::Value(slot_of(c).agent->now());
  }
  static vm::HelperResult random_u32(vm::Machine&, void* c, Args) {
    return vm::HelperResult::Value(slot_of(c).agent->ports_.entropy.random_u32());
  }
  static vm::HelperResult sleep_until(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return s.agent->sleep_until(s, a[0]);
  }
  static vm::HelperResult open(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->open(s, a[0]));
  }
  static vm::HelperResult read(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->read(s, a[0], a[1], a[2]));
  }
  static vm::HelperResult write(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->write(s, a[0], a[1], a[2]));
  }
  static vm::HelperResult close(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->close(s, a[0]));
  }
  static vm::HelperResult kv_get(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->kv_get(s, a));
  }
  static vm::HelperResult kv_put(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->kv_put(s, a));
  }
  static vm::HelperResult kv_delete(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->kv_delete(s, a));
  }
  static vm::HelperResult publish(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->publish(s, a[0], a[1], a[2]));
  }
  static vm::HelperResult respond(vm::Machine&, void* c, Args a) {
    Slot& s = slot_of(c);
    return value(s.agent->respond(s, a));
  }
  static vm::HelperResult ml_infer(vm::Machine&, void*, Args) {
    return value(TC_ENOTSUP);  // the ML service comes with a later issue
  }
};

void HelperSet::fill(const manifest::Manifest& m, vm::HelperTable& table) {
  table = vm::HelperTable();
  // add() only fails on ids beyond kMaxHelpers or null functions, neither possible here.
  (void)table.add(TC_HELPER_LOG, &HelperBodies::log);
  (void)table.add(TC_HELPER_NOW_MS, &HelperBodies::now_ms);
  (void)table.add(TC_HELPER_RANDOM_U32, &HelperBodies::random_u32);
  (void)table.add(TC_HELPER_SLEEP_UNTIL, &HelperBodies::sleep_until);
  if (m.endpoint_count > 0) {
    (void)table.add(TC_HELPER_OPEN, &HelperBodies::open);
    (void)table.add(TC_HELPER_READ, &HelperBodies::read);
    (void)table.add(TC_HELPER_WRITE, &HelperBodies::write);
    (void)table.add(TC_HELPER_CLOSE, &HelperBodies::close);
  }
  if (m.memory.storage_bytes > 0) {
    (void)table.add(TC_HELPER_KV_GET, &HelperBodies::kv_get);
    (void)table.add(TC_HELPER_KV_PUT, &HelperBodies::kv_put);
    (void)table.add(TC_HELPER_KV_DELETE, &HelperBodies::kv_delete);
  }
  if (any_endpoint(m, writable_channel)) (void)table.add(TC_HELPER_PUBLISH, &HelperBodies::publish);
  if (m.export_count > 0) (void)table.add(TC_HELPER_RESPOND, &HelperBodies::respond);
  if (any_endpoint(m, ml_model)) (void)table.add(TC_HELPER_ML_INFER, &HelperBodies::ml_infer);
}

}  // namespace tc::agent
