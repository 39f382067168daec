// Whole files in and out for tcctl's commands.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tc::cli {

// The file's bytes, or nullopt when it cannot be read.
[[nodiscard]] std::optional<std::vector<uint8_t>> read_bytes(const std::filesystem::path& path);
[[nodiscard]] std::optional<std::string> read_text(const std::filesystem::path& path);

// Writes `bytes` to a temporary file beside `path`, syncs it, then renames it over `path`: a
// reader (or a crash) never sees half a file, and a failure leaves an existing file untouched.
// Returns why it failed, empty on success.
[[nodiscard]] std::string write_atomically(const std::filesystem::path& path,
                                           std::span<const uint8_t> bytes);

}  // namespace tc::cli
