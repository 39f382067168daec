#include "builder/section_layout.hpp"

#include <algorithm>

#include "image/image.hpp"

namespace tc::builder {
namespace {

constexpr uint64_t kMaxAlign = 4096;

uint64_t align_up(uint64_t value, uint64_t align) {
  return align <= 1 ? value : (value + align - 1) & ~(align - 1);
}

std::string quoted(std::string_view name) {
  return "'" + std::string(name) + "'";
}

std::string hex(uint64_t value) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  do {
    out.insert(out.begin(), kDigits[value & 0xf]);
    value >>= 4;
  } while (value != 0);
  return "0x" + out;
}

void check_size(uint64_t size, const char* what) {
  if (size > image::kMaxSectionSize) {
    throw BuildError(std::string(what) + " is too large for an image (" + std::to_string(size) +
                     " bytes, the limit is " + std::to_string(image::kMaxSectionSize) + ")");
  }
}

}  // namespace

SectionLayout::SectionLayout(const ElfObject& object)
    : object_(object), sections_(object.sections().size()), common_(object.symbols().size()) {
  const auto count = static_cast<uint32_t>(object.sections().size());
  for (Area area : {Area::text, Area::rodata, Area::data}) {
    for (uint32_t i = 1; i < count; ++i) {
      if (classify(i) == area) place(i, area);
    }
  }
  place_bss();
  check_size(text.size(), "the code");
  check_size(rodata.size(), "the constant data (.rodata)");
  check_size(data.size(), "the initialised data (.data)");
  check_size(bss_size, "the zeroed data (.bss)");
  collect_functions();
}

Area SectionLayout::classify(uint32_t index) const {
  const ElfSection& s = object_.sections()[index];
  if (!s.alloc()) return Area::none;  // debug info, BTF, symbol tables: not loaded
  if (s.align > kMaxAlign) {
    throw BuildError("section " + quoted(s.name) + " asks for an alignment of " +
                     std::to_string(s.align) + " bytes, more than supported");
  }
  const std::string_view name = s.name;
  if (s.exec()) {
    if (s.type != elf::kShtProgbits || s.size % 8 != 0) {
      throw BuildError("code section " + quoted(name) + " is not a whole number of instructions");
    }
    return Area::text;
  }
  if (name.starts_with(".rodata") && s.type == elf::kShtProgbits) return Area::rodata;
  if (name.starts_with(".data") && s.type == elf::kShtProgbits) return Area::data;
  if (name.starts_with(".bss") && s.type == elf::kShtNobits) return Area::none;  // place_bss()
  throw BuildError("section " + quoted(name) +
                   " is not supported: a container has code, .rodata*, .data* and .bss* only"
                   " (libbpf-style sections such as maps or license have no meaning here)");
}

void SectionLayout::place(uint32_t index, Area area) {
  const ElfSection& s = object_.sections()[index];
  std::vector<uint8_t>& out = area == Area::text ? text : area == Area::rodata ? rodata : data;
  const uint64_t align = area == Area::text ? 8 : std::max<uint64_t>(s.align, 1);
  const uint64_t offset = align_up(out.size(), align);
  check_size(offset + s.size, "a section area");
  out.resize(static_cast<std::size_t>(offset), 0);
  out.insert(out.end(), s.bytes.begin(), s.bytes.end());
  sections_[index] = {area, offset};
}

