// Simulated board resources for the firmware (issue 7: "sensor values generated in firmware, an
// actuator that logs its writes"), behind the agent's Resources port:
//   0 sensor/temperature  integer, read, 0.1 degC: a triangle wave 18.0..26.0 degC over 16 s
//   1 sensor/humidity     integer, read, percent: 40..60, following the seconds
//   2 actuator/lock       integer, write, 0..1
//   3 actuator/backlight  integer, write, 0..100
// Sensor values are a function of the clock, so a run under QEMU -icount is reproducible. Every
// actuator write is printed on the console ("actuator/lock <- 1 at 12 ms") and counted.
#pragma once

#include <array>
#include <cstdint>

#include "agent/clock.hpp"
#include "agent/resources.hpp"

namespace tc::cortex_m {

class SimResources final : public agent::Resources {
 public:
  static constexpr uint32_t kTemperature = 0;
  static constexpr uint32_t kHumidity = 1;
  static constexpr uint32_t kLock = 2;
  static constexpr uint32_t kBacklight = 3;
  static constexpr uint32_t kCount = 4;

  explicit SimResources(const agent::Clock& clock) : clock_(clock) {}

  [[nodiscard]] uint32_t count() const override { return kCount; }
  [[nodiscard]] agent::ResourceInfo info(uint32_t index) const override;
  Result<int64_t> read_value(uint32_t index) override;
  Status write_value(uint32_t index, int64_t value) override;
  Result<uint32_t> read_bytes(uint32_t index, std::span<uint8_t> out) override;
  Result<uint32_t> write_bytes(uint32_t index, std::span<const uint8_t> in) override;

  // What the actuators received: how many writes, and the last value.
  [[nodiscard]] uint32_t writes(uint32_t index) const {
    return index < kCount ? writes_[index] : 0;
  }
  [[nodiscard]] int64_t last_value(uint32_t index) const {
    return index < kCount ? values_[index] : 0;
  }
  // Reads served so far (all sensors).
  [[nodiscard]] uint32_t reads() const { return reads_; }

 private:
  const agent::Clock& clock_;
  std::array<uint32_t, kCount> writes_{};
  std::array<int64_t, kCount> values_{};
  uint32_t reads_ = 0;
};

}  // namespace tc::cortex_m
