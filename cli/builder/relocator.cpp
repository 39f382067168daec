#include "builder/relocator.hpp"

#include <array>

#include "vm/isa.hpp"
#include "vm/vm.hpp"

namespace tc::builder {
namespace {

std::string quoted(std::string_view name) {
  return "'" + std::string(name) + "'";
}

uint64_t read_u64(const std::vector<uint8_t>& bytes, uint64_t at) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i)
    v |= static_cast<uint64_t>(bytes[at + i]) << (8 * i);
  return v;
}

void write_u64(std::vector<uint8_t>& bytes, uint64_t at, uint64_t v) {
  for (int i = 0; i < 8; ++i)
    bytes[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

void write_imm(std::vector<uint8_t>& text, uint64_t insn_byte, uint32_t imm) {
  for (int i = 0; i < 4; ++i)
    text[insn_byte + 4 + i] = static_cast<uint8_t>(imm >> (8 * i));
}

uint64_t slot_of(Area area) {
  return vm::slot_base(area == Area::rodata ? vm::kSlotRodata : vm::kSlotData);
}

// Soft-float routines that clang would need for float or double arithmetic.
bool is_soft_float(std::string_view name) {
  static constexpr std::array kPrefixes{
      "__add", "__sub", "__mul", "__div", "__neg", "__float", "__fix",   "__extend", "__trunc",
      "__eq",  "__ne",  "__lt",  "__le",  "__gt",  "__ge",    "__unord", "__cmp",    "__pow"};
  const bool float_mode = name.find("sf") != std::string_view::npos ||
                          name.find("df") != std::string_view::npos ||
                          name.find("tf") != std::string_view::npos;
  for (const char* prefix : kPrefixes) {
    if (name.starts_with(prefix) && float_mode) return true;
  }
  return false;
}

class Relocator {
 public:
  Relocator(const ElfObject& object, SectionLayout& layout) : object_(object), layout_(layout) {}

  void apply(const ElfRelocationSet& set) {
    const ElfSection& target = object_.sections()[set.target];
    const Placement& where = layout_.placement(set.target);
    if (where.area == Area::none) {
      if (target.alloc() && !set.relocations.empty()) {
        throw BuildError("relocations against zeroed section " + quoted(target.name));
      }
      return;  // debug info, BTF: not loaded, nothing to resolve
    }
    if (set.with_addends) {
      throw BuildError("relocation section " + quoted(set.name) +
                       " uses RELA entries, which the BPF toolchain never emits");
    }
    for (const ElfRelocation& rel : set.relocations) {
      if (rel.offset > target.size) throw BuildError("relocation outside " + quoted(target.name));
      if (where.area == Area::text) {
        apply_text(rel, set.target, where.offset + rel.offset);
      } else {
        apply_data(rel, set.target, where);
      }
    }
  }

 private:
  void apply_text(const ElfRelocation& rel, uint32_t section, uint64_t byte) {
    const uint64_t size = object_.sections()[section].size;
    if (byte % 8 != 0 || rel.offset + 8 > size) {
      throw BuildError("relocation in the middle of an instruction in " +
                       quoted(object_.sections()[section].name));
    }
    const auto pc = static_cast<uint32_t>(byte / 8);
    const ebpf::Insn insn = ebpf::load_insn(layout_.text, pc);
    switch (rel.type) {
      case elf::kRelNone:
        return;
      case elf::kRel64_64:
        if (insn.opcode != ebpf::kOpLddw || rel.offset + 16 > size) break;
        return resolve_lddw(rel, pc, insn);
      case elf::kRel64_32:
        if (insn.opcode != ebpf::kOpCall || insn.src() != ebpf::kCallLocal) break;
        return resolve_call(rel, pc, insn);
      default:
        break;
    }
    throw BuildError(layout_.function_at(pc) + " has an unsupported relocation (type " +
                     std::to_string(rel.type) + " against " +
                     quoted(layout_.target_name(rel.symbol, 0)) + ")");
  }

  // `lddw rX, symbol`: the 64-bit container address of a variable or constant.
  void resolve_lddw(const ElfRelocation& rel, uint32_t pc, const ebpf::Insn& insn) {
    const int64_t addend = insn.imm;
    const uint64_t address = data_address(rel.symbol, addend, layout_.function_at(pc));
    write_imm(layout_.text, uint64_t{pc} * 8, static_cast<uint32_t>(address));
    write_imm(layout_.text, (uint64_t{pc} + 1) * 8, static_cast<uint32_t>(address >> 32));
  }

  // `call symbol`: the callee's instruction index relative to the next instruction. The object
  // holds `imm` such that the target is symbol + (imm + 1) instructions (LLVM/libbpf convention).
  void resolve_call(const ElfRelocation& rel, uint32_t pc, const ebpf::Insn& insn) {
    const ElfSymbol& sym = object_.symbols()[rel.symbol];
    const std::string caller = layout_.function_at(pc);
    const int64_t addend = (int64_t{insn.imm} + 1) * 8;
    const auto where = layout_.locate(rel.symbol);
    if (!where) {
      throw BuildError(caller + " calls " + quoted(sym.name) +
                       ", which is not defined in this file" + undefined_function_reason(sym.name));
    }
    if (where->area != Area::text) {
      throw BuildError(caller + " calls " + quoted(layout_.target_name(rel.symbol, addend)) +
                       ", which is not a function");
    }
    const ElfSection& section = object_.sections()[sym.shndx];
    const uint64_t offset = sym.value + static_cast<uint64_t>(addend);  // wraps when negative
    if (offset >= section.size || offset % 8 != 0) {
      throw BuildError(caller + " calls outside the code of " + quoted(section.name));
    }
    const int64_t target = static_cast<int64_t>((where->offset + offset) / 8);
    write_imm(layout_.text, uint64_t{pc} * 8, static_cast<uint32_t>(target - (pc + 1)));
  }

  void apply_data(const ElfRelocation& rel, uint32_t section, const Placement& where) {
    const std::string holder = layout_.variable_at(section, rel.offset);
    std::vector<uint8_t>& bytes = where.area == Area::rodata ? layout_.rodata : layout_.data;
    const ElfSection& target = object_.sections()[section];
    switch (rel.type) {
      case elf::kRelNone:
        return;
      case elf::kRelAbs64: {
        if (rel.offset + 8 > target.size) throw BuildError("relocation outside " + holder);
        const uint64_t at = where.offset + rel.offset;
        const auto addend = static_cast<int64_t>(read_u64(bytes, at));
        write_u64(bytes, at, data_address(rel.symbol, addend, holder));
        return;
      }
      case elf::kRelAbs32:
        throw BuildError(holder + " stores a 32-bit address of " +
                         quoted(layout_.target_name(rel.symbol, 0)) +
                         ": container addresses are 64 bits wide");
      default:
        throw BuildError(holder + " has an unsupported relocation (type " +
                         std::to_string(rel.type) + " against " +
                         quoted(layout_.target_name(rel.symbol, 0)) + ")");
    }
  }

  // The container address of symbol + addend, which must lie in rodata or data.
  uint64_t data_address(uint32_t symbol, int64_t addend, const std::string& user) const {
    const ElfSymbol& sym = object_.symbols()[symbol];
    const auto where = layout_.locate(symbol);
    if (!where) {
      throw BuildError(user + " refers to " + quoted(sym.name) +
                       ", which is not defined in this file (containers are linked from one "
                       "source file; there is no C library)");
    }
    const std::string target = layout_.target_name(symbol, addend);
    if (where->area == Area::text) {
      throw BuildError("function pointers are not supported: " + user +
                       " takes the address of function " + quoted(target));
    }
    // A common symbol's value is its alignment; its placement is the symbol itself.
    const bool common = sym.shndx == elf::kShnCommon;
    const uint64_t extent = common ? sym.size : object_.sections()[sym.shndx].size;
    // Unsigned arithmetic: a negative or huge sum wraps to a value beyond `extent`.
    const uint64_t offset = (common ? 0 : sym.value) + static_cast<uint64_t>(addend);
    if (offset > extent) {
      throw BuildError(user + " refers outside of " + quoted(target));
    }
    return slot_of(where->area) + where->offset + offset;
  }

  const ElfObject& object_;
  SectionLayout& layout_;
};

}  // namespace

std::string undefined_function_reason(std::string_view name) {
  if (is_soft_float(name)) return ": floating point is not supported";
  return " (containers are built from one source file without a C library)";
}

void apply_relocations(const ElfObject& object, SectionLayout& layout) {
  Relocator relocator(object, layout);
  for (const ElfRelocationSet& set : object.relocation_sets())
    relocator.apply(set);
}

}  // namespace tc::builder
