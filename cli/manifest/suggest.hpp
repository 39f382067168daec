// "Did you mean ...?" for misspelt field names and values: the closest candidate by edit
// distance, when it is close enough to be a likely typo.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace tc::manifest_json {

// Edit distance: insertions, deletions, substitutions and swaps of adjacent characters.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate within max(1, |word| / 3) edits of `word`, nearest first; empty if none.
// nullptr candidates are skipped (schema name tables start with one).
[[nodiscard]] std::string suggest(std::string_view word, std::span<const char* const> candidates);

// "a, b, c": the non-null candidates, for "expected one of ..." messages.
[[nodiscard]] std::string join(std::span<const char* const> candidates);

}  // namespace tc::manifest_json
