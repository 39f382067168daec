#include <tinycontainer.h>
static __attribute__((noinline)) uint32_t walk(uint32_t n) {
  return n < 2 ? n : walk(n - 1) + walk(n - 2);
}
long depth(uint32_t n) {
  return walk(n);
}
