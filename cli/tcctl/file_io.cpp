#include "tcctl/file_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>

namespace tc::cli {
namespace {

namespace fs = std::filesystem;

// Closes and, unless released, removes the temporary file (any early return cleans up).
class TempFile {
 public:
  explicit TempFile(const fs::path& target) : name_(target.string() + ".XXXXXX") {
    fd_ = ::mkstemp(name_.data());
    created_ = fd_ >= 0;
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (created_ && !kept_) ::unlink(name_.c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  [[nodiscard]] int fd() const { return fd_; }
  [[nodiscard]] const std::string& name() const { return name_; }
  bool close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }
  void keep() { kept_ = true; }

 private:
  std::string name_;
  int fd_ = -1;
  bool created_ = false;
  bool kept_ = false;
};

bool write_all(int fd, std::span<const uint8_t> bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes = bytes.subspan(static_cast<std::size_t>(n));
  }
  return true;
}

// mkstemp creates the file 0600; a written file gets the permissions any new file would.
mode_t default_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

std::string failure(const char* what) {
  return std::string(what) + ": " + std::strerror(errno);
}

std::string write_in_place(const fs::path& path, std::span<const uint8_t> bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return failure("cannot open");
  std::string error = write_all(fd, bytes) ? std::string() : failure("cannot write");
  ::close(fd);
  return error;
}

}  // namespace

std::optional<std::vector<uint8_t>> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return std::nullopt;
  return bytes;
}

std::optional<std::string> read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (in.bad()) return std::nullopt;
  return text;
}

std::string write_atomically(const fs::path& path, std::span<const uint8_t> bytes) {
  std::error_code ignored;                                   // a missing file is the usual case
  const fs::file_status status = fs::status(path, ignored);  // follows a symbolic link
  // A device or pipe (-o /dev/stdout) is written in place: renaming over it would replace it.
  if (fs::exists(status) && !fs::is_regular_file(status)) return write_in_place(path, bytes);
  // Through a symbolic link, replace the file it names, not the link.
  fs::path target = path;
  if (fs::is_symlink(fs::symlink_status(path, ignored))) {
    std::error_code ec;
    target = fs::weakly_canonical(path, ec);
    if (ec) return "cannot resolve the symbolic link: " + ec.message();
  }
  TempFile temp(target);
  if (temp.fd() < 0) return failure("cannot create a temporary file beside it");
  if (::fchmod(temp.fd(), default_mode()) != 0) return failure("cannot set its permissions");
  if (!write_all(temp.fd(), bytes)) return failure("cannot write");
  if (::fsync(temp.fd()) != 0) return failure("cannot sync");
  if (!temp.close()) return failure("cannot close");
  if (::rename(temp.name().c_str(), target.c_str()) != 0) return failure("cannot rename");
  temp.keep();
  return {};
}

}  // namespace tc::cli
