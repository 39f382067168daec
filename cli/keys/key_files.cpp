// Key files: loading them with the path in every error, and writing a key pair without ever
// overwriting a key or leaving the private one readable by others.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <string_view>
#include <system_error>
#include <utility>

#include "keys/keys.hpp"
#include "keys/secret.hpp"

namespace tc::keys {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxKeyFileSize = 65536;  // keys are a few hundred bytes
constexpr mode_t kPrivateMode = 0600;
constexpr mode_t kPublicMode = 0644;

std::string errno_text() {
  return std::error_code(errno, std::generic_category()).message();
}

std::string read_key_file(const fs::path& path) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  if (error) throw KeyError("cannot read " + path.string() + ": " + error.message());
  if (size > kMaxKeyFileSize) throw KeyError(path.string() + ": too large for a key file");
  std::string text(static_cast<std::size_t>(size), '\0');
  std::ifstream in(path, std::ios::binary);
  if (!in.read(text.data(), static_cast<std::streamsize>(text.size()))) {
    throw KeyError("cannot read " + path.string());
  }
  return text;
}

// Parses the file at `path` with `parse`, naming the file in any error.
template <typename Parse>
auto parse_key_file(const fs::path& path, Parse parse) {
  std::string text = read_key_file(path);
  const detail::ScopedWipe wipe(text);  // the text of a private key is as secret as the key
  try {
    return parse(text);
  } catch (const KeyError& error) {
    throw KeyError(path.string() + ": " + error.what());
  }
}

[[noreturn]] void refuse_overwrite(const fs::path& path) {
  throw KeyError(path.string() + " already exists; refusing to overwrite it");
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  [[nodiscard]] int get() const { return fd_; }
  // Closes now, so that a failed close (data not written) is reported.
  bool close() { return ::close(std::exchange(fd_, -1)) == 0; }

 private:
  int fd_;
};

// Creates `path` with `mode` (O_EXCL: never an existing file, even one created meanwhile).
void write_new_file(const fs::path& path, std::string_view content, mode_t mode) {
  FileDescriptor file(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode));
  if (file.get() < 0) {
    if (errno == EEXIST) refuse_overwrite(path);
    throw KeyError("cannot create " + path.string() + ": " + errno_text());
  }
  // The umask may have narrowed `mode`; the file must have exactly it.
  bool ok = ::fchmod(file.get(), mode) == 0;
  while (ok && !content.empty()) {
    const ssize_t written = ::write(file.get(), content.data(), content.size());
    if (written < 0 && errno == EINTR) continue;
    ok = written > 0;
    if (ok) content.remove_prefix(static_cast<std::size_t>(written));
  }
  if (!ok || !file.close()) throw KeyError("cannot write " + path.string() + ": " + errno_text());
}

}  // namespace

PrivateKey PrivateKey::load(const fs::path& path) {
  return parse_key_file(path, &PrivateKey::from_pem);
}

PublicKey load_public_key(const fs::path& path) {
  return parse_key_file(path, &public_key_from_pem);
}

void write_key_pair(const PrivateKey& key, const fs::path& dir) {
  std::error_code error;
  fs::create_directories(dir, error);
  if (error) throw KeyError("cannot create directory " + dir.string() + ": " + error.message());
  const fs::path private_path = dir / "private.pem";
  const fs::path public_path = dir / "public.pem";
  // Both checked first so that a refusal leaves no half-written pair.
  for (const fs::path& path : {private_path, public_path}) {
    if (fs::exists(path, error)) refuse_overwrite(path);
  }
  std::string private_pem = key.pem();
  const detail::ScopedWipe wipe(private_pem);
  write_new_file(private_path, private_pem, kPrivateMode);
  try {
    write_new_file(public_path, key.public_key().pem(), kPublicMode);
  } catch (const KeyError&) {
    fs::remove(private_path, error);
    throw;
  }
}

}  // namespace tc::keys
