// The interpreter loop. It trusts what the verifier proved (opcodes, fields, registers, targets,
// no fall-through) and checks only what depends on run-time values: memory addresses against the
// region table, division by zero, call depth, fuel and the stop flag.
//
// Dispatch is direct threading through a label table (GCC and Clang); define
// TC_VM_SWITCH_DISPATCH, or use another compiler, for a portable switch.
//
// Instruction accounting is per basic block: a taken jump, call, exit or trap adds the length of
// the straight run that led to it, so the hot path pays nothing per instruction. Fuel and the stop
// flag are checked on every backward jump and every helper call, so any loop ends.
#include <cstdint>
#include <cstring>

#include "vm/opcodes.hpp"
#include "vm/vm.hpp"

#if (defined(__GNUC__) || defined(__clang__)) && !defined(TC_VM_SWITCH_DISPATCH)
#define TC_VM_THREADED 1
#pragma GCC diagnostic ignored "-Wpedantic"  // labels as values
// One 256-entry table of label addresses saves a dependent load per dispatch, but it is built at
// run time (label addresses are not constant expressions), so it lives in RAM: worth it on
// 64-bit hosts, not on a microcontroller, where the two flash-resident tables stay.
#if INTPTR_MAX > INT32_MAX
#define TC_VM_DIRECT_TABLE 1
#endif
#endif

namespace tc::vm {
namespace {

using detail::kOpOf;
using detail::Op;

template <typename T>
T load(const uint8_t* p) {
  T value;
  std::memcpy(&value, p, sizeof value);
  return value;
}

template <typename T>
void store(uint8_t* p, T value) {
  std::memcpy(p, &value, sizeof value);
}

constexpr uint16_t bswap16(uint16_t v) {
  return static_cast<uint16_t>((v >> 8) | (v << 8));
}
constexpr uint32_t bswap32(uint32_t v) {
  return (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
}
constexpr uint64_t bswap64(uint64_t v) {
  return (static_cast<uint64_t>(bswap32(static_cast<uint32_t>(v))) << 32) | bswap32(v >> 32);
}

uint64_t byte_swap(uint64_t v, int32_t width) {
  switch (width) {
    case 16:
      return bswap16(static_cast<uint16_t>(v));
    case 32:
      return bswap32(static_cast<uint32_t>(v));
    default:
      return bswap64(v);
  }
}

uint64_t truncate(uint64_t v, int32_t width) {
  switch (width) {
    case 16:
      return static_cast<uint16_t>(v);
    case 32:
      return static_cast<uint32_t>(v);
    default:
      return v;
  }
}

// Division per RFC 9669: x / 0 = 0, x % 0 = x; offset 1 selects the signed (v4) forms, where the
// one overflowing case, MIN / -1, wraps.
uint64_t div64(uint64_t a, uint64_t b, int16_t is_signed) {
  if (b == 0) return 0;
  if (is_signed == 0) return a / b;
  if (static_cast<int64_t>(b) == -1) return 0 - a;
  return static_cast<uint64_t>(static_cast<int64_t>(a) / static_cast<int64_t>(b));
}

uint64_t mod64(uint64_t a, uint64_t b, int16_t is_signed) {
  if (b == 0) return a;
  if (is_signed == 0) return a % b;
  if (static_cast<int64_t>(b) == -1) return 0;
  return static_cast<uint64_t>(static_cast<int64_t>(a) % static_cast<int64_t>(b));
}

uint32_t div32(uint32_t a, uint32_t b, int16_t is_signed) {
  if (b == 0) return 0;
  if (is_signed == 0) return a / b;
  if (static_cast<int32_t>(b) == -1) return 0 - a;
  return static_cast<uint32_t>(static_cast<int32_t>(a) / static_cast<int32_t>(b));
}

uint32_t mod32(uint32_t a, uint32_t b, int16_t is_signed) {
  if (b == 0) return a;
  if (is_signed == 0) return a % b;
  if (static_cast<int32_t>(b) == -1) return 0;
  return static_cast<uint32_t>(static_cast<int32_t>(a) % static_cast<int32_t>(b));
}

uint64_t sign_extend(uint64_t v, int16_t bits) {
  switch (bits) {
    case 8:
      return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int8_t>(v)));
    case 16:
      return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int16_t>(v)));
    case 32:
      return static_cast<uint64_t>(static_cast<int64_t>(static_cast<int32_t>(v)));
    default:
      return v;
  }
}

