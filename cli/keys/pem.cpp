#include "keys/pem.hpp"

#include <mbedtls/base64.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <vector>

#include "keys/keys.hpp"

namespace tc::keys::detail {
namespace {

constexpr std::string_view kBegin = "-----BEGIN ";
constexpr std::string_view kEnd = "-----END ";
constexpr std::string_view kDashes = "-----";
constexpr std::size_t kLineLength = 64;

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())) != 0) {
      line.remove_suffix(1);
    }
    lines.push_back(line);
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return lines;
}

// The label of a "-----BEGIN <label>-----" line.
std::optional<std::string_view> begin_label(std::string_view line) {
  if (line.size() < kBegin.size() + kDashes.size() || !line.starts_with(kBegin) ||
      !line.ends_with(kDashes)) {
    return std::nullopt;
  }
  return line.substr(kBegin.size(), line.size() - kBegin.size() - kDashes.size());
}

struct RawBlock {
  RawBlock(std::string_view label_text, std::size_t capacity) : label(label_text) {
    base64.reserve(capacity);  // no reallocation leaves a copy of a private key behind
  }
  ~RawBlock() { wipe(base64); }
  RawBlock(const RawBlock&) = default;
  RawBlock& operator=(const RawBlock&) = delete;

  std::string label;
  std::string base64;  // whitespace removed
};

// Collects the body of the block whose BEGIN line is lines[first]; returns the END line's index.
std::size_t read_body(const std::vector<std::string_view>& lines, std::size_t first,
                      RawBlock& block) {
  const std::string end_line = std::string(kEnd) + block.label + std::string(kDashes);
  for (std::size_t i = first + 1; i < lines.size(); ++i) {
    if (lines[i] == end_line) return i;
    if (lines[i].find(':') != std::string_view::npos) {
      throw KeyError("PEM block '" + block.label +
                     "' has headers (an encrypted key?): not supported");
    }
    for (const char c : lines[i]) {
      if (std::isspace(static_cast<unsigned char>(c)) == 0) block.base64.push_back(c);
    }
  }
  throw KeyError("PEM block '" + block.label + "' has no '" + end_line + "' line");
}

std::vector<RawBlock> read_blocks(std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  std::vector<RawBlock> blocks;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (const auto label = begin_label(lines[i])) {
      RawBlock& block = blocks.emplace_back(*label, text.size());
      i = read_body(lines, i, block);
    }
  }
  if (blocks.empty()) throw KeyError("not a PEM file (no '-----BEGIN ...-----' line)");
  return blocks;
}

std::string quoted_list(std::span<const std::string_view> labels) {
  std::string out;
  for (const std::string_view label : labels) {
    out += (out.empty() ? "'" : " or '") + std::string(label) + "'";
  }
  return out;
}

const RawBlock& accepted_block(const std::vector<RawBlock>& blocks,
                               std::span<const std::string_view> accepted) {
  const RawBlock* found = nullptr;
  for (const RawBlock& block : blocks) {
    if (std::find(accepted.begin(), accepted.end(), block.label) == accepted.end()) continue;
    if (found != nullptr) throw KeyError("more than one key in the PEM file");
    found = &block;
  }
  if (found == nullptr) {
    throw KeyError("wrong PEM label '" + blocks.front().label + "' (expected " +
                   quoted_list(accepted) + ")");
  }
  return *found;
}

SecretBytes decode_base64(const RawBlock& block) {
  const auto* src = reinterpret_cast<const unsigned char*>(block.base64.data());
  const std::size_t src_size = block.base64.size();
  const std::string broken = "truncated or corrupt base64 in PEM block '" + block.label + "'";
  if (src_size == 0) throw KeyError("empty PEM block '" + block.label + "'");
  // mbedTLS tolerates a missing final quantum; a key file must not.
  if (src_size % 4 != 0) throw KeyError(broken);
  std::size_t size = 0;
  if (mbedtls_base64_decode(nullptr, 0, &size, src, src_size) ==
      MBEDTLS_ERR_BASE64_INVALID_CHARACTER) {
    throw KeyError(broken);
  }
  SecretBytes der(size);
  std::size_t written = 0;
  if (mbedtls_base64_decode(der.data(), der.size(), &written, src, src_size) != 0 ||
      written != size) {
    throw KeyError(broken);
  }
  return der;
}

}  // namespace

std::string pem_encode(std::string_view label, std::span<const uint8_t> der) {
  std::size_t size = 0;
  mbedtls_base64_encode(nullptr, 0, &size, der.data(), der.size());  // size includes the NUL
  std::string base64(size, '\0');
  if (mbedtls_base64_encode(reinterpret_cast<unsigned char*>(base64.data()), base64.size(), &size,
                            der.data(), der.size()) != 0) {
    throw KeyError("base64 encoding failed");
  }
  base64.resize(size);
  std::string out;
  out.reserve(base64.size() * 2 + 2 * label.size() + 64);  // no reallocation: see RawBlock
  out.append(kBegin).append(label).append(kDashes).push_back('\n');
  for (std::size_t at = 0; at < base64.size(); at += kLineLength) {
    out.append(base64, at, kLineLength).push_back('\n');
  }
  out.append(kEnd).append(label).append(kDashes).push_back('\n');
  wipe(base64);
  return out;
}

PemBlock pem_decode(std::string_view text, std::span<const std::string_view> accepted) {
  std::vector<RawBlock> blocks = read_blocks(text);
  const RawBlock& block = accepted_block(blocks, accepted);
  return {block.label, decode_base64(block)};
}

}  // namespace tc::keys::detail
