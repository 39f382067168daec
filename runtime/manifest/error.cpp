#include "manifest/error.hpp"

namespace tc::manifest {

const char* describe(Reason reason) {
  switch (reason) {
    case Reason::ok:
      return "ok";
    case Reason::malformed_cbor:
      return "malformed CBOR";
    case Reason::trailing_bytes:
      return "bytes after the manifest";
    case Reason::wrong_type:
      return "wrong CBOR type for this field";
    case Reason::indefinite_length:
      return "indefinite-length map or array";
    case Reason::unknown_key:
      return "unknown key";
    case Reason::duplicate_key:
      return "duplicate key";
    case Reason::missing_key:
      return "missing field";
    case Reason::string_too_long:
      return "string too long";
    case Reason::invalid_string:
      return "string holds a NUL character";
    case Reason::too_many_items:
      return "too many items";
    case Reason::out_of_range:
      return "integer out of range";
    case Reason::unknown_value:
      return "unknown value";
    case Reason::buffer_full:
      return "output buffer too small";
    case Reason::empty:
      return "must not be empty";
    case Reason::bad_characters:
      return "only a-z, 0-9, '-', '_' and '.' allowed, starting with a-z or 0-9";
    case Reason::must_be_positive:
      return "must be greater than 0";
    case Reason::too_small:
      return "below the minimum";
    case Reason::not_multiple_of_8:
      return "must be a multiple of 8";
    case Reason::too_large:
      return "above the maximum";
    case Reason::bad_share:
      return "must be 1..1000 (permille)";
    case Reason::period_below_deadline:
      return "loop period shorter than max_loop_ms";
    case Reason::duplicate_id:
      return "duplicate endpoint id";
    case Reason::bad_target:
      return "bad target (sensor|actuator|radio|storage|ml/NAME, channel/NAME, "
             "coap[s]|http[s]://HOST/PATH)";
    case Reason::kind_mismatch:
      return "kind does not match the target";
    case Reason::min_above_max:
      return "min above max";
    case Reason::bounds_without_write:
      return "value bounds need a writable endpoint";
    case Reason::window_required:
      return "a byte or energy budget needs window_ms > 0";
    case Reason::duplicate_path:
      return "duplicate export path";
    case Reason::bad_path:
      return "bad export path (segments of a-z, 0-9, '-', '_' separated by '/')";
    case Reason::no_methods:
      return "no valid methods";
    case Reason::observe_without_get:
      return "observable needs GET";
    case Reason::unknown_resource:
      return "no such resource on the board";
    case Reason::direction_not_allowed:
      return "direction not allowed by the resource";
    case Reason::bounds_outside_resource:
      return "bounds outside the resource's range";
    case Reason::bounds_not_numeric:
      return "value bounds on a bytes resource";
    case Reason::over_board_capacity:
      return "above the board's capacity";
  }
  return "unknown manifest error";
}

void FieldPath::render(TextBuilder& out) const {
  const uint8_t shown = depth_ < kMaxDepth ? depth_ : kMaxDepth;
  for (uint8_t i = 0; i < shown; ++i) {
    const Segment& s = segments_[i];
    if (i > 0 && s.name != nullptr) out.append_char('.');
    if (s.name != nullptr) out.append(s.name);
    if (s.index >= 0) out.append_char('[').append(static_cast<uint64_t>(s.index)).append_char(']');
    if (s.key >= 0) {
      if (i > 0) out.append_char('.');
      out.append_char('<').append(static_cast<uint64_t>(s.key)).append_char('>');
    }
  }
}

const char* ManifestError::describe() const {
  return reason == Reason::malformed_cbor ? cbor::describe(cbor) : manifest::describe(reason);
}

void ManifestError::render(TextBuilder& out) const {
  path.render(out);
  if (path.depth() == 0) out.append("manifest");
  out.append(": ").append(describe());
}

Status ManifestError::to_status() const {
  if (ok()) return Status::Ok();
  if (reason == Reason::buffer_full) return {StatusCode::resource_exhausted, describe()};
  return {StatusCode::invalid_argument, describe()};
}

}  // namespace tc::manifest
