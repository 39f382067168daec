// tc-platform's state directory (--state DIR): the files a replica keeps of its own. It is made
// 0700 when missing; the first start's admin token goes to DIR/admin.token, mode 0600, so that
// only the platform's user can read it.
#pragma once

#include <filesystem>
#include <string_view>

namespace tc::platform {

// Creates DIR (and its parents) when missing, mode 0700. Throws std::runtime_error with a
// readable reason when it cannot, or when DIR is not a directory.
void prepare_state_dir(const std::filesystem::path& dir);

[[nodiscard]] inline std::filesystem::path admin_token_path(const std::filesystem::path& dir) {
  return dir / "admin.token";
}
[[nodiscard]] inline std::filesystem::path default_database(const std::filesystem::path& dir) {
  return dir / "platform.db";
}

// Writes `secret` and a newline to `path`, created with mode 0600 (replaced when it exists).
// Throws std::runtime_error when it cannot.
void write_secret_file(const std::filesystem::path& path, std::string_view secret);

}  // namespace tc::platform
