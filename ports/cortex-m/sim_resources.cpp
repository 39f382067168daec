#include "sim_resources.hpp"

#include "console.hpp"

namespace tc::cortex_m {
namespace {

constexpr std::array<agent::ResourceInfo, SimResources::kCount> kBoard = {{
    {"sensor/temperature", agent::ValueType::integer, true, false, -400, 850, 5},
    {"sensor/humidity", agent::ValueType::integer, true, false, 0, 100, 5},
    {"actuator/lock", agent::ValueType::integer, false, true, 0, 1, 200},
    {"actuator/backlight", agent::ValueType::integer, false, true, 0, 100, 50},
}};

// 180..260 and back over 16 s, in 0.1 degC.
int64_t temperature_at(uint64_t ms) {
  const auto phase = static_cast<int64_t>(ms % 16'000);
  return phase < 8'000 ? 180 + phase / 100 : 260 - (phase - 8'000) / 100;
}

int64_t humidity_at(uint64_t ms) {
  return 40 + static_cast<int64_t>((ms / 1000) % 21);
}

}  // namespace

agent::ResourceInfo SimResources::info(uint32_t index) const {
  return index < kCount ? kBoard[index] : agent::ResourceInfo{};
}

Result<int64_t> SimResources::read_value(uint32_t index) {
  const uint64_t now = clock_.now_ms();
  switch (index) {
    case kTemperature:
      ++reads_;
      return temperature_at(now);
    case kHumidity:
      ++reads_;
      return humidity_at(now);
    default:
      return Status(StatusCode::invalid_argument, "not a readable resource");
  }
}

Status SimResources::write_value(uint32_t index, int64_t value) {
  if (index >= kCount || !kBoard[index].writable) {
    return {StatusCode::invalid_argument, "not a writable resource"};
  }
  ++writes_[index];
  values_[index] = value;
  console::print(kBoard[index].target);
  console::print(" <- ");
  console::print_signed(value);
  console::print(" at ");
  console::print_dec(clock_.now_ms());
  console::line(" ms");
  return Status::Ok();
}

Result<uint32_t> SimResources::read_bytes(uint32_t, std::span<uint8_t>) {
  return Status(StatusCode::invalid_argument, "no byte resources on this board");
}

Result<uint32_t> SimResources::write_bytes(uint32_t, std::span<const uint8_t>) {
  return Status(StatusCode::invalid_argument, "no byte resources on this board");
}

}  // namespace tc::cortex_m