// Read-modify-write of an atomic instruction; returns the old value. Containers are
// single-threaded, so plain memory operations are atomic enough.
template <typename T>
T atomic_update(uint8_t* p, int32_t op, T operand, T expected) {
  const T old = load<T>(p);
  T value = old;
  switch (op & ~ebpf::kAtomicFetch) {
    case ebpf::kAluAdd:
      value = static_cast<T>(old + operand);
      break;
    case ebpf::kAluOr:
      value = old | operand;
      break;
    case ebpf::kAluAnd:
      value = old & operand;
      break;
    case ebpf::kAluXor:
      value = old ^ operand;
      break;
    case ebpf::kAtomicXchg & ~ebpf::kAtomicFetch:
      value = operand;
      break;
    default:
      value = old == expected ? operand : old;
      break;  // cmpxchg
  }
  store<T>(p, value);
  return old;
}

#ifdef TC_VM_DIRECT_TABLE
struct DispatchTable {
  const void* target[256];
};

DispatchTable make_dispatch_table(const void* const* labels) {
  DispatchTable table{};
  for (std::size_t op = 0; op < 256; ++op)
    table.target[op] = labels[static_cast<uint8_t>(kOpOf[op])];
  return table;
}
#endif

}  // namespace

RunResult Machine::execute(uint32_t start_pc) {
  const ebpf::Insn* const code = program_->code().data();
  const ebpf::Insn* ip = code + start_pc;
  const ebpf::Insn* block = ip;  // start of the straight run not yet counted
  const Slot* const rd = read_;
  const Slot* const wr = write_;
  const uint64_t fuel = fuel_;
  uint64_t executed = executed_;
  uint64_t r[ebpf::kNumRegisters];
  std::memcpy(r, regs_, sizeof r);
  RunResult result;
  Trap fault;

#define DST r[ip->dst()]
#define SRC r[ip->src()]
#define IMM64 static_cast<uint64_t>(static_cast<int64_t>(ip->imm))
#define IMM32 static_cast<uint32_t>(ip->imm)
#define PC static_cast<uint32_t>(ip - code)
#define ACCOUNT() (executed += static_cast<uint64_t>(ip - block) + 1)
#define STOP_REQUESTED() stop_.load(std::memory_order_relaxed)

#ifdef TC_VM_THREADED
#define TC_LABEL_ADDRESS(name, code) &&op_##name,
  static const void* const kLabels[] = {&&op_INVALID, TC_EBPF_OPCODES(TC_LABEL_ADDRESS)};
#undef TC_LABEL_ADDRESS
  static_assert(sizeof kLabels / sizeof kLabels[0] == static_cast<std::size_t>(Op::kCount));
#define CASE(name) op_##name:
#ifdef TC_VM_DIRECT_TABLE
  static const DispatchTable kDispatch = make_dispatch_table(kLabels);
#define DISPATCH() goto* kDispatch.target[ip->opcode]
#else
#define DISPATCH() goto* kLabels[static_cast<uint8_t>(kOpOf[ip->opcode])]
#endif
#else
#define CASE(name) case Op::name:
#define DISPATCH() goto dispatch
#endif
#define NEXT()  \
  do {          \
    ++ip;       \
    DISPATCH(); \
  } while (0)

// Moves to pc + 1 + delta; a backward move is where loops are cut.
#define JUMP_BY(delta)                        \
  do {                                        \
    const int32_t d_ = (delta);               \
    ACCOUNT();                                \
    ip += d_ + 1;                             \
    block = ip;                               \
    if (d_ < 0) {                             \
      if (executed >= fuel) goto out_of_fuel; \
      if (STOP_REQUESTED()) goto stopped;     \
    }                                         \
    DISPATCH();                               \
  } while (0)

#define MEMORY(table, kind, ADDR_REG, T, action)                                              \
  do {                                                                                        \
    const uint64_t a_ = (ADDR_REG) + static_cast<uint64_t>(static_cast<int64_t>(ip->offset)); \
    const Slot& s_ = (table)[slot_index(a_)];                                                 \
    const uint32_t o_ = static_cast<uint32_t>(a_);                                            \
    if (static_cast<uint64_t>(o_) + sizeof(T) > s_.size) {                                    \
      fault = {TrapKind::kind, PC, a_, sizeof(T)};                                            \
      goto trap;                                                                              \
    }                                                                                         \
    uint8_t* const p_ = s_.base + o_;                                                         \
    action;                                                                                   \
  } while (0)

// Loads address through src, stores (ST, STX, atomics) through dst.
#define LOAD(T, EXTEND) MEMORY(rd, load_out_of_bounds, SRC, T, DST = EXTEND(load<T>(p_)))
#define STORE(T, VALUE) MEMORY(wr, store_out_of_bounds, DST, T, store<T>(p_, static_cast<T>(VALUE)))
#define ZX(v) static_cast<uint64_t>(v)
#define SX(v) static_cast<uint64_t>(static_cast<int64_t>(v))

#define BINARY(NAME, OP)                                                                   \
  CASE(NAME##64_IMM) {                                                                     \
    DST = DST OP IMM64;                                                                    \
    NEXT();                                                                                \
  }                                                                                        \
  CASE(NAME##64_REG) {                                                                     \
    DST = DST OP SRC;                                                                      \
    NEXT();                                                                                \
  }                                                                                        \
  CASE(NAME##32_IMM) {                                                                     \
    DST = static_cast<uint32_t>(static_cast<uint32_t>(DST) OP IMM32);                      \
    NEXT();                                                                                \
  }                                                                                        \
  CASE(NAME##32_REG) {                                                                     \
    DST = static_cast<uint32_t>(static_cast<uint32_t>(DST) OP static_cast<uint32_t>(SRC)); \
    NEXT();                                                                                \
  }

#define SHIFT(NAME, OP, T64, T32)                                                               \
  CASE(NAME##64_IMM) {                                                                          \
    DST = static_cast<uint64_t>(static_cast<T64>(DST) OP(ip->imm & 63));                        \
    NEXT();                                                                                     \
  }                                                                                             \
  CASE(NAME##64_REG) {                                                                          \
    DST = static_cast<uint64_t>(static_cast<T64>(DST) OP(SRC & 63));                            \
    NEXT();                                                                                     \
  }                                                                                             \
  CASE(NAME##32_IMM) {                                                                          \
    DST = static_cast<uint32_t>(static_cast<T32>(static_cast<uint32_t>(DST)) OP(ip->imm & 31)); \
    NEXT();                                                                                     \
  }                                                                                             \
  CASE(NAME##32_REG) {                                                                          \
    DST = static_cast<uint32_t>(static_cast<T32>(static_cast<uint32_t>(DST)) OP(SRC & 31));     \
    NEXT();                                                                                     \
  }

#define DIVISION(NAME, F64, F32)                                                   \
  CASE(NAME##64_IMM) {                                                             \
    DST = F64(DST, IMM64, ip->offset);                                             \
    NEXT();                                                                        \
  }                                                                                \
  CASE(NAME##64_REG) {                                                             \
    DST = F64(DST, SRC, ip->offset);                                               \
    NEXT();                                                                        \
  }                                                                                \
  CASE(NAME##32_IMM) {                                                             \
    DST = F32(static_cast<uint32_t>(DST), IMM32, ip->offset);                      \
    NEXT();                                                                        \
  }                                                                                \
  CASE(NAME##32_REG) {                                                             \
    DST = F32(static_cast<uint32_t>(DST), static_cast<uint32_t>(SRC), ip->offset); \
    NEXT();                                                                        \
  }

#define COND_JUMP(NAME, OP, T64, T32)                                            \
  CASE(NAME##64_IMM) {                                                           \
    if (static_cast<T64>(DST) OP static_cast<T64>(IMM64)) JUMP_BY(ip->offset);   \
    NEXT();                                                                      \
  }                                                                              \
  CASE(NAME##64_REG) {                                                           \
    if (static_cast<T64>(DST) OP static_cast<T64>(SRC)) JUMP_BY(ip->offset);     \
    NEXT();                                                                      \
  }                                                                              \
  CASE(NAME##32_IMM) {                                                           \
    if (static_cast<T32>(DST) OP static_cast<T32>(ip->imm)) JUMP_BY(ip->offset); \
    NEXT();                                                                      \
  }                                                                              \
  CASE(NAME##32_REG) {                                                           \
    if (static_cast<T32>(DST) OP static_cast<T32>(SRC)) JUMP_BY(ip->offset);     \
    NEXT();                                                                      \
  }

#ifdef TC_VM_THREADED
  DISPATCH();
#else
dispatch:
  switch (kOpOf[ip->opcode]) {
#endif

  BINARY(ADD, +)
  BINARY(SUB, -)
  BINARY(MUL, *)
  BINARY(OR, |)
  BINARY(AND, &)
  BINARY(XOR, ^)
  SHIFT(LSH, <<, uint64_t, uint32_t)
  SHIFT(RSH, >>, uint64_t, uint32_t)
  SHIFT(ARSH, >>, int64_t, int32_t)
  DIVISION(DIV, div64, div32)
  DIVISION(MOD, mod64, mod32)

  CASE(NEG64) {
    DST = 0 - DST;
    NEXT();
  }
  CASE(NEG32) {
    DST = static_cast<uint32_t>(0u - static_cast<uint32_t>(DST));
    NEXT();
  }
  CASE(MOV64_IMM) {
    DST = IMM64;
    NEXT();
  }
  CASE(MOV64_REG) {
    DST = ip->offset == 0 ? SRC : sign_extend(SRC, ip->offset);
    NEXT();
  }
  CASE(MOV32_IMM) {
    DST = IMM32;
    NEXT();
  }
  CASE(MOV32_REG) {
    DST = static_cast<uint32_t>(ip->offset == 0 ? SRC : sign_extend(SRC, ip->offset));
    NEXT();
  }
  CASE(LE32) {
    DST = truncate(DST, ip->imm);
    NEXT();
  }
  CASE(BE32) {
    DST = byte_swap(DST, ip->imm);
    NEXT();
  }
  CASE(BSWAP64) {
    DST = byte_swap(DST, ip->imm);
    NEXT();
  }

  CASE(LDDW) {
    DST = static_cast<uint32_t>(ip->imm) |
          (static_cast<uint64_t>(static_cast<uint32_t>(ip[1].imm)) << 32);
    ++ip;
    NEXT();
  }
  CASE(LDXB) {
    LOAD(uint8_t, ZX);
    NEXT();
  }
  CASE(LDXH) {
    LOAD(uint16_t, ZX);
    NEXT();
  }
  CASE(LDXW) {
    LOAD(uint32_t, ZX);
    NEXT();
  }
  CASE(LDXDW) {
    LOAD(uint64_t, ZX);
    NEXT();
  }
  CASE(LDXSB) {
    LOAD(int8_t, SX);
    NEXT();
  }
  CASE(LDXSH) {
    LOAD(int16_t, SX);
    NEXT();
  }
  CASE(LDXSW) {
    LOAD(int32_t, SX);
    NEXT();
  }
  CASE(STB) {
    STORE(uint8_t, ip->imm);
    NEXT();
  }
  CASE(STH) {
    STORE(uint16_t, ip->imm);
    NEXT();
  }
  CASE(STW) {
    STORE(uint32_t, ip->imm);
    NEXT();
  }
  CASE(STDW) {
    STORE(uint64_t, IMM64);
    NEXT();
  }
  CASE(STXB) {
    STORE(uint8_t, SRC);
    NEXT();
  }
  CASE(STXH) {
    STORE(uint16_t, SRC);
    NEXT();
  }
  CASE(STXW) {
    STORE(uint32_t, SRC);
    NEXT();
  }
  CASE(STXDW) {
    STORE(uint64_t, SRC);
    NEXT();
  }
  CASE(ATOMIC32) {
    MEMORY(wr, store_out_of_bounds, DST, uint32_t, {
      const uint32_t old = atomic_update<uint32_t>(p_, ip->imm, static_cast<uint32_t>(SRC),
                                                   static_cast<uint32_t>(r[0]));
      if (ip->imm == ebpf::kAtomicCmpXchg) {
        r[0] = old;
      } else if (ip->imm & ebpf::kAtomicFetch) {
        SRC = old;
      }
    });
    NEXT();
  }
  CASE(ATOMIC64) {
    MEMORY(wr, store_out_of_bounds, DST, uint64_t, {
      const uint64_t old = atomic_update<uint64_t>(p_, ip->imm, SRC, r[0]);
      if (ip->imm == ebpf::kAtomicCmpXchg) {
        r[0] = old;
      } else if (ip->imm & ebpf::kAtomicFetch) {
        SRC = old;
      }
    });
    NEXT();
  }

  CASE(JA) {
    JUMP_BY(ip->offset);
  }
  CASE(JA32) {
    JUMP_BY(ip->imm);
  }
  COND_JUMP(JEQ, ==, uint64_t, uint32_t)
  COND_JUMP(JNE, !=, uint64_t, uint32_t)
  COND_JUMP(JGT, >, uint64_t, uint32_t)
  COND_JUMP(JGE, >=, uint64_t, uint32_t)
  COND_JUMP(JLT, <, uint64_t, uint32_t)
  COND_JUMP(JLE, <=, uint64_t, uint32_t)
  COND_JUMP(JSGT, >, int64_t, int32_t)
  COND_JUMP(JSGE, >=, int64_t, int32_t)
  COND_JUMP(JSLT, <, int64_t, int32_t)
  COND_JUMP(JSLE, <=, int64_t, int32_t)
  CASE(JSET64_IMM) {
    if ((DST & IMM64) != 0) JUMP_BY(ip->offset);
    NEXT();
  }
  CASE(JSET64_REG) {
    if ((DST & SRC) != 0) JUMP_BY(ip->offset);
    NEXT();
  }
  CASE(JSET32_IMM) {
    if ((static_cast<uint32_t>(DST) & IMM32) != 0) JUMP_BY(ip->offset);
    NEXT();
  }
  CASE(JSET32_REG) {
    if ((static_cast<uint32_t>(DST) & static_cast<uint32_t>(SRC)) != 0) JUMP_BY(ip->offset);
    NEXT();
  }

  CASE(CALL) {
    if (ip->src() == ebpf::kCallLocal) {
      if (depth_ == kMaxCallDepth || r[10] < stack_bottom_ + frame_size_) {
        fault = {TrapKind::stack_overflow, PC, r[10], frame_size_};
        goto trap;
      }
      Frame& frame = frames_[depth_++];
      frame.return_pc = PC + 1;
      std::memcpy(frame.saved, &r[6], sizeof frame.saved);
      r[10] -= frame_size_;
      JUMP_BY(ip->imm);
    }
    ACCOUNT();
    block = ip + 1;
    if (executed >= fuel) goto out_of_fuel;
    if (STOP_REQUESTED()) goto stopped;
    const HelperFn helper = helpers_->find(static_cast<uint32_t>(ip->imm));
    if (helper == nullptr) {
      fault = {TrapKind::helper_fault, PC, 0, 0};
      goto trap_counted;
    }
    std::memcpy(regs_, r, sizeof r);
    executed_ = executed;
    const uint64_t args[5] = {r[1], r[2], r[3], r[4], r[5]};
    const HelperResult outcome = helper(*this, helper_context_, args);
    if (outcome.kind == HelperResult::Kind::value) {
      r[0] = outcome.value;
      NEXT();
    }
    if (outcome.kind == HelperResult::Kind::suspend) {
      resume_pc_ = PC + 1;
      state_ = State::suspended;
      result.exit = Exit::suspended;
      goto finish;
    }
    fault = {TrapKind::helper_fault, PC, 0, 0};
    goto trap_counted;
  }
  CASE(EXIT) {
    ACCOUNT();
    if (depth_ == 0) {
      result.exit = Exit::returned;
      result.r0 = r[0];
      goto finish;
    }
    const Frame& frame = frames_[--depth_];
    std::memcpy(&r[6], frame.saved, sizeof frame.saved);
    ip = code + frame.return_pc;
    block = ip;
    DISPATCH();
  }
  CASE(INVALID) {
    // Unreachable for verified code; kept so that a corrupted program traps instead of jumping
    // through a stray table entry.
    fault = {TrapKind::invalid_instruction, PC, 0, 0};
    goto trap;
  }
#ifndef TC_VM_THREADED
  case Op::kCount:
    break;
}
#endif

trap : ACCOUNT();
trap_counted : result.exit = Exit::trapped;
result.trap = fault;
goto finish;

out_of_fuel : result.exit = Exit::out_of_fuel;
result.trap.pc = PC;
goto finish;

stopped : result.exit = Exit::stopped;
result.trap.pc = PC;

finish : std::memcpy(regs_, r, sizeof r);
executed_ = executed;
result.instructions = executed;
return result;

#undef DST
#undef SRC
#undef IMM64
#undef IMM32
#undef PC
#undef ACCOUNT
#undef STOP_REQUESTED
#undef CASE
#undef DISPATCH
#undef NEXT
#undef JUMP_BY
#undef MEMORY
#undef LOAD
#undef STORE
#undef ZX
#undef SX
#undef BINARY
#undef SHIFT
#undef DIVISION
#undef COND_JUMP
}

}  // namespace tc::vm
