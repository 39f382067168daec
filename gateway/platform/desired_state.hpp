// The desired state the platform sets for the gateway's managed devices
// (docs/api/platform-link.md, "Desired state"): per device, the containers it must hold, each
// named by its signed envelope (SHA-256, size, SUIT sequence number) and whether it runs.
// A document is accepted whole or rejected whole: parse_desired checks every field, so that a
// half-valid document never replaces a good one.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tc::gw {

enum class DesiredRun : uint8_t { running, stopped };

struct DesiredContainer {
  std::string name;
  uint64_t sequence = 0;
  std::string digest;  // SHA-256 of the envelope, lowercase hex
  uint64_t size = 0;   // of the envelope, bytes
  DesiredRun state = DesiredRun::running;

  bool operator==(const DesiredContainer&) const = default;
};

struct DesiredState {
  std::string revision;
  // Managed devices by id; an empty list: the device holds no container.
  std::map<std::string, std::vector<DesiredContainer>, std::less<>> devices;
};

struct DesiredParse {
  std::optional<DesiredState> state;
  std::string error;  // why the document was rejected, for a person
};

// The largest envelope the gateway accepts to fetch and store.
inline constexpr uint64_t kMaxEnvelopeSize = uint64_t{16} << 20;

[[nodiscard]] DesiredParse parse_desired(std::string_view text);

[[nodiscard]] std::string_view name(DesiredRun state);

}  // namespace tc::gw
