// CBOR -> Manifest, strictly (codec.hpp). One pass over a cbor::Reader; the path of the field
// being read is kept as static segments and rendered only when an error is reported.
#include <limits>

#include "cbor/reader.hpp"
#include "manifest/codec.hpp"
#include "manifest/schema.hpp"
#include "manifest/target.hpp"

namespace tc::manifest {
namespace {

namespace s = schema;

class Decoder {
 public:
  explicit Decoder(std::span<const uint8_t> input) : reader_(input) {}

  ManifestError run(Manifest& out) {
    out = Manifest{};
    if (read_manifest(out)) finish();
    return error_;
  }

 private:
  bool fail(Reason reason, cbor::Error cbor = cbor::Error::ok) {
    error_.reason = reason;
    error_.cbor = cbor;
    error_.path = path_;
    return false;
  }

  // Maps a reader error onto a reason (wrong_type and integer_overflow leave the input intact,
  // everything else is malformed CBOR).
  bool check(cbor::Error error) {
    switch (error) {
      case cbor::Error::ok:
        return true;
      case cbor::Error::wrong_type:
        return fail(Reason::wrong_type);
      case cbor::Error::integer_overflow:
        return fail(Reason::out_of_range);
      default:
        return fail(Reason::malformed_cbor, error);
    }
  }

  void finish() {
    const cbor::Error error = reader_.finish();
    if (error == cbor::Error::trailing_bytes) {
      fail(Reason::trailing_bytes);
    } else {
      check(error);
    }
  }

  // Call after the read that set `value`, never in the same expression: argument evaluation
  // order is unspecified.
  bool count(cbor::Error error, uint64_t value, uint64_t max) {
    if (!check(error)) return false;
    if (value == cbor::kIndefinite) return fail(Reason::indefinite_length);
    if (value > max) return fail(Reason::too_many_items);
    return true;
  }

  // Reads a map of `schema`, calling field(key) with the reader at each value and the path
  // pointing at the field. Every key in `required` must appear; none may appear twice.
  template <typename Field>
  bool map(const s::MapSchema& schema, uint32_t required, Field field) {
    uint64_t pairs = 0;
    const cbor::Error error = reader_.read_map_header(pairs);
    if (!count(error, pairs, schema.size())) return false;
    uint32_t seen = 0;
    for (uint64_t i = 0; i < pairs; ++i) {
      uint64_t key = 0;
      if (!check(reader_.read_uint(key))) return false;
      if (!schema.has_key(key)) {
        path_.push_key(key);
        return fail(Reason::unknown_key);
      }
      path_.push(schema.names[key]);
      const uint32_t bit = 1u << key;
      if ((seen & bit) != 0) return fail(Reason::duplicate_key);
      seen |= bit;
      if (!field(static_cast<uint8_t>(key))) return false;
      path_.pop();
    }
    return require(schema, required, seen);
  }

  bool require(const s::MapSchema& schema, uint32_t required, uint32_t seen) {
    const uint32_t missing = required & ~seen;
    if (missing == 0) return true;
    for (uint8_t key = 1; key < schema.size(); ++key) {
      if ((missing & (1u << key)) != 0) {
        path_.push(schema.names[key]);
        break;
      }
    }
    return fail(Reason::missing_key);
  }

  template <typename T>
  bool unsigned_value(T& out, uint64_t max = std::numeric_limits<T>::max()) {
    uint64_t value = 0;
    if (!check(reader_.read_uint(value))) return false;
    if (value > max) return fail(Reason::out_of_range);
    out = static_cast<T>(value);
    return true;
  }

  bool signed_value(int64_t& out) { return check(reader_.read_int(out)); }

  bool bool_value(bool& out) { return check(reader_.read_bool(out)); }

  template <std::size_t N>
  bool text_value(FixedString<N>& out) {
    std::string_view text;
    if (!check(reader_.read_text(text))) return false;
    if (text.size() > FixedString<N>::kCapacity) return fail(Reason::string_too_long);
    if (!out.assign(text)) return fail(Reason::invalid_string);
    return true;
  }

  // An enumerated value 1..max.
  template <typename Enum>
  bool enum_value(Enum& out, uint8_t max) {
    uint8_t value = 0;
    if (!unsigned_value(value)) return false;
    if (value == 0 || value > max) return fail(Reason::unknown_value);
    out = static_cast<Enum>(value);
    return true;
  }

  bool read_manifest(Manifest& m) {
    return map(s::kTop, s::all_keys(s::kTop), [&](uint8_t key) {
      switch (key) {
        case s::top::name:
          return text_value(m.name);
        case s::top::version:
          return unsigned_value(m.version);
        case s::top::tenant:
          return text_value(m.tenant);
        case s::top::runtime:
          return enum_value(m.runtime, 2);
        case s::top::memory:
          return read_memory(m.memory);
        case s::top::timing:
          return read_timing(m.timing);
        case s::top::failure:
          return read_failure(m.failure);
        case s::top::endpoints:
          return read_endpoints(m);
        default:
          return read_exports(m);
      }
    });
  }

