// libFuzzer target: what a device's RFC 9176 request puts in front of the gateway's resource
// directory. The input is a script: lines "R <query options separated by &>|<links>",
// "U <id> <options>", "D <id>", "E" (expire), "M <coap URI>" (device matching); each goes
// through the same parsers and table calls as the libcoap handlers make.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "coap/link_format_check.hpp"
#include "coap/rd_query.hpp"
#include "coap/resource_directory.hpp"

namespace {

using tc::gw::IpEndpoint;
using tc::gw::ResourceDirectory;

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    const std::size_t at = text.find(separator);
    out.push_back(text.substr(0, at));
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

void step(ResourceDirectory& rd, std::string_view line, ResourceDirectory::Clock::time_point now) {
  const IpEndpoint source{"127.0.0.1", 40000, false};
  if (line.size() < 2) {
    if (line == "E") (void)rd.expire(now + std::chrono::seconds(30));
    return;
  }
  const char command = line[0];
  std::string_view rest = line.substr(2);
  if (command == 'R') {
    const std::size_t bar = rest.find('|');
    const std::vector<std::string_view> options = split(rest.substr(0, bar), '&');
    const std::string_view links = bar == std::string_view::npos ? "" : rest.substr(bar + 1);
    const auto parsed = tc::gw::parse_registration_query(options);
    if (!parsed.value || !tc::gw::check_link_format(links).ok) return;
    const tc::gw::RdAnswer a = rd.register_endpoint(*parsed.value, std::string(links), source, now);
    if (a.change != tc::gw::RdChange::none && a.registration.endpoint != parsed.value->endpoint) {
      std::abort();
    }
  } else if (command == 'U') {
    const std::size_t space = rest.find(' ');
    const std::vector<std::string_view> options =
        split(space == std::string_view::npos ? "" : rest.substr(space + 1), '&');
    const auto parsed = tc::gw::parse_update_query(options);
    if (parsed.value) (void)rd.update(rest.substr(0, space), *parsed.value, source, now);
  } else if (command == 'D') {
    (void)rd.remove(rest);
  } else if (command == 'M') {
    const tc::gw::IpEndpointParse peer = tc::gw::parse_coap_uri(rest);
    if (peer.endpoint) (void)rd.endpoint_at(*peer.endpoint);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const tc::gw::RdLimits limits{.min_lifetime = std::chrono::seconds(1),
                                .max_lifetime = std::chrono::seconds(60),
                                .max_registrations = 8};
  ResourceDirectory rd(limits);
  const auto now = ResourceDirectory::Clock::time_point{};
  for (const std::string_view line :
       split(std::string_view(reinterpret_cast<const char*>(data), size), '\n')) {
    step(rd, line, now);
  }
  const std::vector<tc::gw::Registration> all = rd.registrations();
  if (all.size() > limits.max_registrations) std::abort();
  for (const tc::gw::Registration& r : all) {
    if (r.lifetime < limits.min_lifetime || r.lifetime > limits.max_lifetime) std::abort();
    if (!tc::gw::is_valid_endpoint_name(r.endpoint)) std::abort();
  }
  (void)rd.lookup_endpoints("", "");
  return 0;
}
