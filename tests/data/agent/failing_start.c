/* A version whose tc_start fails: an update to it must roll back. */
#include <tinycontainer.h>

long tc_start(void) {
  return -1;
}

long tc_loop(void) {
  return 0;
}
