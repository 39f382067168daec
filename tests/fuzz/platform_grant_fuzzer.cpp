// parse_grant on any text (the body of POST /api/v1/grants): never crashes, and a grant it
// accepts shows as JSON that it accepts again, unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "grants/grant_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const tc::platform::GrantParse parsed = tc::platform::parse_grant(text);
  if (!parsed.ok()) return 0;
  const auto shown = tc::platform::grant_to_json(parsed.grant);
  const tc::platform::GrantParse again = tc::platform::parse_grant(shown.dump());
  if (!again.ok() || tc::platform::grant_to_json(again.grant) != shown) std::abort();
  return 0;
}
