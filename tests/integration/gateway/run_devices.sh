#!/bin/sh
# gateway_devices: a real tc-gateway with three real tc-device processes registered with it
# (tc-device --gateway, lifetime 2 s):
#   the admin token is written privately; the API refuses requests without a (valid) token;
#   all three are listed online; a device's own info and resources come through the gateway;
#   kill -9 of one device: it goes offline (its registration lapses), the others stay online;
#     restarted, it is online again; both transitions are on the site's event stream (curl -N)
#     and on the device's own stream, which resumes from a Last-Event-ID;
#   bad requests: malformed JSON, unknown device, missing token, wrong content type, an
#     unknown command, an offline device's resources -> each its status and error code;
#   a gateway restart (SIGTERM, exit 0) loses nothing: the devices are still known, register
#     again and are online; the admin token still works.
# Usage: run_devices.sh TC_GATEWAY TC_DEVICE TCCTL GW_JSON SOURCE_DIR
gateway=$1 device=$2 tcctl=$3 json=$4 src=$5
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

start_gateway
mode=$(stat -c %a "$work/gw/admin.token")
[ "$mode" = 600 ] && ok "admin token written with mode 600" || fail "admin.token has mode $mode"
status=$(curl -s -o "$work/body" -w '%{http_code}' "http://$http/api/v1/devices")
[ "$status" = 401 ] && [ "$(j /error/code)" = missing_token ] && ok "no token: 401 missing_token" ||
  fail "no token: $status $(cat "$work/body")"
status=$(curl -s -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer tcg_nope" \
  "http://$http/api/v1/devices")
[ "$status" = 401 ] && [ "$(j /error/code)" = invalid_token ] && ok "bad token: 401 invalid_token" ||
  fail "bad token: $status $(cat "$work/body")"

curl -s -N -H "Authorization: Bearer $token" "http://$http/api/v1/events?last_event_id=0" \
  >"$work/site.sse" &
reader=$!
pids="$pids $reader"

start_device d1 --insecure
start_device d2 --insecure
pid_d2=$dev_pid
start_device d3 --insecure
all_online() { online d1 && online d2 && online d3; }
if wait_for 20 all_online; then
  ok "three devices registered and online"
else
  fail "not all online: $(api GET /devices; cat "$work/body")"
  report
  exit 1
fi
api GET /devices >/dev/null
[ "$("$json" count "$work/body" /devices)" = 3 ] || fail "listed: $(cat "$work/body")"
[ "$("$json" select "$work/body" /devices id d2 /lifetime_s)" = 2 ] || fail "lifetime not shown"
expect 200 - "a device's info through the gateway" GET /devices/d1 && {
  [ "$(j /info/id)" = d1 ] || fail "GET /devices/d1: info.id is $(j /info/id)"
}
expect 200 - "a device's resources" GET /devices/d1/resources && {
  [ "$("$json" count "$work/body" /resources)" -gt 0 ] || fail "no resources: $(cat "$work/body")"
}

kill -9 "$pid_d2"
if wait_for 15 online d2 false; then
  ok "d2 killed: offline once its registration lapsed"
else
  fail "d2 still online after kill -9"
fi
online d1 && online d3 && ok "d1 and d3 stay online" || fail "d1 or d3 went offline"
expect 503 device_offline "an offline device's resources" GET /devices/d2/resources
start_device d2 --insecure
wait_for 15 online d2 && ok "d2 restarted: online again" || fail "d2 not back online"

got_events() {
  grep -q '^event: device_offline$' "$work/site.sse" &&
    [ "$(grep -c '^event: device_online$' "$work/site.sse")" -ge 4 ]
}
if wait_for 10 got_events; then
  ok "the site stream (curl -N) shows device_online x4 and device_offline"
else
  fail "site stream: $(cat "$work/site.sse")"
fi
grep -A1 '^event: device_offline$' "$work/site.sse" | grep -q '"device":"d2"' ||
  fail "the device_offline event is not d2's"
# The device's own stream, resumed after the first event of the site stream.
first=$(sed -n 's/^id: \([0-9]*\)$/\1/p' "$work/site.sse" | head -1)
curl -s -N --max-time 2 -H "Authorization: Bearer $token" -H "Last-Event-ID: $first" \
  "http://$http/api/v1/devices/d2/events" >"$work/d2.sse"
if grep -q '^event: device_offline$' "$work/d2.sse" && ! grep -q '"device":"d[13]"' "$work/d2.sse"; then
  ok "d2's stream resumed from Last-Event-ID $first: its events only"
else
  fail "d2's stream: $(cat "$work/d2.sse")"
fi

expect 400 malformed_json "malformed JSON" POST /tokens -H "Content-Type: application/json" \
  --data '{"name":'
expect 404 device_not_found "an unknown device" GET /devices/nobody
expect 404 device_not_found "an install for an unknown device" POST /devices/nobody/containers \
  -H "Content-Type: application/cbor" --data-binary @"$board"
expect 415 unsupported_media_type "an envelope as JSON" POST /devices/d1/containers \
  -H "Content-Type: application/json" --data '{}'
expect 400 malformed_envelope "an envelope that is not CBOR" POST /devices/d1/containers \
  -H "Content-Type: application/cbor" --data-binary '{not cbor'
expect 404 command_not_found "an unknown command" GET /commands/9999
expect 400 bad_parameter "a bad ?wait" POST /devices/d1/containers/x/start?wait=soon
expect 404 not_found "an unknown path" GET /devices/d1/nothing
api GET /commands >/dev/null
[ "$("$json" count "$work/body" /commands)" = 0 ] && ok "no bad request queued a command" ||
  fail "commands were queued: $(cat "$work/body")"

if stop_gateway; then ok "SIGTERM: the gateway exits 0"; else fail "the gateway exited $rc"; fi
start_gateway
api GET /devices >/dev/null
[ "$("$json" count "$work/body" /devices)" = 3 ] && ok "after a restart: three devices known" ||
  fail "after a restart: $(cat "$work/body")"
if wait_for 20 all_online; then
  ok "after a restart: the devices registered again and are online"
else
  fail "after a restart: $(api GET /devices; cat "$work/body")"
fi

[ "$failures" -eq 0 ] || { report; exit 1; }
echo "all gateway device checks passed"
