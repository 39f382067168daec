// tcctl: one CLI for everything a person does with TinyContainer (DESIGN.md 6).
#include <CLI/CLI.hpp>

#include "tcctl/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"tcctl: build, sign, inspect and run TinyContainer containers"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "tcctl 0.1.0");
  tc::cli::add_build_command(app);
  tc::cli::add_ebpf_commands(app);
  tc::cli::add_manifest_command(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
