/* hostile_channel (threat: covert control, talking to containers the owner did not connect).
 *
 * A container of another tenant ("rogue"). Its manifest names channel/alerts for writing, like
 * the delivery company's climate_monitor, and channel/chatter. Every activation it:
 * - publishes a forged alert on channel/alerts: accepted (0) but delivered to nobody, because
 *   channels connect containers of one tenant only: alert_logger (deliveryco) never sees it;
 * - publishes on channel/chatter, which no container subscribes: accepted, delivered to nobody;
 * - publishes on endpoint 9, a channel its manifest does not name: TC_ENOENDPOINT;
 * - publishes on endpoint 3, the battery sensor (not a channel): TC_ENOTFOUND. */
#include <tinycontainer.h>

#define EP_ALERTS 1u
#define EP_CHATTER 2u
#define EP_BATTERY 3u
#define EP_UNNAMED 9u

struct alert {
  uint32_t kind;
  uint32_t high;
  int64_t value;
};

long tc_loop(void) {
  struct alert forged = {1, 1, 9999};
  tc_log_str("hostile: forging alerts on other tenants' channels");
  tc_publish(EP_ALERTS, &forged, sizeof forged);
  tc_publish(EP_CHATTER, &forged, sizeof forged);
  tc_publish(EP_UNNAMED, &forged, sizeof forged);
  tc_publish(EP_BATTERY, &forged, sizeof forged);
  return 0;
}
