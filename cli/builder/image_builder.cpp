#include "builder/image_builder.hpp"

#include <algorithm>

#include "builder/code_checks.hpp"
#include "builder/elf_reader.hpp"
#include "builder/relocator.hpp"
#include "builder/sdk_helpers.hpp"
#include "builder/section_layout.hpp"
#include "builder/stack_usage.hpp"
#include "image/image.hpp"
#include "vm/vm.hpp"

namespace tc::builder {
namespace {

bool valid_entry_name(std::string_view name) {
  if (name.empty() || name.size() >= image::kEntryNameSize) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return c > 0x20 && c < 0x7f; });
}

// Exported hooks: the global functions, in code order.
std::vector<ImageEntry> collect_entries(const SectionLayout& layout) {
  std::vector<ImageEntry> entries;
  for (const FunctionRange& f : layout.functions()) {
    if (!f.global) continue;
    if (!valid_entry_name(f.name)) {
      throw BuildError("function '" + f.name + "' cannot be exported: entry names have 1.." +
                       std::to_string(image::kEntryNameSize - 1) +
                       " characters (make it static if it is not a hook)");
    }
    entries.push_back({f.name, f.begin});
  }
  if (entries.empty()) {
    throw BuildError("the container exports no function: define a global hook such as tc_start");
  }
  if (entries.size() > image::kMaxEntries) {
    throw BuildError("the container exports " + std::to_string(entries.size()) +
                     " functions, at most " + std::to_string(image::kMaxEntries) +
                     " are allowed (make helpers static)");
  }
  return entries;
}

void verify_code(const SectionLayout& layout) {
  vm::Program program;
  const vm::VerifyError error = vm::verify(layout.text, sdk_helper_table(), program);
  if (error.ok()) return;
  throw BuildError("the verifier rejects instruction " + std::to_string(error.insn) + " in " +
                   layout.function_at(error.insn) + ": " + vm::describe(error.reason));
}

// The deepest frame of any function, rounded up to 8 and at least kMinStackFrame.
uint32_t frame_size(const SectionLayout& layout) {
  uint32_t deepest = 0;
  for (const FunctionRange& f : layout.functions())
    deepest = std::max(deepest, stack_depth(layout.text, f.begin, f.end));
  if (layout.functions().empty()) {
    deepest = stack_depth(layout.text, 0, static_cast<uint32_t>(layout.text.size() / 8));
  }
  return std::max(kMinStackFrame, (deepest + 7) & ~7u);
}

}  // namespace

BuiltImage build_image(std::span<const uint8_t> object_bytes) {
  const ElfObject object = ElfObject::parse(object_bytes);
  SectionLayout layout(object);
  if (layout.text.empty()) throw BuildError("the object contains no code");
  apply_relocations(object, layout);
  check_calls(layout);
  verify_code(layout);

  BuiltImage built;
  built.entries = collect_entries(layout);
  built.call_depth = call_depth(layout);
  built.stack_size = frame_size(layout);
  built.text_size = static_cast<uint32_t>(layout.text.size());
  built.rodata_size = static_cast<uint32_t>(layout.rodata.size());
  built.data_size = static_cast<uint32_t>(layout.data.size());
  built.bss_size = static_cast<uint32_t>(layout.bss_size);

  ImageParts parts{std::move(layout.text), std::move(layout.rodata), std::move(layout.data),
                   built.bss_size,         built.stack_size,         built.entries};
  built.bytes = write_image(parts);
  image::ImageView view;
  const image::ImageReason reason = image::parse(built.bytes, view);
  if (reason != image::ImageReason::ok) {
    throw BuildError(std::string("internal error: the image does not parse: ") +
                     image::describe(reason));
  }
  return built;
}

}  // namespace tc::builder
