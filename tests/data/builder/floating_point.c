#include <tinycontainer.h>
double gain = 1.5;
long scale(long x) {
  return (long)(x * gain);
}
