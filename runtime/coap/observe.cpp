#include "coap/observe.hpp"

#include "coap/options.hpp"

namespace tc::coap {

Result<uint32_t> decode_observe(std::span<const uint8_t> value) {
  return decode_uint(value, kMaxObserveLength);
}

}  // namespace tc::coap
