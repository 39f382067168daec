#!/bin/sh
# gateway_containers: containers on a real tc-device managed through a real tc-gateway, with a
# signed envelope made by tcctl keygen + tcctl sign (the device trusts only that key):
#   install: POST /devices/d1/containers (application/suit-envelope+cose) ?wait -> 201; the
#     device fetched the envelope block-wise from the gateway (install by reference);
#   the container is listed (with ?detail its status), runs, has logs;
#   proxy: address_display's export `recipient` read (text) and changed with PUT through
#     /devices/d1/apps/address-display/recipient;
#   stop and start ?wait -> 200 with the container's new state; the same envelope again is
#     refused (403 rollback, the device's answer inside, the command failed);
#   commands while the device is down: queued (202, Location), executed once it is back;
#   a gateway restart with a command queued for an offline device loses nothing: the command
#     runs when the device returns;
#   the site's event stream shows the device's own events (installed) and command updates;
#   remote endpoints: radio_mapper's writes to coap://gateway/citymaps/coverage reach the
#     gateway and appear on the device's stream as `report` events, its CBOR as JSON.
# Usage: run_containers.sh TC_GATEWAY TC_DEVICE TCCTL GW_JSON SOURCE_DIR IMAGES_DIR
gateway=$1 device=$2 tcctl=$3 json=$4 src=$5 images=$6
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

app=address-display
operator_key
sign_envelope "$images/address_display.tcx" "$src/sdk/examples/address_display.json" 1 "$work/v1.suit"
# radio_mapper reports every loop; one loop a second instead of ten keeps the test short.
"$tcctl" build "$src/sdk/examples/radio_mapper.c" -o "$work/radio.tcx" >/dev/null ||
  { echo "FAIL tcctl build radio_mapper"; exit 1; }
sed 's/"loop_period_ms": 10000/"loop_period_ms": 1000/' "$src/sdk/examples/radio_mapper.json" \
  >"$work/radio.json"
sign_envelope "$work/radio.tcx" "$work/radio.json" 1 "$work/radio.suit"

start_gateway
curl -s -N -H "Authorization: Bearer $token" "http://$http/api/v1/events?last_event_id=0" \
  >"$work/site.sse" &
pids="$pids $!"
start_device d1 --trust "$work/ops/public.pem"
wait_for 20 online d1 || { fail "d1 not online"; report; exit 1; }

if expect 201 - "install through the gateway" POST "/devices/d1/containers?wait=60" \
  -H "Content-Type: application/suit-envelope+cose" --data-binary @"$work/v1.suit"; then
  [ "$(j /status)" = done ] && [ "$(j /result/name)" = "$app" ] ||
    fail "install answer: $(cat "$work/body")"
else
  report
  exit 1
fi
[ "$(api GET /devices/d1/containers/$app)" = 200 ] || fail "status: $(cat "$work/body")"
[ "$(j /state)" = running ] || { api POST "/devices/d1/containers/$app/start?wait=10" >/dev/null; }
api GET "/devices/d1/containers?detail=true" >/dev/null
[ "$("$json" select "$work/body" /containers name "$app" /status/state)" = running ] &&
  ok "listed with its status: running" || fail "container list: $(cat "$work/body")"
expect 200 - "its logs" GET "/devices/d1/containers/$app/logs?from=0" && {
  [ "$("$json" count "$work/body" /lines)" -ge 1 ] || fail "no log lines: $(cat "$work/body")"
}

expect 200 - "proxy: GET recipient" GET "/devices/d1/apps/$app/recipient" &&
  { grep -q "Harbour Lane" "$work/body" || fail "recipient: $(cat "$work/body")"; }
expect 204 - "proxy: PUT recipient" PUT "/devices/d1/apps/$app/recipient" \
  -H "Content-Type: text/plain" --data-binary "A. Smith, 1 Quay"
expect 200 - "proxy: GET recipient again" GET "/devices/d1/apps/$app/recipient" &&
  { [ "$(cat "$work/body")" = "A. Smith, 1 Quay" ] || fail "recipient now: $(cat "$work/body")"; }
expect 404 not_found "proxy: a path that is no export" GET "/devices/d1/apps/$app/nothing"

# Remote endpoints: the container's writes reach the gateway as reports.
curl -s -N -H "Authorization: Bearer $token" "http://$http/api/v1/devices/d1/events" \
  >"$work/d1.sse" &
