#include <tinycontainer.h>
long divide(long a, long b) {
  return a / b;
}
