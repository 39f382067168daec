#include "auth/admin_token.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace tc::gw {
namespace {

// Writes `text` to a file only its owner may read, whatever the umask or an older file's mode.
bool write_private(const std::filesystem::path& file, const std::string& text) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return false;
  bool ok = ::fchmod(fd, 0600) == 0;
  ok = ok && ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ok = ::close(fd) == 0 && ok;
  return ok;
}

}  // namespace

std::optional<std::string> create_admin_token(TokenStore& tokens,
                                              const std::filesystem::path& file) {
  if (!tokens.empty()) return std::nullopt;
  NewToken token = tokens.create("admin");
  if (!write_private(file, token.secret + "\n")) {
    const std::string why = std::strerror(errno);
    tokens.remove(token.info.id);
    throw std::runtime_error("cannot write " + file.string() + ": " + why);
  }
  return std::move(token.secret);
}

}  // namespace tc::gw