pids="$pids $!"
expect 201 - "install radio_mapper" POST "/devices/d1/containers?wait=60" \
  -H "Content-Type: application/suit-envelope+cose" --data-binary @"$work/radio.suit"
api GET /devices/d1/containers/radio-mapper >/dev/null
[ "$(j /state)" = running ] || api POST "/devices/d1/containers/radio-mapper/start?wait=10" >/dev/null
report_arrived() { grep -q '"path":"/citymaps/coverage"' "$work/d1.sse"; }
if wait_for 30 report_arrived; then
  line=$(grep -m1 '"path":"/citymaps/coverage"' "$work/d1.sse")
  case $line in
  *'"container":"radio-mapper"'*'"scans":'*) ok "radio_mapper's write is a report event with its CBOR as JSON" ;;
  *) fail "report event: $line" ;;
  esac
  grep -B2 -m1 '"path":"/citymaps/coverage"' "$work/d1.sse" | grep -q '^event: report$' ||
    fail "the report's event type: $(grep -B2 -m1 citymaps "$work/d1.sse")"
else
  fail "no report from radio_mapper on d1's stream: $(tail -5 "$work/d1.sse")"
fi
expect 200 - "remove radio_mapper" DELETE "/devices/d1/containers/radio-mapper?wait=10"

expect 200 - "stop ?wait" POST "/devices/d1/containers/$app/stop?wait=10" &&
  { [ "$(j /result/state)" = stopped ] || fail "after stop: $(cat "$work/body")"; }
expect 200 - "start ?wait" POST "/devices/d1/containers/$app/start?wait=10" &&
  { [ "$(j /result/state)" = running ] || fail "after start: $(cat "$work/body")"; }
expect 403 rollback "the same envelope again" POST "/devices/d1/containers?wait=60" \
  -H "Content-Type: application/suit-envelope+cose" --data-binary @"$work/v1.suit" &&
  { [ "$(j /error/device_answer/reason)" = rollback ] || fail "refusal: $(cat "$work/body")"; }

# Commands for a device that is down.
kill -9 "$dev_pid"
wait_for 15 online d1 false || fail "d1 still online after kill -9"
if expect 202 - "stop while d1 is down: queued" POST "/devices/d1/containers/$app/stop"; then
  stop_id=$(j /id)
  [ "$(j /status)" = queued ] || fail "not queued: $(cat "$work/body")"
fi
command_done() { [ "$(api GET "/commands/$1")" = 200 ] && [ "$(j /status)" = done ]; }
start_device d1 --trust "$work/ops/public.pem"
if wait_for 30 command_done "$stop_id"; then
  ok "d1 back: the queued stop ran"
  api GET "/devices/d1/containers/$app" >/dev/null
  [ "$(j /state)" = stopped ] || fail "after the queued stop: $(cat "$work/body")"
else
  fail "the queued stop: $(api GET "/commands/$stop_id"; cat "$work/body")"
fi

# A gateway restart with a command queued for a device that is down.
kill -9 "$dev_pid"
wait_for 15 online d1 false || fail "d1 still online after kill -9"
expect 202 - "start while d1 is down: queued" POST "/devices/d1/containers/$app/start"
start_id=$(j /id)
stop_gateway || fail "the gateway exited $rc"
start_gateway
[ "$(api GET "/commands/$start_id")" = 200 ] && [ "$(j /status)" = queued ] &&
  ok "after a gateway restart: the start is still queued" ||
  fail "after a gateway restart: $(cat "$work/body")"
curl -s -N -H "Authorization: Bearer $token" "http://$http/api/v1/events?last_event_id=0" \
  >"$work/site2.sse" &
pids="$pids $!"
start_device d1 --trust "$work/ops/public.pem"
if wait_for 30 command_done "$start_id"; then
  ok "d1 back: the start queued before the restart ran"
else
  fail "the queued start: $(api GET "/commands/$start_id"; cat "$work/body")"
fi

grep -q '^event: installed$' "$work/site.sse" && ok "the site stream has the device's installed event" ||
  fail "no installed event on the stream"
grep -q '^event: command_done$' "$work/site.sse" && grep -q '^event: command_failed$' "$work/site.sse" &&
  ok "the site stream has command updates" || fail "no command events on the stream"
wait_for 10 grep -q '^event: command_done$' "$work/site2.sse" ||
  fail "no command_done on the stream after the restart"

[ "$failures" -eq 0 ] || { report; exit 1; }
echo "all gateway container checks passed"
