// Report::where texts for the command interpreter, "install: directive-fetch": the top-level
// sequence and the command that failed. Report::where must be static text, so every pair is
// composed at compile time from the name tables in labels.hpp (internal to tc_suit).
#pragma once

#include <cstddef>
#include <cstdint>

namespace tc::suit::detail {

// The sequences TinyContainer's profile runs, in the order it runs them.
enum class SequenceId : uint8_t { shared, payload_fetch, install, validate, invoke };
inline constexpr std::size_t kSequenceCount = 5;

// "<sequence>: <command name>", or "<sequence>: unknown command" for a label with no name.
const char* command_where(SequenceId sequence, int64_t command);
// "<sequence>" alone, for errors before any command is read.
const char* sequence_name(SequenceId sequence);

}  // namespace tc::suit::detail
