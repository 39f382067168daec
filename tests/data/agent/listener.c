/* Logs every channel message it receives. */
#include <tinycontainer.h>

long tc_on_message(const void* msg, uint32_t len) {
  return tc_log((const char*)msg, len);
}
