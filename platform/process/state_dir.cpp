#include "process/state_dir.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace tc::platform {
namespace {

std::runtime_error failure(const std::string& what, const std::filesystem::path& path) {
  return std::runtime_error(what + " " + path.string() + ": " + std::strerror(errno));
}

}  // namespace

void prepare_state_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::create_directories(dir, ec)) {
    ::chmod(dir.c_str(), S_IRWXU);
  } else if (ec) {
    throw std::runtime_error("cannot create the state directory " + dir.string() + ": " +
                             ec.message());
  }
  if (!std::filesystem::is_directory(dir)) {
    throw std::runtime_error("the state directory " + dir.string() + " is not a directory");
  }
}

void write_secret_file(const std::filesystem::path& path, std::string_view secret) {
  // Removed first: O_CREAT keeps an existing file's mode, which may be wider than 0600.
  ::unlink(path.c_str());
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) throw failure("cannot create", path);
  std::string text(secret);
  text.push_back('\n');
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  const bool closed = ::close(fd) == 0;
  if (!written || !closed) throw failure("cannot write", path);
}

}  // namespace tc::platform
