// Text for the inspector: SUIT names of labels (from the one table in runtime/suit/labels.hpp),
// hex, UUIDs, component identifiers and digests.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "suit/labels.hpp"

namespace tc::suit_host {

// "install (20)", or "label 99" when the table has no name for it.
std::string labelled(std::span<const suit::label::Name> table, int64_t label);
std::string hex(std::span<const uint8_t> bytes);
// A component identifier segment: 'tc' when printable ASCII, else h'00'.
std::string segment(std::span<const uint8_t> bytes);
// "sha256 0011..." for a digest algorithm and its bytes.
std::string digest_text(int64_t algorithm, std::span<const uint8_t> bytes);

}  // namespace tc::suit_host
