// The container manifest (DESIGN.md 2.3): what a container is, what it may use and how much, and
// what a violation costs. Authored as JSON by a tenant, encoded as CBOR (codec.hpp) for the
// device, signed inside the SUIT envelope. This is the device-side value type: fixed capacities,
// no heap, strings stored inline.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace tc::manifest {

// A bounded, NUL-terminated string held inline.
template <std::size_t N>
class FixedString {
 public:
  static constexpr std::size_t kCapacity = N - 1;

  constexpr FixedString() = default;
  // False (and unchanged) when `text` does not fit or holds a NUL.
  bool assign(std::string_view text) {
    if (text.size() > kCapacity || text.find('\0') != std::string_view::npos) return false;
    // An empty view may carry a null pointer, which memcpy must not see even for 0 bytes.
    if (!text.empty()) std::memcpy(data_, text.data(), text.size());
    data_[text.size()] = '\0';
    size_ = static_cast<uint8_t>(text.size());
    return true;
  }
  [[nodiscard]] std::string_view view() const { return {data_, size_}; }
  [[nodiscard]] const char* c_str() const { return data_; }
  [[nodiscard]] bool empty() const { return size_ == 0; }
  friend bool operator==(const FixedString& a, const FixedString& b) {
    return a.view() == b.view();
  }

 private:
  static_assert(N >= 2 && N <= 256, "FixedString holds 1..255 characters");
  char data_[N] = {};
  uint8_t size_ = 0;
};

inline constexpr std::size_t kMaxNameLength = 31;
inline constexpr std::size_t kMaxTargetLength = 47;
inline constexpr std::size_t kMaxExportPathLength = 31;
inline constexpr std::size_t kMaxEndpoints = 8;
inline constexpr std::size_t kMaxExports = 4;

using Name = FixedString<kMaxNameLength + 1>;
using Target = FixedString<kMaxTargetLength + 1>;
using ExportPath = FixedString<kMaxExportPathLength + 1>;

enum class Runtime : uint8_t { ebpf = 1, wasm = 2 };

enum class Direction : uint8_t { read = 1, write = 2, read_write = 3 };

// What an endpoint's target names; decided by the target's prefix:
//   "sensor/temperature", "actuator/display", ... -> a resource of the board profile
//   "channel/alerts"                               -> a publish/subscribe channel between
//   containers "coap://host/path", "http://host/path"         -> a remote resource, reached through
//   the gateway
enum class TargetKind : uint8_t { resource = 1, channel = 2, remote = 3 };

// Limits of one endpoint; 0 means "no limit" for the rates and budgets.
struct EndpointLimits {
  uint32_t calls_per_second = 0;      // token bucket, refilled continuously
  uint32_t bytes_per_window = 0;      // bytes read + written per window
  uint32_t window_ms = 1000;          // window of bytes_per_window and energy_per_window_uj
  uint32_t energy_per_window_uj = 0;  // energy budget, in microjoules, per window
  bool has_bounds = false;            // value bounds for writes (actuators)
  int64_t min_value = 0;
  int64_t max_value = 0;

  friend bool operator==(const EndpointLimits&, const EndpointLimits&) = default;
};

struct Endpoint {
  uint8_t id = 0;  // the local id the code opens (tc_open(id))
  Target target;
  TargetKind kind = TargetKind::resource;
  Direction direction = Direction::read;
  EndpointLimits limits;

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

inline constexpr uint8_t kMethodGet = 1;
inline constexpr uint8_t kMethodPost = 2;
inline constexpr uint8_t kMethodPut = 4;
inline constexpr uint8_t kMethodDelete = 8;
inline constexpr uint8_t kAllMethods = 15;

// A CoAP path the container serves on the device (tc_on_request).
struct Export {
  ExportPath path;          // relative to the container's tree, e.g. "signature"
  uint8_t methods = 0;      // bit 0 GET, bit 1 POST, bit 2 PUT, bit 3 DELETE (kMethod*)
  bool observable = false;  // GET may be observed (RFC 7641); needs GET in methods

  friend bool operator==(const Export&, const Export&) = default;
};

struct Memory {
  uint32_t stack_bytes = 1024;
  uint32_t data_bytes = 1024;  // maximum .data + .bss
  uint32_t storage_bytes = 0;  // key-value quota

  friend bool operator==(const Memory&, const Memory&) = default;
};

struct Timing {
  uint32_t loop_period_ms = 0;  // 0: no tc_loop activations
  uint32_t max_start_ms = 100;  // wall-clock deadline per hook, enforced by the watchdog
  uint32_t max_loop_ms = 20;
  uint32_t max_stop_ms = 100;
  uint32_t max_event_ms = 20;          // tc_on_message, tc_on_request
  uint64_t fuel = 100'000;             // instruction budget per activation
  uint16_t cpu_share_permille = 1000;  // share of CPU time over cpu_window_ms
  uint32_t cpu_window_ms = 1000;
  uint32_t max_lifetime_s = 0;  // 0: unlimited

  friend bool operator==(const Timing&, const Timing&) = default;
};

// What a violation (trap, fuel or deadline overrun, CPU share overrun) costs. Each violation
// aborts the activation and counts a strike; `strikes` strikes restart the container after a
// back-off that doubles each time; after `max_restarts` restarts it is faulted.
struct FailurePolicy {
  uint8_t strikes = 3;
  uint32_t backoff_ms = 1000;
  uint8_t max_restarts = 3;

  friend bool operator==(const FailurePolicy&, const FailurePolicy&) = default;
};

struct Manifest {
  Name name;
  uint32_t version = 0;  // monotonically increasing release number of the container
  Name tenant;
  Runtime runtime = Runtime::ebpf;
  Memory memory;
  Timing timing;
  FailurePolicy failure;
  Endpoint endpoints[kMaxEndpoints];
  uint8_t endpoint_count = 0;
  Export exports[kMaxExports];
  uint8_t export_count = 0;

  // The endpoint with local id `id`, or nullptr.
  [[nodiscard]] const Endpoint* endpoint(uint8_t id) const {
    for (uint8_t i = 0; i < endpoint_count; ++i) {
      if (endpoints[i].id == id) return &endpoints[i];
    }
    return nullptr;
  }

  // Field by field, all array slots included: the codec leaves unused slots default-constructed.
  friend bool operator==(const Manifest&, const Manifest&) = default;
};

}  // namespace tc::manifest
