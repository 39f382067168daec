// tcctl build SRC.c [-o OUT.tcx] [--sdk DIR] [-v]: compile a container and convert it to an image.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "builder/compiler.hpp"
#include "builder/image_builder.hpp"
#include "tcctl/commands.hpp"

namespace tc::cli {
namespace {
namespace fs = std::filesystem;

struct BuildArgs {
  std::string source;
  std::string output;
  std::string sdk;
  bool verbose = false;
};

void write_file(const fs::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) throw builder::BuildError("cannot write " + path.string());
}

std::string entry_list(const builder::BuiltImage& image) {
  std::string names;
  for (const builder::ImageEntry& e : image.entries)
    names += (names.empty() ? "" : ",") + e.name;
  return names;
}

int run_build(const BuildArgs& args) {
  try {
    builder::CompileOptions options;
    options.source = args.source;
    options.verbose = args.verbose;
    options.sdk_dir =
        builder::find_sdk_dir(args.sdk.empty() ? std::nullopt : std::optional<fs::path>(args.sdk));
    const builder::CompileOutput compiled = builder::compile(options);
    if (!compiled.warnings.empty()) std::fputs(compiled.warnings.c_str(), stderr);
    const builder::BuiltImage image = builder::build_image(compiled.object);
    const fs::path output = args.output.empty() ? fs::path(args.source).replace_extension(".tcx")
                                                : fs::path(args.output);
    write_file(output, image.bytes);
    std::printf("%s: text %u, rodata %u, data %u, bss %u, stack %u (x%u frames), entries %s\n",
                output.string().c_str(), image.text_size, image.rodata_size, image.data_size,
                image.bss_size, image.stack_size, image.call_depth + 1, entry_list(image).c_str());
    if (args.verbose) {
      for (const builder::ImageEntry& e : image.entries)
        std::printf("  entry %-15s pc %u\n", e.name.c_str(), e.pc);
      std::printf("  %zu bytes; a device needs a stack of at least %u bytes\n", image.bytes.size(),
                  image.stack_needed());
    }
    return 0;
  } catch (const builder::CompileError& e) {
    std::fprintf(stderr, "%s\n", e.what());  // clang's diagnostics carry their locations
    return 1;
  } catch (const builder::BuildError& e) {
    std::fprintf(stderr, "%s: error: %s\n", args.source.c_str(), e.what());
    return 1;
  }
}

}  // namespace

void add_build_command(CLI::App& app) {
  auto args = std::make_shared<BuildArgs>();
  CLI::App* cmd = app.add_subcommand("build", "compile a container (C) into a .tcx image");
  cmd->add_option("source", args->source, "container source file (C)")->required();
  cmd->add_option("-o,--output", args->output, "image file (default: SOURCE with .tcx)");
  cmd->add_option("--sdk", args->sdk, "SDK directory (default: $TC_SDK_DIR, else the built-in)");
  cmd->add_flag("-v,--verbose", args->verbose, "print the clang command and the entry table");
  cmd->callback([args] {
    const int rc = run_build(*args);
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace tc::cli
