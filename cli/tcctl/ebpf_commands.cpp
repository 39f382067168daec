// tcctl ebpf ...: the eBPF developer commands. `run` lives in ebpf_run_command.cpp; this file
// adds the bpf_conformance plugin protocol and the text assembler.
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#include <CLI/CLI.hpp>

#include "asm/assembler.hpp"
#include "asm/data_file.hpp"
#include "ebpf/hex.hpp"
#include "ebpf/plugin.hpp"
#include "tcctl/commands.hpp"

namespace tc::cli {
namespace {

// Reports on stderr and leaves with a non-zero status (CLI11 turns this into the exit code).
[[noreturn]] void fail(const std::string& message) {
  std::cerr << "tcctl: " << message << '\n';
  throw CLI::RuntimeError(1);
}

std::string read_stream(std::istream& in) {
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot open " + path);
  return read_stream(in);
}

// bpf_conformance plugin protocol: program hex on stdin, optional memory hex as the argument,
// r0 in lowercase hex on stdout; a rejected or failed program exits non-zero.
void plugin_main(const std::string& mem_hex) {
  const auto program = ebpf_host::parse_hex_bytes(read_stream(std::cin));
  if (!program) fail("stdin is not a hex-encoded program");
  const auto mem = ebpf_host::parse_hex_bytes(mem_hex);
  if (!mem) fail("memory argument is not hex: " + mem_hex);
  const ebpf_host::PluginOutcome outcome = ebpf_host::run_plugin(*program, *mem);
  if (!outcome.ok()) fail(outcome.error);
  std::cout << ebpf_host::format_hex_u64(outcome.r0) << '\n';
}

struct AsmOptions {
  std::string input;
  std::string output;
  bool hex = false;
};

void write_output(const AsmOptions& options, const std::vector<uint8_t>& bytes) {
  const std::string hex = ebpf_host::format_hex_bytes(bytes) + '\n';
  if (options.output.empty()) {
    std::cout << hex;
    return;
  }
  std::ofstream out(options.output, std::ios::binary);
  if (options.hex) {
    out << hex;
  } else {
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
  }
  if (!out.flush()) fail("cannot write " + options.output);
}

void asm_main(const AsmOptions& options) {
  const std::string text = read_file(options.input);
  // A bpf_conformance .data file is accepted too: its "-- asm" section is the source.
  const std::string source = ebpf_asm::asm_section_in_place(text).value_or(text);
  const ebpf_asm::AssembleResult result = ebpf_asm::assemble(source);
  if (!result.ok()) fail(options.input + ": " + result.error->to_string());
  write_output(options, result.bytes);
}

struct PluginArgs {
  std::string mem_hex;
  std::string options;
};

void add_plugin_command(CLI::App& ebpf) {
  auto args = std::make_shared<PluginArgs>();
  CLI::App* plugin = ebpf.add_subcommand(
      "plugin", "bpf_conformance plugin: program hex on stdin, r0 hex on stdout");
  plugin->add_option("MEM-HEX", args->mem_hex, "memory that r1 points to, as hex bytes");
  // The bpf_conformance runner always passes its --plugin_options as a second argument, often
  // empty; this plugin has no options, so only an empty one is accepted.
  plugin->add_option("OPTIONS", args->options, "plugin options from the runner (must be empty)");
  plugin->callback([args] {
    if (!args->options.empty()) fail("the plugin takes no options, got: " + args->options);
    plugin_main(args->mem_hex);
  });
}

void add_asm_command(CLI::App& ebpf) {
  auto options = std::make_shared<AsmOptions>();
  CLI::App* assemble = ebpf.add_subcommand(
      "asm", "assemble eBPF text (bpf_conformance syntax, or a .data file's -- asm section)");
  assemble->add_option("FILE", options->input, "assembly source")->required();
  assemble->add_option("-o,--output", options->output,
                       "write the bytecode here (default: hex on stdout)");
  assemble->add_flag("--hex", options->hex, "with -o: write hex text instead of raw bytes");
  assemble->callback([options] { asm_main(*options); });
}

}  // namespace

void add_ebpf_commands(CLI::App& app) {
  CLI::App* ebpf = app.add_subcommand("ebpf", "run, test and assemble eBPF programs");
  ebpf->require_subcommand(1);
  add_ebpf_run_command(*ebpf);
  add_plugin_command(*ebpf);
  add_asm_command(*ebpf);
}

}  // namespace tc::cli
