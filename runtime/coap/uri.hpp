// Reading the request URI out of Uri-Path and Uri-Query options (RFC 7252 5.10.1, 6.5).
#pragma once

#include <span>
#include <string_view>

#include "coap/message.hpp"

namespace tc::coap {

// True when the Uri-Path segments equal `path` split at '/' ("/a/b", "a/b"; "" and "/" mean no
// segment). Compares raw segment bytes, so a segment holding '/' never matches: routing by
// segments cannot be fooled by "%2F"-style tricks.
[[nodiscard]] bool path_equals(const Message& message, std::string_view path);

// The path as an absolute, percent-encoded URI path ("/" when there is no Uri-Path), written into
// `out`; the view points into `out`. out_of_range when it does not fit.
[[nodiscard]] Result<std::string_view> join_path(const Message& message, std::span<char> out);

// The value of the first Uri-Query "key=value" (or "" for a bare "key"); not_found if none.
[[nodiscard]] Result<std::string_view> query_value(const Message& message, std::string_view key);

}  // namespace tc::coap
