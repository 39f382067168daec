// A readable dump of a whole SUIT envelope (tcctl suit inspect): every member with its SUIT name,
// nested bstr-wrapped CBOR opened, command sequences as named commands and parameters, digests and
// signatures in hex, integrated payloads summarised (size and digest), severed members marked.
// Works on any envelope of draft-ietf-suit-manifest, not only TinyContainer's profile. Host only.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace tc::suit_host {

// The dump, or throws EnvelopeError (envelope_builder.hpp) with the parse error and its place.
std::string inspect(std::span<const uint8_t> envelope);

}  // namespace tc::suit_host
