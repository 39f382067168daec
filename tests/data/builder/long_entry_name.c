#include <tinycontainer.h>
long this_name_is_far_too_long(void) {
  return 0;
}
