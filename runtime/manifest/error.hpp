// Why a manifest was refused, and where: one reason enum for the CBOR decoder, the semantic
// validator and the board check, plus the path of the offending field ("endpoints[2].limits.max")
// in the field names of schema.hpp, which are also the JSON names.
#pragma once

#include <cstdint>
#include <span>

#include "cbor/error.hpp"
#include "core/status.hpp"
#include "core/text.hpp"

namespace tc::manifest {

enum class Reason : uint8_t {
  ok = 0,
  // Decoding (codec.hpp).
  malformed_cbor,     // the CBOR itself is broken; ManifestError::cbor says how
  trailing_bytes,     // bytes after the manifest
  wrong_type,         // e.g. a text string where an integer belongs
  indefinite_length,  // maps and arrays must have a definite length
  unknown_key,        // a key the schema does not define (never skipped: the manifest is law)
  duplicate_key,
  missing_key,
  string_too_long,  // longer than the field's FixedString capacity
  invalid_string,   // holds a NUL character
  too_many_items,   // more than kMaxEndpoints endpoints or kMaxExports exports
  out_of_range,     // an integer beyond the field's type
  unknown_value,    // not one of the enumerated values (runtime, direction, methods)
  buffer_full,      // encode(): the output buffer is too small
  // Semantic validation (validate.hpp).
  empty,                  // a required text is empty
  bad_characters,         // outside the field's character set
  must_be_positive,       // zero where a value is required
  too_small,              // below the documented minimum
  not_multiple_of_8,      // memory sizes
  too_large,              // above the documented maximum
  bad_share,              // cpu_share_permille outside 1..1000
  period_below_deadline,  // loop_period_ms shorter than max_loop_ms
  duplicate_id,
  bad_target,     // the target's syntax
  kind_mismatch,  // the endpoint's kind does not follow from its target
  min_above_max,
  bounds_without_write,  // value bounds on an endpoint that cannot write
  window_required,       // a byte or energy budget with window_ms == 0
  duplicate_path,
  bad_path,
  no_methods,
  observe_without_get,
  // Against the board profile (validate_against_board).
  unknown_resource,
  direction_not_allowed,
  bounds_outside_resource,
  bounds_not_numeric,  // value bounds on a bytes resource
  over_board_capacity,
};

[[nodiscard]] const char* describe(Reason reason);

// A field path, kept as a few static segments while decoding and rendered only on error.
class FieldPath {
 public:
  static constexpr uint8_t kMaxDepth = 4;

  void push(const char* name) {
    if (depth_ < kMaxDepth) segments_[depth_] = {name, -1, -1};
    ++depth_;
  }
  // An array element of the field pushed before: rendered as "[2]".
  void push_index(uint16_t index) {
    if (depth_ < kMaxDepth) segments_[depth_] = {nullptr, static_cast<int32_t>(index), -1};
    ++depth_;
  }
  // A key the schema does not name: rendered as "<7>".
  void push_key(uint64_t key) {
    if (depth_ < kMaxDepth)
      segments_[depth_] = {nullptr, -1, static_cast<int32_t>(key > 0xffff ? 0xffff : key)};
    ++depth_;
  }
  void pop() {
    if (depth_ > 0) --depth_;
  }
  [[nodiscard]] uint8_t depth() const { return depth_; }
  // "endpoints[2].limits.max"; empty for the manifest as a whole.
  void render(TextBuilder& out) const;

 private:
  struct Segment {
    const char* name = nullptr;
    int32_t index = -1;  // array element
    int32_t key = -1;    // unknown key
  };
  Segment segments_[kMaxDepth];
  uint8_t depth_ = 0;
};

struct [[nodiscard]] ManifestError {
  Reason reason = Reason::ok;
  cbor::Error cbor = cbor::Error::ok;  // the CBOR error behind malformed_cbor
  FieldPath path;

  [[nodiscard]] bool ok() const { return reason == Reason::ok; }
  [[nodiscard]] const char* describe() const;  // the CBOR error's text for malformed_cbor
  // "endpoints[2].limits.max: min above max" into out.
  void render(TextBuilder& out) const;
  [[nodiscard]] Status to_status() const;
};

}  // namespace tc::manifest
