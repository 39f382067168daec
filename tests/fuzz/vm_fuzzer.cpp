// Fuzzes the verifier and the interpreter together: random bytes become a program and its memory.
// Whatever the verifier accepts must run without a sanitizer finding, must end (fuel), and must
// never touch host memory outside the mapped regions (ASan would report it).
//
// Input layout: [mem length byte][mem bytes...][program bytes...]
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "vm/vm.hpp"

namespace {

using tc::vm::HelperResult;

HelperResult identity(tc::vm::Machine&, void*, const uint64_t (&args)[5]) {
  return HelperResult::Value(args[0]);
}

// Exercises Machine::translate the way real helpers do: a container pointer plus a length.
HelperResult checksum(tc::vm::Machine& m, void*, const uint64_t (&args)[5]) {
  const uint32_t length = static_cast<uint32_t>(args[1] & 0xff);
  const uint8_t* p = m.translate(args[0], length, tc::vm::Access::read);
  if (p == nullptr) return HelperResult::Trap();
  uint64_t sum = 0;
  for (uint32_t i = 0; i < length; ++i)
    sum += p[i];
  return HelperResult::Value(sum);
}

HelperResult suspend(tc::vm::Machine&, void*, const uint64_t (&)[5]) {
  return HelperResult::Suspend();
}

const tc::vm::HelperTable& helpers() {
  static const tc::vm::HelperTable table = [] {
    tc::vm::HelperTable t;
    (void)t.add(1, checksum);
    (void)t.add(2, suspend);
    (void)t.add(5, identity);
    return t;
  }();
  return table;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::size_t mem_size = std::min<std::size_t>(data[0], size - 1);
  // Exact-size heap copies, so that ASan catches an access one byte past either region.
  std::vector<uint8_t> mem(data + 1, data + 1 + mem_size);
  if (size - 1 - mem_size == 0) return 0;
  std::vector<uint64_t> words((size - 1 - mem_size + 7) / 8);
  std::memcpy(words.data(), data + 1 + mem_size, size - 1 - mem_size);
  const std::span<const uint8_t> code(reinterpret_cast<const uint8_t*>(words.data()),
                                      size - 1 - mem_size);

  tc::vm::Program program;
  if (!tc::vm::verify(code, helpers(), program).ok()) return 0;

  std::vector<uint8_t> stack(512);
  tc::vm::Machine machine(helpers());
  (void)machine.map(tc::vm::kSlotStack, {stack.data(), 512, tc::vm::Access::read_write});
  (void)machine.map(tc::vm::kSlotContext,
                    {mem.data(), static_cast<uint32_t>(mem.size()), tc::vm::Access::read_write});
  const uint64_t args[] = {tc::vm::slot_base(tc::vm::kSlotContext), mem.size()};
  tc::vm::RunResult r = machine.run(program, 0, 20'000, args);
  for (int resumes = 0; r.exit == tc::vm::Exit::suspended && resumes < 16; ++resumes) {
    r = machine.resume(static_cast<uint64_t>(resumes));
  }
  return 0;
}