// Zeroed data follows the initialised data in the data slot. Sections of type NOBITS and
// SHN_COMMON symbols are laid out after data, which is padded to the first one's alignment.
void SectionLayout::place_bss() {
  const auto& sections = object_.sections();
  const auto& symbols = object_.symbols();
  uint64_t align = 1;
  for (const ElfSection& s : sections) {
    if (s.alloc() && s.type == elf::kShtNobits) align = std::max<uint64_t>(align, s.align);
  }
  for (const ElfSymbol& sym : symbols) {
    if (sym.shndx == elf::kShnCommon) align = std::max<uint64_t>(align, sym.value);
  }
  const uint64_t base = align_up(data.size(), std::min(align, kMaxAlign));
  check_size(base, "the initialised data (.data)");
  data.resize(static_cast<std::size_t>(base), 0);
  uint64_t end = base;
  for (uint32_t i = 1; i < sections.size(); ++i) {
    const ElfSection& s = sections[i];
    if (!s.alloc() || s.type != elf::kShtNobits) continue;  // classify() vetted the names
    end = align_up(end, std::max<uint64_t>(s.align, 1));
    sections_[i] = {Area::data, end};
    end += s.size;
    check_size(end, "the zeroed data (.bss)");
  }
  for (std::size_t i = 0; i < symbols.size(); ++i) {
    const ElfSymbol& sym = symbols[i];
    if (sym.shndx != elf::kShnCommon) continue;
    if (sym.value > kMaxAlign || (sym.value & (sym.value - 1)) != 0) {
      throw BuildError("common symbol " + quoted(sym.name) + " has a bad alignment");
    }
    end = align_up(end, std::max<uint64_t>(sym.value, 1));
    common_[i] = end;
    end += sym.size;
    check_size(end, "the zeroed data (.bss)");
  }
  bss_size = end - base;
}

std::optional<Placement> SectionLayout::locate(uint32_t symbol) const {
  const ElfSymbol& sym = object_.symbols()[symbol];
  if (sym.shndx == elf::kShnCommon) return Placement{Area::data, *common_[symbol]};
  if (sym.shndx == elf::kShnUndef || sym.shndx >= sections_.size()) return std::nullopt;
  const Placement& p = sections_[sym.shndx];
  if (p.area == Area::none) return std::nullopt;
  return p;
}

void SectionLayout::collect_functions() {
  for (const ElfSymbol& sym : object_.symbols()) {
    if (sym.type != elf::kSttFunc || sym.shndx >= sections_.size()) continue;
    const Placement& p = sections_[sym.shndx];
    if (p.area != Area::text) continue;
    const uint64_t begin = p.offset + sym.value;
    const uint64_t end = begin + sym.size;
    if (end > text.size() || begin % 8 != 0) {
      throw BuildError("function " + quoted(sym.name) + " lies outside its section");
    }
    functions_.push_back({std::string(sym.name), static_cast<uint32_t>(begin / 8),
                          static_cast<uint32_t>((end + 7) / 8), sym.bind == elf::kStbGlobal});
  }
  std::sort(functions_.begin(), functions_.end(),
            [](const FunctionRange& a, const FunctionRange& b) { return a.begin < b.begin; });
}

std::string SectionLayout::function_at(uint32_t pc) const {
  for (const FunctionRange& f : functions_) {
    if (pc >= f.begin && pc < f.end) return "function " + quoted(f.name);
  }
  return "instruction " + std::to_string(pc);
}

std::string SectionLayout::variable_at(uint32_t section, uint64_t offset) const {
  for (const ElfSymbol& sym : object_.symbols()) {
    if (sym.shndx != section || sym.type != elf::kSttObject) continue;
    if (offset >= sym.value && offset - sym.value < std::max<uint64_t>(sym.size, 1)) {
      return "variable " + quoted(sym.name);
    }
  }
  return "section " + quoted(object_.sections()[section].name) + "+" + hex(offset);
}

std::string SectionLayout::target_name(uint32_t symbol, int64_t addend) const {
  const ElfSymbol& sym = object_.symbols()[symbol];
  if (sym.type != elf::kSttSection) return std::string(sym.name);
  // Section-relative references (static functions, string literals): find the named symbol.
  const uint64_t offset = sym.value + static_cast<uint64_t>(addend);
  for (const ElfSymbol& other : object_.symbols()) {
    if (other.shndx != sym.shndx || other.type == elf::kSttSection || other.name.empty()) continue;
    if (offset >= other.value && offset - other.value < std::max<uint64_t>(other.size, 1)) {
      return std::string(other.name);
    }
  }
  const auto& sections = object_.sections();
  const std::string_view section = sym.shndx < sections.size() ? sections[sym.shndx].name : "?";
  return std::string(section) + "+" + hex(offset);
}

}  // namespace tc::builder
