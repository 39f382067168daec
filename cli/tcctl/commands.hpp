// Each command group registers itself on the root CLI11 app; main() only wires them up.
#pragma once

#include <CLI/CLI.hpp>

namespace tc::cli {

void add_build_command(CLI::App& app);
void add_ebpf_commands(CLI::App& app);

}  // namespace tc::cli
