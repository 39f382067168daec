#include "suit/where.hpp"

#include <array>
#include <cstddef>
#include <iterator>
#include <utility>

#include "suit/labels.hpp"

namespace tc::suit::detail {
namespace {

constexpr const char* kSequenceNames[kSequenceCount] = {"shared-sequence", "payload-fetch",
                                                        "install", "validate", "invoke"};

// Column c names command c of label::kCommandNames; the last column is for unnamed labels.
constexpr std::size_t kColumns = std::size(label::kCommandNames) + 1;

constexpr const char* column_name(std::size_t c) {
  return c < std::size(label::kCommandNames) ? label::kCommandNames[c].name : "unknown command";
}

constexpr std::size_t length(const char* s) {
  std::size_t n = 0;
  while (s[n] != '\0')
    ++n;
  return n;
}

template <std::size_t S, std::size_t C>
struct Text {
  static constexpr std::size_t kSize = length(kSequenceNames[S]) + 2 + length(column_name(C)) + 1;

  static constexpr std::array<char, kSize> make() {
    std::array<char, kSize> out{};
    std::size_t n = 0;
    for (const char* p = kSequenceNames[S]; *p != '\0'; ++p)
      out[n++] = *p;
    out[n++] = ':';
    out[n++] = ' ';
    for (const char* p = column_name(C); *p != '\0'; ++p)
      out[n++] = *p;
    return out;  // the last byte stays '\0'
  }

  static constexpr std::array<char, kSize> value = make();
};

using Row = std::array<const char*, kColumns>;

template <std::size_t S, std::size_t... C>
constexpr Row row(std::index_sequence<C...> /*columns*/) {
  return {Text<S, C>::value.data()...};
}

template <std::size_t... S>
constexpr std::array<Row, kSequenceCount> table(std::index_sequence<S...> /*rows*/) {
  return {row<S>(std::make_index_sequence<kColumns>())...};
}

constexpr std::array<Row, kSequenceCount> kWhere =
    table(std::make_index_sequence<kSequenceCount>());

std::size_t column_of(int64_t command) {
  for (std::size_t c = 0; c + 1 < kColumns; ++c) {
    if (label::kCommandNames[c].label == command) return c;
  }
  return kColumns - 1;
}

}  // namespace

const char* command_where(SequenceId sequence, int64_t command) {
  return kWhere[static_cast<std::size_t>(sequence)][column_of(command)];
}

const char* sequence_name(SequenceId sequence) {
  return kSequenceNames[static_cast<std::size_t>(sequence)];
}

}  // namespace tc::suit::detail
