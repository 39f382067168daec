// The agent's Entropy port on the firmware: a xorshift32 generator seeded from the SysTick counter
// at first use. It feeds tc_random_u32 for containers (jitter, sampling), not keys: the firmware
// holds no secrets (DESIGN.md 3: only public keys on a device), and QEMU boards have no TRNG.
#pragma once

#include <cstdint>

#include "agent/entropy.hpp"
#include "systick.hpp"

namespace tc::cortex_m {

class XorshiftEntropy final : public agent::Entropy {
 public:
  uint32_t random_u32() override {
    if (state_ == 0) state_ = static_cast<uint32_t>(systick::now_us()) | 1u;
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }

 private:
  uint32_t state_ = 0;
};

}  // namespace tc::cortex_m
