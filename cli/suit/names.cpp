#include "suit/names.hpp"
#include "common/strings.hpp"

#include <algorithm>

namespace tc::suit_host {

std::string labelled(std::span<const suit::label::Name> table, int64_t label) {
  const char* name = suit::label::find_name(table, label);
  if (name == nullptr) return "label " + std::to_string(label);
  return std::string(name) + " (" + std::to_string(label) + ")";
}

std::string hex(std::span<const uint8_t> bytes) {
  return cli::hex_of(bytes);
}

std::string segment(std::span<const uint8_t> bytes) {
  const bool printable = !bytes.empty() && std::all_of(bytes.begin(), bytes.end(), [](uint8_t b) {
    return b >= 0x20 && b < 0x7f && b != '\'' && b != '\\';
  });
  if (!printable) return "h'" + hex(bytes) + "'";
  return "'" + std::string(bytes.begin(), bytes.end()) + "'";
}

std::string digest_text(int64_t algorithm, std::span<const uint8_t> bytes) {
  const char* name = suit::label::find_name(suit::label::kDigestAlgorithmNames, algorithm);
  const std::string alg = name != nullptr ? name : "algorithm " + std::to_string(algorithm);
  return alg + " " + hex(bytes);
}

}  // namespace tc::suit_host
