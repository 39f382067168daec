// The bounded ELF reader on malformed input: truncations and corrupted header fields of a real
// BPF object must be refused with ElfError (or BuildError from the converter), never crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "builder/compiler.hpp"
#include "builder/elf_reader.hpp"
#include "builder/image_builder.hpp"

namespace tc::builder {
namespace {

namespace fs = std::filesystem;

const std::vector<uint8_t>& object() {
  static const std::vector<uint8_t> bytes = [] {
    CompileOptions options;
    options.source = fs::path(TC_SOURCE_DIR) / "tests/data/builder/sections.c";
    options.sdk_dir = fs::path(TC_SOURCE_DIR) / "sdk";
    return compile(options).object;
  }();
  return bytes;
}

void put(std::vector<uint8_t>& bytes, std::size_t at, uint64_t value, std::size_t width) {
  for (std::size_t i = 0; i < width; ++i)
    bytes[at + i] = static_cast<uint8_t>(value >> (8 * i));
}

uint64_t get(const std::vector<uint8_t>& bytes, std::size_t at, std::size_t width) {
  uint64_t value = 0;
  for (std::size_t i = 0; i < width; ++i)
    value |= uint64_t{bytes[at + i]} << (8 * i);
  return value;
}

TEST(ElfReader, ParsesARealObject) {
  const ElfObject elf = ElfObject::parse(object());
  bool text = false;
  for (const ElfSection& s : elf.sections())
    text |= s.name == ".text" && s.exec();
  EXPECT_TRUE(text);
  EXPECT_FALSE(elf.symbols().empty());
  EXPECT_FALSE(elf.relocation_sets().empty());
}

TEST(ElfReader, RejectsEveryTruncation) {
  const std::vector<uint8_t>& full = object();
  for (std::size_t length = 0; length < full.size(); ++length) {
    const std::span<const uint8_t> cut(full.data(), length);
    EXPECT_THROW((void)build_image(cut), BuildError) << "length " << length;
  }
}

struct HeaderCase {
  const char* what;
  std::size_t offset;
  std::size_t width;
  uint64_t value;
};

TEST(ElfReader, RejectsCorruptHeaderFields) {
  const HeaderCase cases[] = {
      {"magic", 0, 1, 0x7e},
      {"class", 4, 1, 1},
      {"byte order", 5, 1, 2},
      {"version", 6, 1, 0},
      {"type", 16, 2, 2},
      {"machine", 18, 2, 62},
      {"section header offset", 40, 8, ~uint64_t{0} - 10},
      {"section header size", 58, 2, 40},
      {"section count", 60, 2, 0},
      {"section count", 60, 2, 0xffff},
      {"section name table", 62, 2, 0x7fff},
  };
  for (const HeaderCase& c : cases) {
    std::vector<uint8_t> bytes = object();
    put(bytes, c.offset, c.value, c.width);
    EXPECT_THROW((void)ElfObject::parse(bytes), ElfError) << c.what;
  }
}

TEST(ElfReader, RejectsCorruptSectionHeaders) {
  const std::vector<uint8_t>& original = object();
  const uint64_t shoff = get(original, 40, 8);
  const uint64_t shnum = get(original, 60, 2);
  // For each section: offset far outside, size far outside, alignment not a power of two.
  for (uint64_t i = 1; i < shnum; ++i) {
    const std::size_t h = static_cast<std::size_t>(shoff + i * 64);
    const uint32_t type = static_cast<uint32_t>(get(original, h + 4, 4));
    if (type == elf::kShtNobits) continue;
    for (auto [field, value] : {std::pair{24, ~uint64_t{0}}, std::pair{32, uint64_t{1} << 40},
                                std::pair{48, uint64_t{3}}}) {
      std::vector<uint8_t> bytes = original;
      put(bytes, h + static_cast<std::size_t>(field), value, 8);
      EXPECT_THROW((void)ElfObject::parse(bytes), ElfError)
          << "section " << i << " field " << field;
    }
  }
}

// Every single-byte corruption either still converts or fails with a BuildError: no crash, no
// other exception (the sanitizer build checks the memory safety of the same loop).
TEST(ElfReader, SurvivesEveryByteCorruption) {
  const std::vector<uint8_t>& original = object();
  for (std::size_t at = 0; at < original.size(); ++at) {
    for (uint8_t flip : {uint8_t{0xff}, uint8_t{0x80}, uint8_t{0x01}}) {
      std::vector<uint8_t> bytes = original;
      bytes[at] ^= flip;
      try {
        (void)build_image(bytes);
      } catch (const BuildError&) {
      }
    }
  }
}

}  // namespace
}  // namespace tc::builder
