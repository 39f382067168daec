#include "link/device_link.hpp"

#include <cstdio>

namespace tc::gw {

std::string CoapReply::code_text() const {
  char text[8];
  std::snprintf(text, sizeof text, "%u.%02u", static_cast<unsigned>(code >> 5),
                static_cast<unsigned>(code & 0x1f));
  return text;
}

}  // namespace tc::gw
