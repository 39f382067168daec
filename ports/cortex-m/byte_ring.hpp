// A single-producer, single-consumer byte ring between an interrupt handler (the UART's receive
// interrupt pushes) and the main loop (which pops). No locks: each index has one writer, and the
// release/acquire pair orders the byte before the index that publishes it. On Cortex-M a 32-bit
// atomic load or store is a plain ldr/str (with a barrier), so nothing here needs libatomic.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>

namespace tc::cortex_m {

template <std::size_t kCapacity>
class ByteRing {
  static_assert(kCapacity >= 2 && (kCapacity & (kCapacity - 1)) == 0, "a power of two");

 public:
  // Producer (interrupt): false, and the byte counted as lost, when the ring is full.
  bool push(uint8_t byte) {
    const uint32_t head = head_.load(std::memory_order_relaxed);
    if (head - tail_.load(std::memory_order_acquire) == kCapacity) {
      lost_.store(lost_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
      return false;
    }
    bytes_[head % kCapacity] = byte;
    head_.store(head + 1, std::memory_order_release);
    return true;
  }

  // Consumer (main loop): false when the ring is empty.
  bool pop(uint8_t& byte) {
    const uint32_t tail = tail_.load(std::memory_order_relaxed);
    if (head_.load(std::memory_order_acquire) == tail) return false;
    byte = bytes_[tail % kCapacity];
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }

  [[nodiscard]] bool full() const {
    return head_.load(std::memory_order_relaxed) - tail_.load(std::memory_order_acquire) ==
           kCapacity;
  }
  [[nodiscard]] bool empty() const {
    return head_.load(std::memory_order_acquire) == tail_.load(std::memory_order_acquire);
  }
  // Bytes the producer could not store.
  [[nodiscard]] uint32_t lost() const { return lost_.load(std::memory_order_relaxed); }

 private:
  std::array<uint8_t, kCapacity> bytes_{};
  std::atomic<uint32_t> head_{0};  // written by the producer only
  std::atomic<uint32_t> tail_{0};  // written by the consumer only
  std::atomic<uint32_t> lost_{0};
};

}  // namespace tc::cortex_m
