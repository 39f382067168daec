// The compile step of `tcctl build`: runs clang on a container's C source (no shell: an argument
// vector through posix_spawn) and returns the BPF object. clang's diagnostics for things eBPF
// cannot do (floating point, memset, signed division) are rewritten into plain messages.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "builder/build_error.hpp"

namespace tc::builder {

// clang refused the source; the message is its (rewritten) diagnostics, locations included.
class CompileError : public BuildError {
 public:
  using BuildError::BuildError;
};

struct CompileOptions {
  std::filesystem::path source;
  std::filesystem::path sdk_dir;  // the SDK root (holds include/tinycontainer.h)
  std::string clang = "clang";    // looked up in PATH
  std::vector<std::string> extra_flags;
  bool verbose = false;  // print the command line to stderr
};

// The SDK root: `option` if given, else $TC_SDK_DIR, else the SDK of the source tree tcctl was
// built from. Throws BuildError when the chosen directory has no include/tinycontainer.h.
[[nodiscard]] std::filesystem::path find_sdk_dir(
    const std::optional<std::filesystem::path>& option);

// The clang command line for `options`, writing the object to `output`.
[[nodiscard]] std::vector<std::string> compile_command(const CompileOptions& options,
                                                       const std::filesystem::path& output);

struct CompileOutput {
  std::vector<uint8_t> object;  // the BPF ELF relocatable object
  std::string warnings;         // clang's diagnostics of a successful compilation
};

// Compiles to a BPF ELF object. Throws BuildError with clang's (rewritten) diagnostics when
// compilation fails.
[[nodiscard]] CompileOutput compile(const CompileOptions& options);

// Rewrites clang's diagnostics about eBPF limits into messages that name the cause and the
// function; other text passes through. Exposed for tests.
[[nodiscard]] std::string explain_diagnostics(const std::string& diagnostics);

}  // namespace tc::builder
