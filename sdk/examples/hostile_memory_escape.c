/* hostile_memory_escape (threat: escape, reading other memory).
 *
 * Each activation first hands the device buffers outside its regions (a NULL buffer to tc_read,
 * a log message in slot 6, a key-value value past the end of its data): each refused with
 * TC_EFAULT, counted as a denial. Then it dereferences memory it does not own itself, one target
 * per activation in turn: NULL (slot 0, never mapped), another slot (slot 6, never mapped for a
 * container), and the byte just past its own .data/.bss. Each traps: the activation is aborted
 * (a violation with the trap kind and address), a strike; the policy then restarts it with
 * back-off and finally faults it. */
#include <tinycontainer.h>

#define DATA_BYTES 64u /* the manifest's data_bytes: the data slot ends here */

static uint64_t attempts; /* .bss: zero after each restart */
static long battery = -1;

long tc_loop(void) {
  uint64_t k = attempts++;
  if (battery < 0) battery = tc_open(1);
  tc_log_str("hostile: handing the device buffers outside my regions");
  tc_read(battery, (void*)0, 8);                                           /* NULL buffer */
  tc_log((const char*)TC_ADDRESS(6, 0), 16);                               /* another slot */
  tc_kv_put("x", 1, (const void*)TC_ADDRESS(TC_SLOT_DATA, DATA_BYTES), 8); /* past my data */

  volatile uint64_t* target;
  switch (k % 3) {
    case 0:
      tc_log_str("hostile: reading address 0");
      target = (volatile uint64_t*)0;
      return (long)*target;
    case 1:
      tc_log_str("hostile: writing into slot 6");
      target = (volatile uint64_t*)TC_ADDRESS(6, 0x40);
      *target = 0xdeadbeef;
      return 0;
    default:
      tc_log_str("hostile: reading past my data");
      target = (volatile uint64_t*)TC_ADDRESS(TC_SLOT_DATA, DATA_BYTES);
      return (long)*target;
  }
}
