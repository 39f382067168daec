// The image builder end to end: real clang, real objects, the converter's results and each of its
// rejections (which must name the source symbol).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "builder/compiler.hpp"
#include "builder/image_builder.hpp"
#include "builder/sdk_helpers.hpp"
#include "image/image.hpp"
#include "image/loader.hpp"
#include "tinycontainer.h"
#include "vm/vm.hpp"

namespace tc::builder {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

CompileOptions options_for(const std::string& name) {
  CompileOptions options;
  options.source = fs::path(TC_SOURCE_DIR) / "tests/data/builder" / name;
  options.sdk_dir = fs::path(TC_SOURCE_DIR) / "sdk";
  return options;
}

BuiltImage build(const std::string& name) {
  return build_image(compile(options_for(name)).object);
}

// The message of the BuildError that building `name` throws, or "" when it builds.
std::string failure(const std::string& name) {
  try {
    (void)build(name);
  } catch (const BuildError& e) {
    return e.what();
  }
  return "";
}

// Loads the image like a device would and runs `entry` to completion.
vm::RunResult run(const BuiltImage& built, const char* entry) {
  image::ImageView view;
  EXPECT_EQ(image::parse(built.bytes, view), image::ImageReason::ok);
  vm::Program program;
  EXPECT_TRUE(vm::verify(view.text, sdk_helper_table(), program).ok());
  vm::Machine machine(sdk_helper_table());
  std::vector<uint8_t> arena(image::arena_needed(view, 0) + 8, 0xAA);
  EXPECT_TRUE(image::load(view, arena, 0, machine).ok());
  uint32_t pc = 0;
  EXPECT_TRUE(view.find_entry(entry, pc));
  return machine.run(program, pc, 100000);
}

TEST(Builder, ConvertsEverySectionKind) {
  const BuiltImage built = build("sections.c");
  EXPECT_EQ(built.text_size % 8, 0u);
  EXPECT_EQ(built.rodata_size, 6u);  // "hello"
  EXPECT_EQ(built.data_size, 24u);   // counter, which, values[2], second (8-aligned)
  EXPECT_EQ(built.bss_size, 4u);     // zeroed
  EXPECT_EQ(built.stack_size, kMinStackFrame);
  EXPECT_EQ(built.call_depth, 1u);  // tc_start -> add
  ASSERT_EQ(built.entries.size(), 2u);
  EXPECT_EQ(built.entries[0].name, "tc_start");
  EXPECT_EQ(built.entries[1].name, "tc_loop");
  image::ImageView view;
  ASSERT_EQ(image::parse(built.bytes, view), image::ImageReason::ok);
  EXPECT_EQ(view.stack_size, kMinStackFrame);
  EXPECT_EQ(view.entry(0).pc, built.entries[0].pc);
}

TEST(Builder, ResolvesDataPointersToContainerAddresses) {
  const BuiltImage built = build("sections.c");
  image::ImageView view;
  ASSERT_EQ(image::parse(built.bytes, view), image::ImageReason::ok);
  // `second` (last 8 bytes of data) holds &values[1]: data slot + offset 12.
  uint64_t pointer = 0;
  for (int i = 0; i < 8; ++i)
    pointer |= uint64_t{view.data[16 + static_cast<std::size_t>(i)]} << (8 * i);
  EXPECT_EQ(pointer, vm::slot_base(vm::kSlotData) + 12);
}

TEST(Builder, ResolvesLddwAgainstTheRodataAndDataSlots) {
  const BuiltImage built = build("sections.c");
  image::ImageView view;
  ASSERT_EQ(image::parse(built.bytes, view), image::ImageReason::ok);
  bool rodata = false;
  bool data = false;
  for (std::size_t pc = 0; pc + 1 < view.text.size() / 8; ++pc) {
    const ebpf::Insn insn = ebpf::load_insn(view.text, pc);
    if (insn.opcode != ebpf::kOpLddw) continue;
    const ebpf::Insn high = ebpf::load_insn(view.text, pc + 1);
    const uint64_t value =
        static_cast<uint32_t>(insn.imm) | (uint64_t{static_cast<uint32_t>(high.imm)} << 32);
    rodata |= value >> 32 == vm::kSlotRodata;
    data |= value >> 32 == vm::kSlotData;
    ++pc;
  }
  EXPECT_TRUE(rodata);
  EXPECT_TRUE(data);
}

TEST(Builder, BuiltImageRunsOnTheVm) {
  const BuiltImage built = build("sections.c");
  const vm::RunResult start = run(built, "tc_start");
  ASSERT_EQ(start.exit, vm::Exit::returned);
  EXPECT_EQ(start.r0, 'h' + 5u + 7u + 0u + 3u);
}

TEST(Builder, RejectsUnknownHelper) {
  const std::string message = failure("unknown_helper.c");
  EXPECT_THAT(message, HasSubstr("function 'tc_start'"));
  EXPECT_THAT(message, HasSubstr("unknown helper 42"));
}

TEST(Builder, RejectsUndefinedFunction) {
  const std::string message = failure("undefined_function.c");
  EXPECT_THAT(message, HasSubstr("function 'copy_all' calls 'memcpy'"));
  EXPECT_THAT(message, HasSubstr("not defined"));
}

TEST(Builder, RejectsUndefinedVariable) {
  EXPECT_THAT(failure("undefined_variable.c"), HasSubstr("'shared_counter'"));
}

TEST(Builder, RejectsFloatingPointNamingTheFunction) {
  const std::string message = failure("floating_point.c");
  EXPECT_THAT(message, HasSubstr("floating point is not supported"));
  EXPECT_THAT(message, HasSubstr("function 'scale'"));
}

TEST(Builder, RejectsSignedDivisionNamingTheFunction) {
  const std::string message = failure("signed_division.c");
  EXPECT_THAT(message, HasSubstr("signed division"));
  EXPECT_THAT(message, HasSubstr("'divide'"));
}

TEST(Builder, RejectsFunctionPointers) {
  const std::string message = failure("function_pointer.c");
  EXPECT_THAT(message, HasSubstr("function pointers are not supported"));
  EXPECT_THAT(message, HasSubstr("variable 'handlers'"));
  EXPECT_THAT(message, HasSubstr("'on_a'"));
}

TEST(Builder, RejectsTooLongEntryName) {
  EXPECT_THAT(failure("long_entry_name.c"), HasSubstr("function 'this_name_is_far_too_long'"));
}

TEST(Builder, RejectsRecursion) {
  EXPECT_THAT(failure("recursion.c"), HasSubstr("recursion is not supported: function 'walk'"));
}

TEST(Builder, RejectsUnknownSections) {
  EXPECT_THAT(failure("libbpf_section.c"), HasSubstr("section 'license' is not supported"));
}

TEST(Builder, ReportsCompileErrorsWithLocations) {
  const std::string message = failure("syntax_error.c");
  EXPECT_THAT(message, HasSubstr("syntax_error.c:2:10: error"));
  EXPECT_THAT(message, HasSubstr("missing_identifier"));
}

TEST(Builder, BuildsEveryExample) {
  for (const char* name :
       {"fibonacci.c", "checksum.c", "hello.c", "state_machine.c", "pointers.c"}) {
    CompileOptions options = options_for(name);
    options.source = fs::path(TC_SOURCE_DIR) / "sdk/examples" / name;
    EXPECT_NO_THROW((void)build_image(compile(options).object)) << name;
  }
}

TEST(Builder, FindsTheSdkFromOptionThenEnvironment) {
  const fs::path sdk = fs::path(TC_SOURCE_DIR) / "sdk";
  EXPECT_EQ(find_sdk_dir(sdk), sdk);
  EXPECT_THROW((void)find_sdk_dir(fs::path("/nonexistent")), BuildError);
}

TEST(Builder, CommandLineHasNoShellAndTheSdkInclude) {
  CompileOptions options = options_for("sections.c");
  const auto argv = compile_command(options, "/tmp/out.o");
  ASSERT_FALSE(argv.empty());
  EXPECT_EQ(argv[0], "clang");
  EXPECT_NE(std::find(argv.begin(), argv.end(), "-mcpu=v3"), argv.end());
  EXPECT_NE(std::find(argv.begin(), argv.end(), "-I" + (options.sdk_dir / "include").string()),
            argv.end());
}

TEST(Builder, SdkHelperNumbersAreStable) {
  EXPECT_EQ(sdk_helper_name(TC_HELPER_LOG), "tc_log");
  EXPECT_EQ(sdk_helper_name(3), "tc_open");
  EXPECT_EQ(sdk_helper_name(11), "tc_respond");
  EXPECT_EQ(sdk_helper_name(14), "tc_sleep_until");
  EXPECT_FALSE(sdk_helper_name(15).has_value());
  EXPECT_EQ(describe_helper(3), "tc_open (helper 3)");
}

}  // namespace
}  // namespace tc::builder
