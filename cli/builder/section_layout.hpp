// Where each loaded section of a BPF object goes in a container: code into text, constants into
// the rodata slot, initialised data then zeroed data into the data slot. Also names what lives at
// an address, so that every error can point at the source symbol.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "builder/elf_reader.hpp"

namespace tc::builder {

enum class Area : uint8_t { none, text, rodata, data };  // data covers .data and .bss

struct Placement {
  Area area = Area::none;
  uint64_t offset = 0;  // of the section's first byte inside its area
};

// A function (STT_FUNC symbol) by instruction range in the final text.
struct FunctionRange {
  std::string name;
  uint32_t begin = 0;  // first instruction index
  uint32_t end = 0;    // one past the last
  bool global = false;
};

class SectionLayout {
 public:
  // Classifies and places every loaded section; throws BuildError for unsupported sections.
  explicit SectionLayout(const ElfObject& object);

  [[nodiscard]] const Placement& placement(uint32_t section) const { return sections_[section]; }
  // Where symbol `index` lives (for SHN_COMMON symbols too), or nothing when it is undefined or
  // not in a loaded section.
  [[nodiscard]] std::optional<Placement> locate(uint32_t symbol) const;

  std::vector<uint8_t> text;
  std::vector<uint8_t> rodata;
  std::vector<uint8_t> data;  // padded so that bss starts right after it
  uint64_t bss_size = 0;

  [[nodiscard]] const std::vector<FunctionRange>& functions() const { return functions_; }
  // "function 'f'" for the function holding instruction `pc`, else "instruction pc".
  [[nodiscard]] std::string function_at(uint32_t pc) const;
  // "variable 'v'" for the object holding byte `offset` of section `section`, else the section.
  [[nodiscard]] std::string variable_at(uint32_t section, uint64_t offset) const;
  // The source name of what symbol `index` + `addend` designates ("g", "f1", ".rodata+0x10").
  [[nodiscard]] std::string target_name(uint32_t symbol, int64_t addend) const;

 private:
  Area classify(uint32_t index) const;
  void place(uint32_t index, Area area);
  void place_bss();
  void collect_functions();

  const ElfObject& object_;
  std::vector<Placement> sections_;
  std::vector<std::optional<uint64_t>> common_;  // data-slot offset of each SHN_COMMON symbol
  std::vector<FunctionRange> functions_;
};

}  // namespace tc::builder
