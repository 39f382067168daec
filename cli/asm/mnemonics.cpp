#include "asm/mnemonics.hpp"

#include <string>
#include <unordered_map>

#include "vm/isa.hpp"

namespace tc::ebpf_asm::detail {
namespace {

using namespace tc::ebpf;
using Table = std::unordered_map<std::string, Mnemonic>;

// "add" and "add64" are ALU64, "add32" is ALU32; likewise for every binary operation.
void add_alu(Table& table, const std::string& name, uint8_t op, int16_t offset = 0) {
  table[name] = {Form::alu, static_cast<uint8_t>(kClassAlu64 | op), offset, 0};
  table[name + "64"] = table[name];
  table[name + "32"] = {Form::alu, static_cast<uint8_t>(kClassAlu32 | op), offset, 0};
}

void add_jump(Table& table, const std::string& name, uint8_t op) {
  table[name] = {Form::cond_jump, static_cast<uint8_t>(kClassJmp | op), 0, 0};
  table[name + "32"] = {Form::cond_jump, static_cast<uint8_t>(kClassJmp32 | op), 0, 0};
}

void add_arithmetic(Table& table) {
  add_alu(table, "add", kAluAdd);
  add_alu(table, "sub", kAluSub);
  add_alu(table, "mul", kAluMul);
  add_alu(table, "div", kAluDiv);
  add_alu(table, "sdiv", kAluDiv, 1);
  add_alu(table, "or", kAluOr);
  add_alu(table, "and", kAluAnd);
  add_alu(table, "lsh", kAluLsh);
  add_alu(table, "rsh", kAluRsh);
  add_alu(table, "mod", kAluMod);
  add_alu(table, "smod", kAluMod, 1);
  add_alu(table, "xor", kAluXor);
  add_alu(table, "mov", kAluMov);
  add_alu(table, "arsh", kAluArsh);
  table["neg"] = {Form::unary, kClassAlu64 | kAluNeg, 0, 0};
  table["neg64"] = table["neg"];
  table["neg32"] = {Form::unary, kClassAlu32 | kAluNeg, 0, 0};
  // movsx<from><to>: sign-extending moves (v4), the source width in the offset field.
  const uint8_t mov64 = kClassAlu64 | kAluMov | kSrcReg;
  const uint8_t mov32 = kClassAlu32 | kAluMov | kSrcReg;
  table["movsx832"] = {Form::alu_reg, mov32, 8, 0};
  table["movsx1632"] = {Form::alu_reg, mov32, 16, 0};
  table["movsx864"] = {Form::alu_reg, mov64, 8, 0};
  table["movsx1664"] = {Form::alu_reg, mov64, 16, 0};
  table["movsx3264"] = {Form::alu_reg, mov64, 32, 0};
}

// be/le convert from host order (ALU32 class, source bit = big/little); bswap and its older
// name swap are the unconditional v4 byte swaps (ALU64 class).
void add_endianness(Table& table) {
  for (const int32_t width : {16, 32, 64}) {
    const std::string bits = std::to_string(width);
    table["le" + bits] = {Form::unary, kClassAlu32 | kAluEnd | kSrcImm, 0, width};
    table["be" + bits] = {Form::unary, kClassAlu32 | kAluEnd | kSrcReg, 0, width};
    table["bswap" + bits] = {Form::unary, kClassAlu64 | kAluEnd, 0, width};
    table["swap" + bits] = table["bswap" + bits];
  }
}

void add_memory(Table& table) {
  const std::pair<const char*, uint8_t> sizes[] = {
      {"b", kSizeB}, {"h", kSizeH}, {"w", kSizeW}, {"dw", kSizeDW}};
  for (const auto& [suffix, size] : sizes) {
    const std::string s = suffix;
    table["ldx" + s] = {Form::load, static_cast<uint8_t>(kClassLdx | kModeMem | size), 0, 0};
    table["st" + s] = {Form::store_imm, static_cast<uint8_t>(kClassSt | kModeMem | size), 0, 0};
    table["stx" + s] = {Form::store_reg, static_cast<uint8_t>(kClassStx | kModeMem | size), 0, 0};
    if (size != kSizeDW) {
      table["ldxs" + s] = {Form::load, static_cast<uint8_t>(kClassLdx | kModeMemSx | size), 0, 0};
    }
  }
  table["lddw"] = {Form::lddw, kOpLddw, 0, 0};
}

void add_control(Table& table) {
  add_jump(table, "jeq", kJmpJeq);
  add_jump(table, "jgt", kJmpJgt);
  add_jump(table, "jge", kJmpJge);
  add_jump(table, "jset", kJmpJset);
  add_jump(table, "jne", kJmpJne);
  add_jump(table, "jsgt", kJmpJsgt);
  add_jump(table, "jsge", kJmpJsge);
  add_jump(table, "jlt", kJmpJlt);
  add_jump(table, "jle", kJmpJle);
  add_jump(table, "jslt", kJmpJslt);
  add_jump(table, "jsle", kJmpJsle);
  table["ja"] = {Form::ja, kOpJa, 0, 0};
  table["ja32"] = {Form::ja32, kOpJa32, 0, 0};
  table["gotol"] = table["ja32"];
  table["call"] = {Form::call, kOpCall, 0, 0};
  table["exit"] = {Form::exit, kOpExit, 0, 0};
  table["lock"] = {Form::atomic, 0, 0, 0};
}

const Table& table() {
  static const Table instance = [] {
    Table t;
    add_arithmetic(t);
    add_endianness(t);
    add_memory(t);
    add_control(t);
    return t;
  }();
  return instance;
}

}  // namespace

std::optional<Mnemonic> find_mnemonic(std::string_view name) {
  const auto it = table().find(std::string(name));
  if (it == table().end()) return std::nullopt;
  return it->second;
}

std::optional<AtomicOp> find_atomic(std::string_view name) {
  const bool is32 = name.size() > 2 && name.substr(name.size() - 2) == "32";
  const std::string_view op = is32 ? name.substr(0, name.size() - 2) : name;
  if (op == "add") return AtomicOp{kAluAdd, is32, false};
  if (op == "or") return AtomicOp{kAluOr, is32, false};
  if (op == "and") return AtomicOp{kAluAnd, is32, false};
  if (op == "xor") return AtomicOp{kAluXor, is32, false};
  if (op == "xchg") return AtomicOp{kAtomicXchg, is32, true};
  if (op == "cmpxchg") return AtomicOp{kAtomicCmpXchg, is32, true};
  return std::nullopt;
}

}  // namespace tc::ebpf_asm::detail
