// tcctl: one CLI for everything a person does with TinyContainer (DESIGN.md 6).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "tcctl/commands.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"tcctl: build, sign, inspect and run TinyContainer containers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tcctl 0.1.0");
  tc::cli::add_build_command(app);
  tc::cli::add_dev_command(app);
  tc::cli::add_ebpf_commands(app);
  tc::cli::add_keygen_command(app);
  tc::cli::add_manifest_command(app);
  tc::cli::add_sign_command(app);
  tc::cli::add_suit_command(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Commands report their own errors; this is the last line of defence against a bug (or
  // std::bad_alloc) ending the process with an uncaught exception and no message.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tcctl: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "tcctl: internal error\n");
  }
  return 70;  // EX_SOFTWARE
}
