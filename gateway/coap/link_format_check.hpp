// A bounded checker for CoRE Link Format (RFC 6690 section 2), the payload of an RFC 9176
// registration. It only decides whether the text is well formed and within the limits (the
// resource directory stores the links as sent and serves them back); it reads each byte once and
// allocates only for its error text.
//
//   Link       = [ link-value *( "," link-value ) ]
//   link-value = "<" URI-Reference ">" *( ";" parmname [ "=" ( ptoken / quoted-string ) ] )
//
// One leniency: whitespace (SP, HTAB, CR, LF) may follow a ',' between links, as in the examples
// of RFC 9176 that are wrapped for reading.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tc::gw {

struct LinkFormatLimits {
  std::size_t max_bytes = 16 * 1024;
  std::size_t max_links = 1024;
  std::size_t max_params_per_link = 32;
};

struct LinkFormatCheck {
  bool ok = false;
  std::size_t links = 0;  // counted when ok
  std::string error;      // when !ok: "byte 17: expected '>' to close the URI"
};

[[nodiscard]] LinkFormatCheck check_link_format(std::string_view text,
                                                const LinkFormatLimits& limits = {});

}  // namespace tc::gw
