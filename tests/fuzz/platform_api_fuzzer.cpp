// The bodies clients send to tc-platform's /api/v1 (platform/api/request_bodies): the first byte
// picks a reader, the rest is the body. A refusal (HttpError, 400/415) is the expected outcome of
// bad input; any other exception, a crash or an accepted value that breaks the reader's promise
// (a name that names.hpp would refuse) is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "api/request_bodies.hpp"
#include "http/http_error.hpp"
#include "http/json_body.hpp"
#include "identity/names.hpp"

namespace {

using namespace tc::platform;

void require_name(std::string_view name) {
  if (!check_name("name", name).empty()) std::abort();
}

void read(uint8_t which, std::string_view body) {
  const tc::http::Json json = tc::http::json_body("application/json", body, true);
  switch (which % 4) {
    case 0: {
      const TenantRequest t = tenant_request(json);
      require_name(t.name);
      if (t.display_name.size() > 200) std::abort();
      break;
    }
    case 1: {
      const UserRequest u = user_request(json);
      require_name(u.tenant);
      require_name(u.name);
      break;
    }
    case 2: {
      const GatewayRequest g = gateway_request(json);
      require_name(g.name);
      require_name(g.owner);
      break;
    }
    default:
      require_name(token_request(json));
      break;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  try {
    read(data[0], std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  } catch (const tc::http::HttpError&) {
  }
  return 0;
}
