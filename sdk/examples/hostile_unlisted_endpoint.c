/* hostile_unlisted_endpoint (threat: covert control, reaching what the owner did not grant).
 *
 * Its manifest grants the battery sensor (endpoint 1). Every activation it also tries to open
 * endpoint 2 (the lock, in its imagination) and endpoint 200: both are refused with
 * TC_ENOENDPOINT, counted as denials and reported (rate-limited) in the event ring; the lock is
 * never reached. The battery read keeps working. */
#include <tinycontainer.h>

long tc_loop(void) {
  tc_log_str("hostile: opening endpoints 2 and 200, not in my manifest");
  long lock = tc_open(2);
  long other = tc_open(200);
  if (lock >= 0 || other >= 0) tc_log_str("hostile: got an unlisted endpoint!");
  long battery = tc_open(1);
  int64_t level = 0;
  if (battery >= 0) tc_read(battery, &level, sizeof level);
  return 0;
}
