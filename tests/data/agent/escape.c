/* Hostile: tc_loop reads memory outside its regions (slot 6 is never mapped for it). */
#include <tinycontainer.h>

long tc_loop(void) {
  const volatile uint64_t* p = (const volatile uint64_t*)TC_ADDRESS(6, 0);
  return (long)*p;
}
