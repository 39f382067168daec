/* Uses an endpoint: only a device provides tc_open. */
#include <tinycontainer.h>
long tc_start(void) {
  return tc_open(1);
}
