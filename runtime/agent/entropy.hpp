// Port: the device's entropy source (tc_random_u32).
#pragma once

#include <cstdint>

namespace tc::agent {

class Entropy {
 public:
  virtual ~Entropy() = default;
  virtual uint32_t random_u32() = 0;
};

}  // namespace tc::agent
