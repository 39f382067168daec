// Simulated board resources (docs/native-port.md, "Simulation"): each resource of the board
// profile becomes a driver behind the agent's Resources port. Sensors follow the profile's signal
// (constant, sine, square, random_walk; seeded, so a run is reproducible); actuator writes are
// recorded with their time (the last kHistory per resource) and become the resource's value; byte
// resources return plausible bytes (radio scan records, stroke samples) or what was written last.
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <vector>

#include "agent/clock.hpp"
#include "agent/resources.hpp"
#include "manifest/board.hpp"
#include "mgmt/tree.hpp"

namespace tc::native {

class SimResources final : public agent::Resources, public mgmt::WriteHistory {
 public:
  static constexpr std::size_t kHistory = 16;

  SimResources(const manifest::BoardProfile& board, const agent::Clock& clock, uint64_t seed);

  [[nodiscard]] uint32_t count() const override;
  [[nodiscard]] agent::ResourceInfo info(uint32_t index) const override;
  Result<int64_t> read_value(uint32_t index) override;
  Status write_value(uint32_t index, int64_t value) override;
  Result<uint32_t> read_bytes(uint32_t index, std::span<uint8_t> out) override;
  Result<uint32_t> write_bytes(uint32_t index, std::span<const uint8_t> in) override;

  std::size_t writes(uint32_t index, std::span<mgmt::ResourceWrite> out) const override;
  // The value of a sensor at `time_ms` without side effects for the deterministic shapes (for
  // tests); random_walk advances.
  int64_t sample(uint32_t index, uint64_t time_ms);

 private:
  struct State {
    int64_t value = 0;  // random_walk position; actuators: the last value written
    bool written = false;
    std::vector<uint8_t> last_bytes;
    std::deque<mgmt::ResourceWrite> history;
  };

  const manifest::BoardProfile& board_;
  const agent::Clock& clock_;
  std::mt19937_64 random_;
  std::vector<State> state_;
};

}  // namespace tc::native
