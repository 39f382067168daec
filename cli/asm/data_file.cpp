#include "asm/data_file.hpp"

#include <charconv>

#include "common/strings.hpp"

namespace tc::ebpf_asm {
namespace {

using cli::trim;

std::optional<uint64_t> parse_word(std::string_view token) {
  if (token.size() > 2 && token[0] == '0' && (token[1] == 'x' || token[1] == 'X')) {
    token.remove_prefix(2);
  }
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value, 16);
  if (ec != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string_view DataFile::section(std::string_view name) const {
  const auto it = sections.find(name);
  return it == sections.end() ? std::string_view{} : std::string_view{it->second};
}

DataFile parse_data_file(std::string_view text) {
  DataFile file;
  std::string* current = nullptr;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.starts_with("--")) {
      current = &file.sections[std::string(trim(line.substr(2)))];
    } else if (current != nullptr) {
      current->append(line).push_back('\n');
    }
  }
  return file;
}

std::optional<std::string> asm_section_in_place(std::string_view text) {
  std::string out;
  bool found = false;
  bool inside = false;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.starts_with("--")) {
      inside = trim(line.substr(2)) == "asm";
      found = found || inside;
    } else if (inside) {
      out.append(line);
    }
    out.push_back('\n');
  }
  if (!found) return std::nullopt;
  return out;
}

std::optional<std::vector<uint8_t>> raw_words_to_bytes(std::string_view text) {
  std::vector<uint8_t> bytes;
  text = trim(text);
  while (!text.empty()) {
    std::size_t end = 0;
    while (end < text.size() && trim(text.substr(end, 1)).size() == 1)
      ++end;
    const std::optional<uint64_t> word = parse_word(text.substr(0, end));
    if (!word) return std::nullopt;
    for (int i = 0; i < 8; ++i)
      bytes.push_back(static_cast<uint8_t>(*word >> (8 * i)));
    text = trim(text.substr(end));
  }
  return bytes;
}

}  // namespace tc::ebpf_asm
