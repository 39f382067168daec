// Resolves the relocations of a BPF object inside a laid-out image: data addresses become
// container addresses (slot base + offset), local calls become pc-relative. Anything else (function
// pointers, undefined symbols, unknown relocation types) is an error naming the source symbol.
#pragma once

#include "builder/elf_reader.hpp"
#include "builder/section_layout.hpp"

namespace tc::builder {

// Applies every relocation that targets a loaded section; throws BuildError.
void apply_relocations(const ElfObject& object, SectionLayout& layout);

// Why a call to the undefined function `name` cannot work, for the error message.
[[nodiscard]] std::string undefined_function_reason(std::string_view name);

}  // namespace tc::builder
