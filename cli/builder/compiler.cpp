#include "builder/compiler.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

namespace tc::builder {
namespace fs = std::filesystem;
namespace {

constexpr const char* kHeader = "include/tinycontainer.h";

// A file descriptor that closes itself.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  [[nodiscard]] int get() const { return fd_; }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_;
};

// A temporary object file, removed when it goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (fs::temp_directory_path() / "tcctl-build-XXXXXX.o").string();
    Fd fd(::mkstemps(pattern.data(), 2));
    if (fd.get() < 0) throw BuildError("cannot create a temporary file: " + errno_text());
    path_ = pattern;
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ignored;
    fs::remove(path_, ignored);
  }
  [[nodiscard]] const fs::path& path() const { return path_; }

  static std::string errno_text() { return std::strerror(errno); }

 private:
  fs::path path_;
};

std::vector<uint8_t> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BuildError("cannot read " + path.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

struct ProcessResult {
  int status = 0;      // exit code, or 128 + signal
  std::string output;  // stdout and stderr together
};

// Runs `argv` (looked up in PATH) and collects its output; no shell is involved.
ProcessResult run_process(const std::vector<std::string>& argv) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw BuildError("pipe: " + TempFile::errno_text());
  Fd read_end(fds[0]);
  Fd write_end(fds[1]);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, write_end.get(), STDERR_FILENO);
  std::vector<char*> args;
  args.reserve(argv.size() + 1);
  for (const std::string& a : argv)
    args.push_back(const_cast<char*>(a.c_str()));  // posix_spawn's signature predates const
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw BuildError("cannot run " + argv[0] + ": " + std::strerror(rc));
  write_end.reset();  // so that read() sees EOF when the child exits

  ProcessResult result;
  std::array<char, 4096> buffer;
  ssize_t n = 0;
  while ((n = ::read(read_end.get(), buffer.data(), buffer.size())) != 0) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    result.output.append(buffer.data(), static_cast<std::size_t>(n));
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

// The identifier at 1-based `line`:`column` of `file` (clang points at the function's name).
std::string identifier_at(const std::string& file, int line, int column) {
  std::ifstream in(file);
  std::string text;
  for (int i = 0; i < line && std::getline(in, text); ++i) {
  }
  if (!in || column < 1 || static_cast<std::size_t>(column) > text.size()) return {};
  static const std::regex kIdentifier("^[A-Za-z_][A-Za-z0-9_]*");
  std::smatch match;
  const std::string rest = text.substr(static_cast<std::size_t>(column - 1));
  return std::regex_search(rest, match, kIdentifier) ? match.str() : std::string();
}

bool is_soft_float_builtin(const std::string& name) {
  static const std::regex kSoftFloat(
      "__(add|sub|mul|div|neg|float|fix|extend|trunc|eq|ne|lt|le|gt|ge|unord|cmp|pow).*[sdt]f.*");
  return std::regex_match(name, kSoftFloat);
}

// "A call to built-in function 'X' is not supported." at FILE:LINE:COL.
std::string explain_builtin(const std::smatch& m) {
  const std::string location = m[1].str() + ":" + m[2].str() + ":" + m[3].str();
  const std::string builtin = m[4].str();
  const std::string function =
      identifier_at(m[1].str(), std::stoi(m[2].str()), std::stoi(m[3].str()));
  const std::string in = function.empty() ? "" : " in function '" + function + "'";
  if (is_soft_float_builtin(builtin)) {
    return location + ": error: floating point is not supported" + in + " (it needs '" + builtin +
           "'); use integer or fixed-point arithmetic";
  }
  return location + ": error: '" + builtin + "' is not available" + in +
         ": containers have no C library (copy with a loop or a constant size)";
}

}  // namespace

fs::path find_sdk_dir(const std::optional<fs::path>& option) {
  fs::path dir;
  if (option) {
    dir = *option;
  } else if (const char* env = std::getenv("TC_SDK_DIR"); env != nullptr && *env != 0) {
    dir = env;
  } else {
    dir = TC_SDK_DIR;
  }
  if (!fs::exists(dir / kHeader)) {
    throw BuildError("no SDK at " + dir.string() + " (expected " + (dir / kHeader).string() +
                     "); pass --sdk DIR or set TC_SDK_DIR");
  }
  return dir;
}

std::vector<std::string> compile_command(const CompileOptions& options, const fs::path& output) {
  std::vector<std::string> argv{options.clang,  "-O2",
                                "-target",      "bpf",
                                "-mcpu=v3",     "-ffreestanding",
                                "-fno-builtin", "-fno-crash-diagnostics",
                                "-g0",          "-I" + (options.sdk_dir / "include").string()};
  argv.insert(argv.end(), options.extra_flags.begin(), options.extra_flags.end());
  argv.insert(argv.end(), {"-c", options.source.string(), "-o", output.string()});
  return argv;
}

std::string explain_diagnostics(const std::string& diagnostics) {
  static const std::regex kBuiltin(
      R"(^(.*):([0-9]+):([0-9]+): error: A call to built-in function '([^']+)' is not supported\.)");
  static const std::regex kFunction(R"(^In function: (\S+))");
  const bool signed_division = diagnostics.find("Unsupport signed division") != std::string::npos;
  std::istringstream in(diagnostics);
  std::string line;
  std::string out;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, kBuiltin)) {
      out += explain_builtin(m) + "\n";
    } else if (signed_division) {
      // clang 14 crashes here: keep only the function name, not the backtrace.
      if (std::regex_search(line, m, kFunction)) {
        out += "error: signed division or remainder is not supported by eBPF v3 (in function '" +
               m[1].str() + "'); use unsigned operands\n";
      }
    } else {
      out += line + "\n";
    }
  }
  if (signed_division && out.empty()) {
    out =
        "error: signed division or remainder is not supported by eBPF v3; use unsigned operands\n";
  }
  return out;
}

CompileOutput compile(const CompileOptions& options) {
  if (!fs::exists(options.source)) throw BuildError("no such file: " + options.source.string());
  TempFile object;
  const std::vector<std::string> argv = compile_command(options, object.path());
  if (options.verbose) {
    std::string line;
    for (const std::string& a : argv)
      line += (line.empty() ? "" : " ") + a;
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  ProcessResult result = run_process(argv);
  if (result.status != 0) {
    std::string text = explain_diagnostics(result.output);
    while (!text.empty() && text.back() == '\n')
      text.pop_back();
    throw CompileError(text.empty() ? "clang failed with status " + std::to_string(result.status)
                                    : text);
  }
  return {read_file(object.path()), std::move(result.output)};
}

}  // namespace tc::builder
