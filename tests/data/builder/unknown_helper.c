#include <tinycontainer.h>
static long (*const tc_secret)(void) = (void*)42;
long tc_start(void) {
  return tc_secret();
}