  bool read_memory(Memory& m) {
    return map(s::kMemory, s::all_keys(s::kMemory), [&](uint8_t key) {
      switch (key) {
        case s::memory::stack_bytes:
          return unsigned_value(m.stack_bytes);
        case s::memory::data_bytes:
          return unsigned_value(m.data_bytes);
        default:
          return unsigned_value(m.storage_bytes);
      }
    });
  }

  bool read_timing(Timing& t) {
    return map(s::kTiming, s::all_keys(s::kTiming), [&](uint8_t key) {
      switch (key) {
        case s::timing::loop_period_ms:
          return unsigned_value(t.loop_period_ms);
        case s::timing::max_start_ms:
          return unsigned_value(t.max_start_ms);
        case s::timing::max_loop_ms:
          return unsigned_value(t.max_loop_ms);
        case s::timing::max_stop_ms:
          return unsigned_value(t.max_stop_ms);
        case s::timing::max_event_ms:
          return unsigned_value(t.max_event_ms);
        case s::timing::fuel:
          return unsigned_value(t.fuel);
        case s::timing::cpu_share_permille:
          return unsigned_value(t.cpu_share_permille);
        case s::timing::cpu_window_ms:
          return unsigned_value(t.cpu_window_ms);
        default:
          return unsigned_value(t.max_lifetime_s);
      }
    });
  }

  bool read_failure(FailurePolicy& f) {
    return map(s::kFailure, s::all_keys(s::kFailure), [&](uint8_t key) {
      switch (key) {
        case s::failure::strikes:
          return unsigned_value(f.strikes);
        case s::failure::backoff_ms:
          return unsigned_value(f.backoff_ms);
        default:
          return unsigned_value(f.max_restarts);
      }
    });
  }

  bool read_limits(EndpointLimits& l) {
    bool has_min = false;
    bool has_max = false;
    const bool ok = map(s::kLimits, s::kLimitsRequired, [&](uint8_t key) {
      switch (key) {
        case s::limits::calls_per_second:
          return unsigned_value(l.calls_per_second);
        case s::limits::bytes_per_window:
          return unsigned_value(l.bytes_per_window);
        case s::limits::window_ms:
          return unsigned_value(l.window_ms);
        case s::limits::energy_per_window_uj:
          return unsigned_value(l.energy_per_window_uj);
        case s::limits::min:
          has_min = true;
          return signed_value(l.min_value);
        default:
          has_max = true;
          return signed_value(l.max_value);
      }
    });
    if (!ok) return false;
    // Bounds come in pairs: a lone min or max would leave the other side unbounded.
    if (has_min != has_max) {
      path_.push(has_min ? "max" : "min");
      return fail(Reason::missing_key);
    }
    l.has_bounds = has_min;
    return true;
  }

  bool read_endpoint(Endpoint& e) {
    const bool ok = map(s::kEndpoint, s::all_keys(s::kEndpoint), [&](uint8_t key) {
      switch (key) {
        case s::endpoint::id:
          return unsigned_value(e.id);
        case s::endpoint::target:
          return text_value(e.target);
        case s::endpoint::direction:
          return enum_value(e.direction, 3);
        default:
          return read_limits(e.limits);
      }
    });
    // The kind follows from the target; a malformed target keeps the default and fails
    // validate() with bad_target.
    if (ok) (void)classify_target(e.target.view(), e.kind);
    return ok;
  }

  bool read_endpoints(Manifest& m) {
    uint64_t n = 0;
    const cbor::Error error = reader_.read_array_header(n);
    if (!count(error, n, kMaxEndpoints)) return false;
    const auto total = static_cast<uint8_t>(n);  // bounded by kMaxEndpoints just above
    for (uint8_t i = 0; i < total; ++i) {
      path_.push_index(i);
      if (!read_endpoint(m.endpoints[i])) return false;
      path_.pop();
      m.endpoint_count = static_cast<uint8_t>(i + 1);
    }
    return true;
  }

  bool read_export(Export& e) {
    return map(s::kExport, s::all_keys(s::kExport), [&](uint8_t key) {
      switch (key) {
        case s::exports::path:
          return text_value(e.path);
        case s::exports::methods:
          if (!unsigned_value(e.methods)) return false;
          return e.methods <= kAllMethods || fail(Reason::unknown_value);
        default:
          return bool_value(e.observable);
      }
    });
  }

  bool read_exports(Manifest& m) {
    uint64_t n = 0;
    const cbor::Error error = reader_.read_array_header(n);
    if (!count(error, n, kMaxExports)) return false;
    const auto total = static_cast<uint8_t>(n);  // bounded by kMaxExports just above
    for (uint8_t i = 0; i < total; ++i) {
      path_.push_index(i);
      if (!read_export(m.exports[i])) return false;
      path_.pop();
      m.export_count = static_cast<uint8_t>(i + 1);
    }
    return true;
  }

  cbor::Reader reader_;
  FieldPath path_;
  ManifestError error_;
};

}  // namespace

ManifestError decode(std::span<const uint8_t> encoded, Manifest& out) {
  return Decoder(encoded).run(out);
}

}  // namespace tc::manifest
