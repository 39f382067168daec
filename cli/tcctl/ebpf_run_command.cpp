// tcctl ebpf run IMAGE.tcx [--entry NAME] [--fuel N] [--arg N ...]: runs one entry of a container
// image on the host VM, with the helpers a host can honestly provide (log, clock, randomness).
// tcctl ebpf run --raw HEX [--mem HEX] [--fuel N]: runs raw instructions under the conformance
// conventions (r1 = memory, r2 = its length, 512-byte stack, helper 5 returns r1).
#include <chrono>
#include <cinttypes>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "builder/sdk_helpers.hpp"
#include "ebpf/hex.hpp"
#include "ebpf/plugin.hpp"
#include "image/image.hpp"
#include "image/loader.hpp"
#include "tcctl/commands.hpp"
#include "tinycontainer.h"
#include "vm/vm.hpp"

namespace tc::cli {
namespace {

struct RunArgs {
  std::string image;
  std::string raw;
  std::string mem;
  std::string entry;
  uint64_t fuel = 10'000'000;
  std::vector<std::string> args;
};

constexpr uint32_t kMaxLogLength = 1024;

vm::HelperResult host_log(vm::Machine& machine, void*, const uint64_t (&a)[5]) {
  const auto length = static_cast<uint32_t>(a[1]);
  if (a[1] > kMaxLogLength) return vm::HelperResult::Value(static_cast<uint64_t>(TC_ETOOBIG));
  const uint8_t* text = machine.translate(a[0], length, vm::Access::read);
  if (text == nullptr) return vm::HelperResult::Value(static_cast<uint64_t>(TC_EFAULT));
  std::printf("log: %.*s\n", static_cast<int>(length), reinterpret_cast<const char*>(text));
  return vm::HelperResult::Value(0);
}

vm::HelperResult host_now_ms(vm::Machine&, void*, const uint64_t (&)[5]) {
  using namespace std::chrono;
  const auto ms = duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
  return vm::HelperResult::Value(static_cast<uint64_t>(ms));
}

vm::HelperResult host_random_u32(vm::Machine&, void*, const uint64_t (&)[5]) {
  static std::mt19937 generator{std::random_device{}()};
  return vm::HelperResult::Value(generator());
}

vm::HelperTable host_helpers() {
  vm::HelperTable table;
  (void)table.add(TC_HELPER_LOG, host_log);
  (void)table.add(TC_HELPER_NOW_MS, host_now_ms);
  (void)table.add(TC_HELPER_RANDOM_U32, host_random_u32);
  return table;
}

class RunFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RunFailure("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void verify_for_host(const image::ImageView& view, const vm::HelperTable& helpers,
                     vm::Program& program) {
  const vm::VerifyError error = vm::verify(view.text, helpers, program);
  if (error.ok()) return;
  if (error.reason == vm::VerifyReason::helper_not_allowed) {
    const auto id = static_cast<uint32_t>(ebpf::load_insn(view.text, error.insn).imm);
    throw RunFailure(builder::describe_helper(id) + " at instruction " +
                     std::to_string(error.insn) +
                     " needs a device: the host runner provides only tc_log, tc_now_ms and "
                     "tc_random_u32");
  }
  char text[96];
  throw RunFailure(std::string("verification failed: ") + error.format(text));
}

uint32_t choose_entry(const image::ImageView& view, const std::string& name) {
  uint32_t pc = 0;
  if (!name.empty()) {
    if (view.find_entry(name, pc)) return pc;
    std::string names;
    for (uint16_t i = 0; i < view.entry_count; ++i)
      names += std::string(i ? ", " : "") + std::string(view.entry(i).name);
    throw RunFailure("no entry '" + name + "' (the image has: " + names + ")");
  }
  if (view.find_entry("tc_start", pc)) return pc;
  if (view.entry_count == 0) throw RunFailure("the image has no entries");
  return view.entry(0).pc;
}

std::vector<uint64_t> parse_args(const std::vector<std::string>& args) {
  if (args.size() > 5) throw RunFailure("at most 5 arguments (r1..r5)");
  std::vector<uint64_t> values;
  for (const std::string& a : args) {
    try {
      std::size_t used = 0;
      const bool negative = !a.empty() && a[0] == '-';
      const uint64_t v =
          negative ? static_cast<uint64_t>(std::stoll(a, &used, 0)) : std::stoull(a, &used, 0);
      if (used != a.size()) throw std::invalid_argument(a);
      values.push_back(v);
    } catch (const std::logic_error&) {
      throw RunFailure("bad argument '" + a + "' (a decimal or 0x hex integer)");
    }
  }
  return values;
}

void print_result(const vm::RunResult& r) {
  std::printf("exit: %s\n", vm::describe(r.exit));
  if (r.exit == vm::Exit::trapped) {
    std::printf("trap: %s at pc %u, address 0x%" PRIx64 " (size %u)\n", vm::describe(r.trap.kind),
                r.trap.pc, r.trap.address, r.trap.size);
  }
  std::printf("r0: %" PRIu64 " (0x%" PRIx64 ")", r.r0, r.r0);
  if (static_cast<int64_t>(r.r0) < 0) std::printf(" = %" PRId64, static_cast<int64_t>(r.r0));
  std::printf("\ninstructions: %" PRIu64 "\n", r.instructions);
}

int run_image(const RunArgs& args) {
  const std::vector<uint8_t> bytes = read_file(args.image);
  image::ImageView view;
  const image::ImageReason reason = image::parse(bytes, view);
  if (reason != image::ImageReason::ok) throw RunFailure(image::describe(reason));
  static const vm::HelperTable helpers = host_helpers();
  vm::Program program;
  verify_for_host(view, helpers, program);
  const uint32_t entry = choose_entry(view, args.entry);
  const std::vector<uint64_t> regs = parse_args(args.args);

  vm::Machine machine(helpers);
  std::vector<uint8_t> arena(image::arena_needed(view, 0) + 8);
  const Status loaded = image::load(view, arena, 0, machine);
  if (!loaded.ok()) throw RunFailure(std::string("cannot load: ") + loaded.message());
  const vm::RunResult result = machine.run(program, entry, args.fuel, regs);
  print_result(result);
  return result.exit == vm::Exit::returned ? 0 : 2;
}

std::vector<uint8_t> hex_option(const std::string& name, const std::string& text) {
  std::optional<std::vector<uint8_t>> bytes = ebpf_host::parse_hex_bytes(text);
  if (!bytes) throw RunFailure(name + " is not hex bytes");
  return *std::move(bytes);
}

int run_raw(const RunArgs& args) {
  const std::vector<uint8_t> program = hex_option("--raw", args.raw);
  const std::vector<uint8_t> mem = hex_option("--mem", args.mem);
  const ebpf_host::RawRun run = ebpf_host::run_raw(program, mem, args.fuel);
  if (!run.rejected.empty()) throw RunFailure("verification failed: " + run.rejected);
  print_result(run.result);
  return run.result.exit == vm::Exit::returned ? 0 : 2;
}

}  // namespace

void add_ebpf_run_command(CLI::App& ebpf) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = ebpf.add_subcommand("run", "run an entry of a .tcx image on the host VM");
  CLI::Option* image = cmd->add_option("image", args->image, "container image (.tcx)");
  CLI::Option* raw =
      cmd->add_option("--raw", args->raw, "raw eBPF instructions as hex, instead of an image");
  cmd->add_option("--mem", args->mem, "with --raw: memory passed in r1/r2, as hex")->needs(raw);
  image->excludes(raw);
  cmd->add_option("--entry", args->entry, "entry to run (default: tc_start, else the first)");
  cmd->add_option("--fuel", args->fuel, "instruction budget")->capture_default_str();
  cmd->add_option("--arg", args->args, "r1..r5 for the entry (decimal or 0x hex)");
  cmd->callback([args] {
    int rc = 0;
    try {
      if (args->image.empty() && args->raw.empty()) throw RunFailure("give an IMAGE or --raw HEX");
      rc = args->raw.empty() ? run_image(*args) : run_raw(*args);
    } catch (const RunFailure& e) {
      const std::string where = !args->raw.empty()    ? "--raw"
                                : args->image.empty() ? "tcctl ebpf run"
                                                      : args->image;
      std::fprintf(stderr, "%s: %s\n", where.c_str(), e.what());
      rc = 1;
    }
    std::fflush(stdout);
    if (rc != 0) throw CLI::RuntimeError(rc);
  });
}

}  // namespace tc::cli
