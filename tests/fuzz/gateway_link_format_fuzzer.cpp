// libFuzzer target: the link-format checker of the gateway's resource directory, with its default
// limits and with tight ones.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "coap/link_format_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const tc::gw::LinkFormatCheck loose = tc::gw::check_link_format(text);
  if (loose.ok == !loose.error.empty()) std::abort();  // exactly one of the two
  const tc::gw::LinkFormatLimits tight{.max_bytes = 256, .max_links = 4, .max_params_per_link = 3};
  const tc::gw::LinkFormatCheck bounded = tc::gw::check_link_format(text, tight);
  if (bounded.ok && (!loose.ok || bounded.links > tight.max_links)) std::abort();
  return 0;
}
