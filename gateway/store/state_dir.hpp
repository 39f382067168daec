// The gateway's state directory (--state DIR): created when missing, locked for the life of the
// process (a second gateway on the same directory is refused, not allowed to interleave its
// writes), and the paths inside it: gateway.db, admin.token.
#pragma once

#include <filesystem>

namespace tc::gw {

class StateDir {
 public:
  // Throws std::runtime_error with a readable reason (not a directory, locked by another process).
  explicit StateDir(std::filesystem::path dir);
  ~StateDir();
  StateDir(const StateDir&) = delete;
  StateDir& operator=(const StateDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const { return dir_; }
  [[nodiscard]] std::filesystem::path database() const { return dir_ / "gateway.db"; }
  [[nodiscard]] std::filesystem::path admin_token() const { return dir_ / "admin.token"; }

 private:
  std::filesystem::path dir_;
  int lock_fd_ = -1;
};

}  // namespace tc::gw
