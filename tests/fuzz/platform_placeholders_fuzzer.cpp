// to_numbered on any text: it never reads out of bounds, numbers at most as many parameters as
// there are `?`, leaves every other byte as it was (removing the numbers gives the input back)
// and numbers them 1, 2, 3 ... in order.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/placeholders.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const tc::platform::sql::Numbered out = tc::platform::sql::to_numbered(in);
  std::size_t marks = 0;
  for (const char c : in)
    marks += c == '?' ? 1 : 0;
  if (out.parameters > marks) std::abort();
  // Undo the numbering: each "$k" the rewrite made (k = 1, 2 ...) back into '?'.
  std::string undone;
  std::size_t next = 1;
  for (std::size_t i = 0; i < out.sql.size();) {
    const std::string number = "$" + std::to_string(next);
    if (next <= out.parameters && out.sql.compare(i, number.size(), number) == 0 &&
        in.size() > undone.size() && in[undone.size()] == '?') {
      undone += '?';
      i += number.size();
      ++next;
    } else {
      undone += out.sql[i++];
    }
  }
  if (undone != in || next != out.parameters + 1) std::abort();
  return 0;
}
