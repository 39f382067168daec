#include <tinycontainer.h>
static long on_a(void) {
  return 1;
}
static long on_b(void) {
  return 2;
}
long (*const handlers[2])(void) = {on_a, on_b};
long dispatch(uint32_t i) {
  return handlers[i & 1]();
}
