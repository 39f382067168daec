#include "asm/statement.hpp"

#include "asm/asm_failure.hpp"
#include "common/strings.hpp"

namespace tc::ebpf_asm::detail {
namespace {

using cli::is_space;
using cli::trim;

// Pops the next whitespace-delimited word off the front of `text`.
std::string_view next_word(std::string_view& text) {
  text = trim(text);
  std::size_t end = 0;
  while (end < text.size() && !is_space(text[end]))
    ++end;
  const std::string_view word = text.substr(0, end);
  text.remove_prefix(end);
  return word;
}

// "[%r1 + 2]" -> "[%r1+2]": memory operands may be written with spaces.
std::string squeeze_brackets(std::string_view text) {
  std::string out;
  bool inside = false;
  for (const char c : text) {
    if (c == '[') inside = true;
    if (c == ']') inside = false;
    if (!(inside && is_space(c))) out.push_back(c);
  }
  return out;
}

std::vector<std::string> split_operands(std::string_view text) {
  std::vector<std::string> operands;
  if (trim(text).empty()) return operands;
  while (true) {
    const std::size_t comma = text.find(',');
    const std::string_view operand = trim(text.substr(0, comma));
    if (operand.empty()) fail("empty operand");
    std::string squeezed = squeeze_brackets(operand);
    if (squeezed.find_first_of(" \t") != std::string::npos) {
      fail("missing ',' between operands in '" + squeezed + "'");
    }
    operands.push_back(std::move(squeezed));
    if (comma == std::string_view::npos) return operands;
    text.remove_prefix(comma + 1);
  }
}

}  // namespace

bool is_identifier(std::string_view text) {
  if (text.empty()) return false;
  const auto alpha = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '.';
  };
  if (!alpha(text.front())) return false;
  for (const char c : text) {
    if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

Statement split_statement(std::string_view line) {
  line = trim(line.substr(0, line.find('#')));
  Statement statement;
  std::string_view first = next_word(line);
  if (!first.empty() && first.back() == ':') {
    first.remove_suffix(1);
    if (!is_identifier(first)) fail("bad label name '" + std::string(first) + "'");
    statement.label = first;
    first = next_word(line);
  }
  statement.mnemonic = first;
  // Bare words ("fetch", "add", "local") come before the first operand; an operand is whatever
  // starts with a register, a bracket, a sign or a digit, or is the last token of the line.
  line = trim(line);
  while (!line.empty()) {
    std::string_view rest = line;
    const std::string_view word = next_word(rest);
    const bool last = trim(rest).empty();
    if (last || !is_identifier(word)) break;
    statement.words.emplace_back(word);
    line = rest;
  }
  statement.operands = split_operands(line);
  return statement;
}

}  // namespace tc::ebpf_asm::detail
