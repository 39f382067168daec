#include "builder/elf_reader.hpp"

#include <cstring>
#include <string>

namespace tc::builder {
namespace {

constexpr std::size_t kEhdrSize = 64;
constexpr std::size_t kShdrSize = 64;
constexpr std::size_t kSymSize = 24;
constexpr std::size_t kRelSize = 16;
constexpr std::size_t kRelaSize = 24;
constexpr std::size_t kMaxSections = 4096;  // far beyond what one C file produces

[[noreturn]] void fail(const std::string& what) {
  throw ElfError("malformed ELF object: " + what);
}

// Little-endian field reads from a span that the caller has already bounds-checked.
uint64_t read_le(std::span<const uint8_t> bytes, std::size_t offset, std::size_t width) {
  uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i)
    value |= static_cast<uint64_t>(bytes[offset + i]) << (8 * i);
  return value;
}

// The subrange [offset, offset + size) of `bytes`, or an error naming `what`.
std::span<const uint8_t> slice(std::span<const uint8_t> bytes, uint64_t offset, uint64_t size,
                               const std::string& what) {
  if (offset > bytes.size() || size > bytes.size() - offset) fail(what + " lies outside the file");
  return bytes.subspan(static_cast<std::size_t>(offset), static_cast<std::size_t>(size));
}

// A NUL-terminated string at `offset` of a string table.
std::string_view string_at(std::span<const uint8_t> table, uint64_t offset,
                           const std::string& what) {
  if (offset >= table.size()) fail(what + " name offset outside its string table");
  const auto* start = reinterpret_cast<const char*>(table.data() + offset);
  const std::size_t room = table.size() - static_cast<std::size_t>(offset);
  const void* nul = std::memchr(start, 0, room);
  if (nul == nullptr) fail(what + " name is not NUL-terminated");
  return {start, static_cast<std::size_t>(static_cast<const char*>(nul) - start)};
}

void check_header(std::span<const uint8_t> bytes) {
  if (bytes.size() < kEhdrSize) fail("file is shorter than an ELF header");
  static constexpr uint8_t kIdent[] = {0x7f, 'E', 'L', 'F'};
  if (std::memcmp(bytes.data(), kIdent, sizeof kIdent) != 0) fail("bad magic (not ELF)");
  if (bytes[4] != 2) fail("not a 64-bit ELF file");
  if (bytes[5] != 1) fail("not a little-endian ELF file");
  if (bytes[6] != 1) fail("unsupported ELF version");
  if (read_le(bytes, 16, 2) != elf::kTypeRel) fail("not a relocatable object (ET_REL)");
  if (read_le(bytes, 18, 2) != elf::kMachineBpf) fail("not a BPF object (e_machine)");
}

struct RawSection {
  uint32_t name = 0;
  uint64_t offset = 0;
  ElfSection section;
};

RawSection read_section(std::span<const uint8_t> bytes, std::span<const uint8_t> headers,
                        std::size_t index) {
  const std::size_t h = index * kShdrSize;
  RawSection raw;
  raw.name = static_cast<uint32_t>(read_le(headers, h, 4));
  ElfSection& s = raw.section;
  s.type = static_cast<uint32_t>(read_le(headers, h + 4, 4));
  s.flags = read_le(headers, h + 8, 8);
  raw.offset = read_le(headers, h + 24, 8);
  s.size = read_le(headers, h + 32, 8);
  s.link = static_cast<uint32_t>(read_le(headers, h + 40, 4));
  s.info = static_cast<uint32_t>(read_le(headers, h + 44, 4));
  s.align = read_le(headers, h + 48, 8);
  const std::string what = "section " + std::to_string(index);
  if (s.align != 0 && (s.align & (s.align - 1)) != 0) fail(what + " alignment is not a power of 2");
  if (s.type != elf::kShtNobits && s.type != elf::kShtNull) {
    s.bytes = slice(bytes, raw.offset, s.size, what);
  }
  return raw;
}

std::vector<RawSection> read_sections(std::span<const uint8_t> bytes) {
  const uint64_t shoff = read_le(bytes, 40, 8);
  const uint64_t shentsize = read_le(bytes, 58, 2);
  const uint64_t shnum = read_le(bytes, 60, 2);
  if (shnum == 0) fail("no section headers (or extended numbering, which is unsupported)");
  if (shnum > kMaxSections) fail("too many sections");
  if (shentsize != kShdrSize) fail("unexpected section header size");
  const auto headers = slice(bytes, shoff, shnum * kShdrSize, "section header table");
  std::vector<RawSection> raw;
  raw.reserve(static_cast<std::size_t>(shnum));
  for (std::size_t i = 0; i < shnum; ++i)
    raw.push_back(read_section(bytes, headers, i));
  return raw;
}

std::span<const uint8_t> string_table(const std::vector<ElfSection>& sections, uint64_t index,
                                      const std::string& what) {
  if (index == 0 || index >= sections.size()) fail(what + " string table index out of range");
  if (sections[index].type != elf::kShtStrtab) fail(what + " string table has the wrong type");
  return sections[index].bytes;
}

ElfSymbol read_symbol(std::span<const uint8_t> table, std::size_t index,
                      std::span<const uint8_t> names, std::size_t section_count) {
  const std::size_t at = index * kSymSize;
  const std::string what = "symbol " + std::to_string(index);
  ElfSymbol sym;
  sym.name = string_at(names, read_le(table, at, 4), what);
  const uint8_t info = table[at + 4];
  sym.type = info & 0x0f;
  sym.bind = info >> 4;
  sym.shndx = static_cast<uint16_t>(read_le(table, at + 6, 2));
  sym.value = read_le(table, at + 8, 8);
  sym.size = read_le(table, at + 16, 8);
  const bool special =
      sym.shndx == elf::kShnUndef || sym.shndx == elf::kShnAbs || sym.shndx == elf::kShnCommon;
  if (!special && sym.shndx >= section_count) fail(what + " refers to a missing section");
  return sym;
}

}  // namespace

