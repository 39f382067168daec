// The registration table of the gateway's RFC 9176 resource directory: what the libcoap handlers
// of /rd and /rd/<n> change, and what DeviceLink::registrations() reports. Plain data, no libcoap
// and no lock (the caller holds one); time comes in as an argument so tests control it.
//
// Rules (docs/gateway-coap.md, "Resource directory"):
// - The endpoint name is the device id: a registration with an `ep` that is already registered
//   replaces the old registration (whatever its `d`) and keeps its location (RFC 9176 5.3).
// - Without `base`, the base is the request's source address, and an update from another source
//   address moves it (RFC 9176 5.3.1); an explicit base stays until an update gives another one.
// - `lt` (default 90000 s) is clamped to [min_lifetime, max_lifetime].
// - Device matching for requests a device sends (endpoint_at): base host and port, then the
//   address the device registered or last updated from, then the host alone when exactly one
//   registration has that host.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "coap/ip_endpoint.hpp"
#include "coap/rd_query.hpp"
#include "link/device_link.hpp"

namespace tc::gw {

struct RdLimits {
  std::chrono::seconds min_lifetime{1};
  std::chrono::seconds max_lifetime{std::chrono::hours(24)};
  std::size_t max_registrations = 10000;
  // The number of the first location, /rd/<first_location>; later ones count up from it.
  uint64_t first_location = 1;
};

inline constexpr std::chrono::seconds kDefaultLifetime{90000};  // RFC 9176 5.3

enum class RdChange : uint8_t {
  none,        // an error answer, nothing changed
  registered,  // new, replaced, or updated with a new base: Listener::on_registered(r, false)
  refreshed,   // an update that changed neither base nor links: on_registered(r, true)
  removed,     // Listener::on_unregistered(endpoint, removed)
};

// The answer to one registration-interface request.
struct RdAnswer {
  uint8_t code = 0;        // as on the wire: 0x41 2.01, 0x44 2.04, 0x42 2.02, 0x84 4.04 ...
  std::string diagnostic;  // the text payload of an error answer
  RdChange change = RdChange::none;
  Registration registration;  // the registration concerned, when change != none
};

class ResourceDirectory {
 public:
  using Clock = std::chrono::steady_clock;

  explicit ResourceDirectory(const RdLimits& limits)
      : limits_(limits), next_id_(limits.first_location) {}

  // POST /rd: `links` has been checked by check_link_format already.
  RdAnswer register_endpoint(const RegistrationQuery& query, std::string links,
                             const IpEndpoint& source, Clock::time_point now);
  // POST /rd/<id>
  RdAnswer update(std::string_view id, const UpdateQuery& query, const IpEndpoint& source,
                  Clock::time_point now);
  // DELETE /rd/<id>
  RdAnswer remove(std::string_view id);

  // Removes the registrations whose lifetime has lapsed; returns their endpoint names.
  std::vector<std::string> expire(Clock::time_point now);

  // The registered endpoint a request from `peer` comes from (see the rules above), or "".
  [[nodiscard]] std::string endpoint_at(const IpEndpoint& peer) const;

  [[nodiscard]] std::vector<Registration> registrations() const;
  [[nodiscard]] std::size_t size() const { return entries_.size(); }

  // RFC 9176 7.3 endpoint lookup: one link per registration, filtered by `ep` and `d` when they
  // are not empty:  </rd/1>;ep="box-1";base="coap://127.0.0.1:5701";lt=60;rt=core.rd-ep
  [[nodiscard]] std::string lookup_endpoints(std::string_view ep, std::string_view d) const;

 private:
  struct Entry {
    Registration registration;
    IpEndpoint base;
    IpEndpoint source;
    bool base_explicit = false;
    Clock::time_point expires;
  };

  [[nodiscard]] std::chrono::seconds clamp_lifetime(std::optional<uint32_t> lt) const;
  // The location number of "/rd/<id>", when `id` is one of ours.
  [[nodiscard]] std::map<uint64_t, Entry>::iterator find(std::string_view id);
  void erase(std::map<uint64_t, Entry>::iterator it);

  RdLimits limits_;
  std::map<uint64_t, Entry> entries_;                      // by location number: /rd/<n>
  std::unordered_map<std::string, uint64_t> by_endpoint_;  // ep -> location number
  uint64_t next_id_;
};

}  // namespace tc::gw
