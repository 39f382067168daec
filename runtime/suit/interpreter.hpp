// The SUIT command interpreter (internal to tc_suit; process() drives it): runs command sequences
// over per-component parameters, checks conditions against the device, fetches payloads and
// matches them against their digests. Implemented: set-component-index, override-parameters,
// set-parameters, the vendor-identifier, class-identifier and image-match conditions, fetch,
// invoke, try-each and run-sequence; every other command is unsupported.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "suit/read.hpp"
#include "suit/suit.hpp"
#include "suit/where.hpp"

namespace tc::suit::detail {

// What the commands have established about one component.
struct ComponentState {
  // Parameters, as the manifest set them; `set` has bit (1 << label) for each one set.
  Bytes vendor_id;
  bool vendor_is_pen = false;  // a cbor-pen vendor id: no UUID to compare with
  Bytes class_id;
  Bytes image_digest;  // the encoded SUIT_Digest
  uint64_t image_size = 0;
  std::string_view uri;
  uint32_t set = 0;
  // Results.
  Bytes payload;
  bool fetched = false;
  bool matched = false;  // image-match passed on the current payload
  bool invoked = false;
};

struct State {
  ComponentState components[kMaxComponents];
  uint8_t component_count = 0;
  uint32_t selected = 1;  // the component index: one bit per component
  bool vendor_checked = false;
  std::size_t fetch_used = 0;  // bytes of the fetch buffer already holding payloads
};

class Interpreter {
 public:
  Interpreter(const Envelope& env, const Context& context, State& state)
      : env_(env), context_(context), state_(state) {}

  // Runs the shared sequence, then `sequence`; each starts with component index 0.
  Report run(SequenceId id, Bytes sequence);

 private:
  using Action = Report (Interpreter::*)(ComponentState&, const Read&);

  Report commands(Bytes sequence, int depth);
  Report command(Read& r, int64_t label, int depth);
  Report set_index(Read& r);
  Report parameters(Read& r, bool override_set);
  Report each_selected(Read& r, Action action);
  Report try_each(Read& r, int depth);
  Report run_sequence(Read& r, int depth);

  Report check_vendor(ComponentState& c, const Read& r);
  Report check_class(ComponentState& c, const Read& r);
  Report check_image(ComponentState& c, const Read& r);
  Report fetch(ComponentState& c, const Read& r);
  Report fetch_remote(ComponentState& c, const Read& r);
  Report invoke(ComponentState& c, const Read& r);

  const Envelope& env_;
  const Context& context_;
  State& state_;
  SequenceId id_ = SequenceId::shared;
};

}  // namespace tc::suit::detail
