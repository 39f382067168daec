#include <tinycontainer.h>
char _license[] __attribute__((section("license"))) = "GPL";
long tc_start(void) {
  return _license[0];
}
