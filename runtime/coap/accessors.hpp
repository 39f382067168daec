// Typed reads of the options of a parsed Message. Each returns not_found when the option is
// absent and invalid_argument when its value breaks the option's format (RFC 7252 5.10 lengths,
// RFC 7959 Block rules), so the server layer can answer 4.02 / 4.00 without re-checking.
#pragma once

#include "coap/block.hpp"
#include "coap/message.hpp"
#include "coap/options.hpp"

namespace tc::coap {

// A uint option, first occurrence; the length limit is the registered one when known, else 4.
[[nodiscard]] Result<uint32_t> get_uint(const Message& message, OptionNumber number);

// Block1 or Block2.
[[nodiscard]] Result<Block> get_block(const Message& message, OptionNumber number);

[[nodiscard]] Result<uint32_t> get_observe(const Message& message);

// Content-Format or Accept (a uint of at most 2 bytes).
[[nodiscard]] Result<ContentFormat> get_format(const Message& message, OptionNumber number);

// RFC 7252 5.4.1 and 5.4.5: a critical option that is unknown, has a length outside its
// registered range, or repeats a non-repeatable option makes a request fail with 4.02 Bad Option
// (and a CON response be rejected). Returns the first such option, nullptr when there is none.
// Elective offenders are not reported: the receiver silently ignores them (typed reads above
// then give invalid_argument, which a caller treats like absent).
[[nodiscard]] const Option* first_bad_critical_option(const Message& message);

}  // namespace tc::coap
