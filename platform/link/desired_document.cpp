#include "link/desired_document.hpp"

#include "host_digest.hpp"

namespace tc::platform {
namespace {

constexpr std::size_t kRevisionDigits = 16;

http::Json to_json(const DesiredContainer& c) {
  return {{"name", c.name},
          {"sequence", c.sequence},
          {"digest", c.digest},
          {"size", c.size},
          {"state", c.state}};
}

}  // namespace

DesiredDocument desired_document(const std::vector<DesiredDevice>& devices) {
  http::Json listed = http::Json::object();
  for (const DesiredDevice& d : devices) {
    http::Json containers = http::Json::array();
    for (const DesiredContainer& c : d.containers)
      containers.push_back(to_json(c));
    listed[d.name] = {{"containers", std::move(containers)}};
  }
  std::string revision = crypto::sha256_hex(listed.dump()).substr(0, kRevisionDigits);
  http::Json body = {{"revision", revision}, {"devices", std::move(listed)}};
  return {std::move(revision), std::move(body)};
}

}  // namespace tc::platform