ElfObject ElfObject::parse(std::span<const uint8_t> bytes) {
  check_header(bytes);
  std::vector<RawSection> raw = read_sections(bytes);
  ElfObject object;
  for (const RawSection& r : raw)
    object.sections_.push_back(r.section);

  const uint64_t shstrndx = read_le(bytes, 62, 2);
  const auto section_names = string_table(object.sections_, shstrndx, "section name");
  for (std::size_t i = 1; i < raw.size(); ++i) {
    object.sections_[i].name =
        string_at(section_names, raw[i].name, "section " + std::to_string(i));
  }
  object.read_symbols();
  object.read_relocations();
  return object;
}

void ElfObject::read_symbols() {
  std::size_t symtab = 0;
  for (std::size_t i = 1; i < sections_.size(); ++i) {
    if (sections_[i].type != elf::kShtSymtab) continue;
    if (symtab != 0) fail("more than one symbol table");
    symtab = i;
  }
  if (symtab == 0) return;  // no symbols: the converter reports the missing entries
  const ElfSection& s = sections_[symtab];
  if (s.size % kSymSize != 0) fail("symbol table size is not a multiple of its entry size");
  const auto names = string_table(sections_, s.link, "symbol");
  const std::size_t count = s.bytes.size() / kSymSize;
  symbols_.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    symbols_.push_back(read_symbol(s.bytes, i, names, sections_.size()));
  symtab_index_ = static_cast<uint32_t>(symtab);
}

void ElfObject::read_relocations() {
  for (const ElfSection& s : sections_) {
    if (s.type != elf::kShtRel && s.type != elf::kShtRela) continue;
    const std::string what = "relocation section '" + std::string(s.name) + "'";
    const bool rela = s.type == elf::kShtRela;
    const std::size_t entry = rela ? kRelaSize : kRelSize;
    if (s.size % entry != 0) fail(what + " size is not a multiple of its entry size");
    if (s.info == 0 || s.info >= sections_.size()) fail(what + " targets a missing section");
    if (s.link != symtab_index_ || symtab_index_ == 0)
      fail(what + " does not use the symbol table");
    ElfRelocationSet set{s.name, s.info, rela, {}};
    const std::size_t count = s.bytes.size() / entry;
    set.relocations.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
      const uint64_t info = read_le(s.bytes, i * entry + 8, 8);
      ElfRelocation rel{read_le(s.bytes, i * entry, 8), static_cast<uint32_t>(info),
                        static_cast<uint32_t>(info >> 32)};
      if (rel.symbol >= symbols_.size()) fail(what + " refers to a missing symbol");
      set.relocations.push_back(rel);
    }
    relocs_.push_back(std::move(set));
  }
}

}  // namespace tc::builder
