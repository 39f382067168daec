#include "asm/operands.hpp"

#include "asm/asm_failure.hpp"
#include "asm/integers.hpp"
#include "asm/statement.hpp"
#include "vm/isa.hpp"

namespace tc::ebpf_asm::detail {

bool is_register(std::string_view text) {
  return text.size() >= 2 && text[0] == '%';
}

uint8_t parse_register(std::string_view text) {
  const std::string quoted = "'" + std::string(text) + "'";
  if (text.size() < 3 || text.substr(0, 2) != "%r") fail("expected a register, got " + quoted);
  unsigned number = 0;
  for (const char c : text.substr(2)) {
    if (c < '0' || c > '9' || number > 100) fail("bad register " + quoted);
    number = number * 10 + static_cast<unsigned>(c - '0');
  }
  if ((text.size() > 3 && text[2] == '0') || number >= ebpf::kNumRegisters) {
    fail("bad register " + quoted + " (registers are %r0..%r10)");
  }
  return static_cast<uint8_t>(number);
}

MemoryRef parse_memory(std::string_view text) {
  if (text.size() < 2 || text.front() != '[' || text.back() != ']') {
    fail("expected a memory operand [%rN+offset], got '" + std::string(text) + "'");
  }
  const std::string_view inner = text.substr(1, text.size() - 2);
  const std::size_t sign = inner.find_first_of("+-");
  MemoryRef ref;
  ref.reg = parse_register(inner.substr(0, sign));
  if (sign != std::string_view::npos) ref.offset = parse_offset(inner.substr(sign));
  return ref;
}

Target parse_target(std::string_view text, unsigned bits) {
  Target target;
  if (looks_numeric(text)) {
    target.displacement = fit_field(text, bits, bits == 16 ? "jump offset" : "call offset");
  } else if (is_identifier(text)) {
    target.label = std::string(text);
  } else {
    fail("expected a label or an offset such as +2, got '" + std::string(text) + "'");
  }
  return target;
}

}  // namespace tc::ebpf_asm::detail
