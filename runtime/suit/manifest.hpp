// The SUIT_Manifest and SUIT_Common parser (internal to tc_suit; parse() in envelope.cpp calls it).
#pragma once

#include "suit/suit.hpp"

namespace tc::suit::detail {

// Fills the manifest fields of `out` from the content of the manifest bstr: version, sequence
// number, common (components, shared sequence), the command sequences, and each severable member
// in its manifest form (embedded, or severed with its digest). Every command sequence is checked
// for shape (an array of label/argument pairs) but not run.
Report parse_manifest(Bytes content, Envelope& out);

// The Member of a severable member's label (label::kSeverableMembers), or nullptr.
Member* severable_member(Envelope& env, int64_t key);
const Member* severable_member(const Envelope& env, int64_t key);

// The checks a severable member's content gets wherever it sits: a command sequence, or (text)
// one CBOR map.
Report check_member_content(int64_t label, Bytes content);

}  // namespace tc::suit::detail
