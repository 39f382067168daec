// Each command group registers itself on the root CLI11 app; main() only wires them up.
#pragma once

#include <CLI/CLI.hpp>

namespace tc::cli {

void add_build_command(CLI::App& app);      // tcctl build (build_command.cpp)
void add_dev_command(CLI::App& app);        // tcctl dev ... (dev_command.cpp)
void add_ebpf_commands(CLI::App& app);      // tcctl ebpf ... (ebpf_commands.cpp)
void add_ebpf_run_command(CLI::App& ebpf);  // tcctl ebpf run (ebpf_run_command.cpp)
void add_keygen_command(CLI::App& app);     // tcctl keygen (keygen_command.cpp)
void add_manifest_command(CLI::App& app);   // tcctl manifest ... (manifest_command.cpp)
void add_sign_command(CLI::App& app);       // tcctl sign (sign_command.cpp)
void add_suit_command(CLI::App& app);       // tcctl suit inspect|verify (suit_command.cpp)

}  // namespace tc::cli
