#!/bin/sh
# gateway_platform: a real tc-gateway --platform against fake_platform (a stand-in for
# tc-platform), with a real tc-device and a signed address_display envelope (as in
# run_containers.sh):
#   the desired state names the envelope (digest, size, sequence) -> the gateway fetches it,
#     installs and starts it on d1; the pushed state says converged; events and usage items
#     reach the platform; GET /api/v1/platform shows the link;
#   desired `stopped` -> stopped; the container left out of the list -> removed;
#   the platform refuses events (503) while the device goes offline; the gateway is killed
#     (kill -9) with those items unacknowledged; restarted, it delivers them.
# Usage: run_platform.sh TC_GATEWAY TC_DEVICE TCCTL GW_JSON SOURCE_DIR IMAGES_DIR FAKE_PLATFORM
gateway=$1 device=$2 tcctl=$3 json=$4 src=$5 images=$6 fake=$7
here=$(cd "$(dirname "$0")" && pwd)
. "$here/common.sh"

app=address-display
operator_key
sign_envelope "$images/address_display.tcx" "$src/sdk/examples/address_display.json" 1 "$work/v1.suit"
digest=$(sha256sum "$work/v1.suit" | cut -d' ' -f1)
size=$(wc -c <"$work/v1.suit" | tr -d ' ')
mkdir -p "$work/envelopes" "$work/platform"
cp "$work/v1.suit" "$work/envelopes/$digest"

# desired REVISION STATE|none: the document fake_platform serves.
desired() {
  if [ "$2" = none ]; then list=; else
    list="{\"name\":\"$app\",\"sequence\":1,\"digest\":\"$digest\",\"size\":$size,\"state\":\"$2\"}"
  fi
  printf '{"revision":"%s","devices":{"d1":{"containers":[%s]}}}\n' "$1" "$list" \
    >"$work/desired.tmp" && mv "$work/desired.tmp" "$work/desired.json"
}
desired 1 running

"$fake" gw-secret "$work/desired.json" "$work/envelopes" "$work/platform" \
  >"$work/platform.out" 2>"$work/platform.log" &
pids="$pids $!"
wait_for 20 grep -q "^http on" "$work/platform.out" || { echo "FAIL fake_platform"; exit 1; }
platform_url=http://$(sed -n 's/^http on //p' "$work/platform.out")
link="--platform $platform_url --token gw-secret --sync-interval 200 --usage-interval 1000"

# container_state: the container's state on d1 through the gateway's API, or the HTTP status.
container_state() {
  s=$(api GET "/devices/d1/containers/$app")
  if [ "$s" = 200 ]; then j /state; else echo "$s"; fi
}
is_state() { [ "$(container_state)" = "$1" ]; }
synced() { [ "$("$json" get "$work/platform/state.json" /devices/0/sync/0/status)" = "$1" ]; }
has_item() { grep -q "$1" "$work/platform/items.jsonl"; }

# shellcheck disable=SC2086
start_gateway $link
start_device d1 --trust "$work/ops/public.pem"
wait_for 20 online d1 || { fail "d1 not online"; report; exit 1; }

wait_for 90 is_state running && ok "desired running: installed and running" ||
  { fail "not running: $(container_state)"; report; exit 1; }
wait_for 30 synced converged && ok "state pushed: converged" ||
  fail "sync: $(cat "$work/platform/state.json")"
wait_for 30 has_item '"type":"device_online"' && ok "events reach the platform" ||
  fail "no device_online item"
wait_for 30 has_item '"kind":"usage"' && ok "usage reaches the platform" || fail "no usage item"
expect 200 - "GET /platform" GET /platform &&
  { [ "$(j /enabled)" = true ] && [ "$(j /desired_revision)" = 1 ] ||
    fail "platform status: $(cat "$work/body")"; }

desired 2 stopped
wait_for 60 is_state stopped && ok "desired stopped: stopped" ||
  fail "not stopped: $(container_state)"
desired 3 none
wait_for 60 is_state 404 && ok "left out of the list: removed" ||
  fail "not removed: $(container_state)"

# Items the platform does not acknowledge survive a kill -9 of the gateway.
touch "$work/platform/down"
kill -9 "$dev_pid"
pending() { [ "$(api GET /platform)" = 200 ] && [ "$(j /outbox_pending)" -gt 0 ]; }
wait_for 30 online d1 false || fail "d1 not offline"
wait_for 30 pending || fail "nothing waiting in the outbox: $(cat "$work/body")"
has_item '"type":"device_offline"' && fail "device_offline delivered while the platform was down"
kill -9 "$gw_pid"
wait "$gw_pid" 2>/dev/null
gw_pid=
rm "$work/platform/down"
# shellcheck disable=SC2086
start_gateway $link
wait_for 60 has_item '"type":"device_offline"' &&
  ok "unacknowledged items delivered after kill -9 and restart" ||
  { fail "device_offline never delivered"; report; }

[ "$failures" = 0 ] || { report; exit 1; }
echo "all passed"
