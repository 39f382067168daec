// Error answers shared by the management tree's handlers: {"error": text} with a CoAP code, and
// the CoAP code that stands for an agent Status.
#pragma once

#include <string_view>

#include "coap/code.hpp"
#include "coap/server.hpp"
#include "core/status.hpp"
#include "core/text.hpp"

namespace tc::mgmt {

void fail(coap::Response& res, coap::Code code, std::string_view text);
[[nodiscard]] coap::Code code_of(const Status& st);
[[nodiscard]] inline std::string_view text_of(const TextBuilder& tb) {
  return {tb.c_str(), tb.size()};
}

}  // namespace tc::mgmt
