// /.well-known/core (RFC 6690): the link-format document of the registered resources, with the
// query filtering of RFC 6690 4.1 that the ETSI plugtest LINK scenarios use:
//   ?href=/path  ?rt=type  ?if=iface  ?ct=60  ?sz=12  ?obs  and a trailing '*' for a prefix.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "coap/message.hpp"
#include "coap/payload_writer.hpp"
#include "coap/resource.hpp"

namespace tc::coap {

// One "name=value" filter; an empty name matches every link.
struct LinkFilter {
  std::string_view name;
  std::string_view value;
};

// The filter of a request: its first Uri-Query (RFC 6690 allows one).
[[nodiscard]] LinkFilter link_filter(const Message& request);

[[nodiscard]] bool link_matches(const Resource& resource, const LinkFilter& filter);

// Renders the links of the visible resources that match into `out`; returns how many matched.
std::size_t write_discovery(std::span<const Resource> resources, const LinkFilter& filter,
                            PayloadWriter& out);

}  // namespace tc::coap
