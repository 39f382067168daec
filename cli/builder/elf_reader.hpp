// A bounded reader for ELF64 little-endian relocatable objects of the BPF machine: the only input
// the image builder accepts. The bytes are untrusted (any file a user passes, fuzzed): every
// offset, size and index is checked once here, so the converter can use the views freely.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "builder/build_error.hpp"

namespace tc::builder {

// Thrown for malformed objects; the message says which field is wrong.
class ElfError : public BuildError {
 public:
  using BuildError::BuildError;
};

namespace elf {
inline constexpr uint16_t kTypeRel = 1;
inline constexpr uint16_t kMachineBpf = 247;

inline constexpr uint32_t kShtNull = 0;
inline constexpr uint32_t kShtProgbits = 1;
inline constexpr uint32_t kShtSymtab = 2;
inline constexpr uint32_t kShtStrtab = 3;
inline constexpr uint32_t kShtRela = 4;
inline constexpr uint32_t kShtNobits = 8;
inline constexpr uint32_t kShtRel = 9;

inline constexpr uint64_t kShfWrite = 0x1;
inline constexpr uint64_t kShfAlloc = 0x2;
inline constexpr uint64_t kShfExecinstr = 0x4;

inline constexpr uint16_t kShnUndef = 0;
inline constexpr uint16_t kShnLoreserve = 0xff00;
inline constexpr uint16_t kShnAbs = 0xfff1;
inline constexpr uint16_t kShnCommon = 0xfff2;

inline constexpr uint8_t kSttNotype = 0;
inline constexpr uint8_t kSttObject = 1;
inline constexpr uint8_t kSttFunc = 2;
inline constexpr uint8_t kSttSection = 3;

inline constexpr uint8_t kStbLocal = 0;
inline constexpr uint8_t kStbGlobal = 1;
inline constexpr uint8_t kStbWeak = 2;

// BPF relocation types (LLVM's BPF ELF ABI).
inline constexpr uint32_t kRelNone = 0;
inline constexpr uint32_t kRel64_64 = 1;     // lddw imm pair: absolute address
inline constexpr uint32_t kRelAbs64 = 2;     // 8 data bytes: absolute address
inline constexpr uint32_t kRelAbs32 = 3;     // 4 data bytes: absolute address
inline constexpr uint32_t kRelNoDyld32 = 4;  // BTF only
inline constexpr uint32_t kRel64_32 = 10;    // call imm: pc-relative in instructions
}  // namespace elf

struct ElfSection {
  std::string_view name;
  uint32_t type = 0;
  uint64_t flags = 0;
  uint64_t size = 0;
  uint64_t align = 0;  // 0 or a power of two
  uint32_t link = 0;
  uint32_t info = 0;
  std::span<const uint8_t> bytes;  // empty for SHT_NOBITS and SHT_NULL

  [[nodiscard]] bool alloc() const { return (flags & elf::kShfAlloc) != 0; }
  [[nodiscard]] bool exec() const { return (flags & elf::kShfExecinstr) != 0; }
  [[nodiscard]] bool write() const { return (flags & elf::kShfWrite) != 0; }
};

struct ElfSymbol {
  std::string_view name;
  uint64_t value = 0;
  uint64_t size = 0;
  uint8_t type = 0;
  uint8_t bind = 0;
  uint16_t shndx = 0;  // a valid section index, or SHN_UNDEF / SHN_ABS / SHN_COMMON
};

struct ElfRelocation {
  uint64_t offset = 0;  // inside the target section; NOT yet checked against its size
  uint32_t type = 0;
  uint32_t symbol = 0;  // a valid index into symbols()
};

// Relocations for one section (an SHT_REL or SHT_RELA section applied to `target`).
struct ElfRelocationSet {
  std::string_view name;
  uint32_t target = 0;        // a valid section index
  bool with_addends = false;  // SHT_RELA (the BPF toolchain emits SHT_REL only)
  std::vector<ElfRelocation> relocations;
};

// A parsed object: views into the caller's bytes, which must outlive it.
class ElfObject {
 public:
  // Throws ElfError when the bytes are not a well-formed ELF64 LE BPF relocatable object.
  static ElfObject parse(std::span<const uint8_t> bytes);

  [[nodiscard]] const std::vector<ElfSection>& sections() const { return sections_; }
  [[nodiscard]] const std::vector<ElfSymbol>& symbols() const { return symbols_; }
  [[nodiscard]] const std::vector<ElfRelocationSet>& relocation_sets() const { return relocs_; }

 private:
  void read_symbols();
  void read_relocations();

  std::vector<ElfSection> sections_;
  std::vector<ElfSymbol> symbols_;
  std::vector<ElfRelocationSet> relocs_;
  uint32_t symtab_index_ = 0;
};

}  // namespace tc::builder
