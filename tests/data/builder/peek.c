/* Reads any container address: `tcctl ebpf run --entry peek --arg ADDR` traps outside regions. */
#include <tinycontainer.h>
long peek(uint64_t address) {
  return *(volatile uint8_t*)address;
}
