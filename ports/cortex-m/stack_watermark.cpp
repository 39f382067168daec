#include "stack_watermark.hpp"

#include <cstdint>

extern "C" {
// Linker script symbols (linker/sections.ld); only their addresses mean something.
extern uint32_t __stack_bottom__[];
void __stack_top__();
}

namespace tc::cortex_m::stack {
namespace {

constexpr uint32_t kPaint = 0x5afe57ac;
// Left alone below the caller's stack pointer: this function's own frame (it is a leaf, so a
// few registers at most) is never painted over.
constexpr std::uintptr_t kGuardBytes = 64;

std::uintptr_t top() {
  return reinterpret_cast<std::uintptr_t>(&__stack_top__);
}

std::uintptr_t current_sp() {
  std::uintptr_t sp = 0;
  asm volatile("mov %0, sp" : "=r"(sp));
  return sp;
}

}  // namespace

void paint() {
  // Volatile word stores: a loop the compiler turned into a memset call would push that call's
  // frame into the very words being painted.
  volatile uint32_t* word = __stack_bottom__;
  const std::uintptr_t end = current_sp() - kGuardBytes;
  for (; reinterpret_cast<std::uintptr_t>(word) < end; ++word)
    *word = kPaint;
}

std::size_t high_water() {
  const volatile uint32_t* word = __stack_bottom__;
  while (reinterpret_cast<std::uintptr_t>(word) < top() && *word == kPaint)
    ++word;
  return top() - reinterpret_cast<std::uintptr_t>(word);
}

std::size_t size() {
  return top() - reinterpret_cast<std::uintptr_t>(__stack_bottom__);
}

}  // namespace tc::cortex_m::stack
