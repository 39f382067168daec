// How a tcctl command ends with an error: one line on stderr naming the command, and the exit
// code handed to CLI11 (CLI11_PARSE in main() returns a RuntimeError's code without printing).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

namespace tc::cli {

[[noreturn]] inline void fail(const char* command, int exit_code, const std::string& message) {
  std::fflush(stdout);  // what was printed first comes first, also when both go to one pipe
  std::fprintf(stderr, "tcctl %s: %s\n", command, message.c_str());
  throw CLI::RuntimeError(exit_code);
}

}  // namespace tc::cli
