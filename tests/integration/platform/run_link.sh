#!/bin/sh
# platform_link: the platform link end to end (docs/api/platform-link.md) with every part real:
# tc-platform (SQLite, or a fresh PostgreSQL database of its own), a gateway enrolled through the
# API with curl, tc-gateway --platform URL --token T, a tc-device registered with the gateway.
#   the device appears on the platform (GET /api/v1/devices) online, with device_online events;
#   the gateway pulls the (empty) desired document and reports its revision;
#   a desired container written into the platform's database (what a deployment will write) is
#     installed and started on the device through the link: the envelope fetched from the
#     platform, the pushed state says converged, usage arrives;
#   a user's token on /api/v1/gateway/* and the gateway's token elsewhere are refused (403).
# Usage: run_link.sh TC_PLATFORM TC_GATEWAY TC_DEVICE TCCTL GW_JSON SOURCE_DIR IMAGES_DIR sqlite
#        run_link.sh ... postgres PG_URI_FILE
platform=$1 gateway=$2 device=$3 tcctl=$4 json=$5 src=$6 images=$7 store=$8
. "$src/tests/integration/gateway/common.sh"

db_url= admin_uri= dbname=
if [ "$store" = postgres ]; then
  command -v psql >/dev/null || { echo "psql not found"; exit 1; }
  admin_uri=$(cat "$9") || { echo "FAIL no PostgreSQL URI in $9"; exit 1; }
  dbname=platform_link_$$
  psql -q "$admin_uri" -c "CREATE DATABASE $dbname" || { echo "FAIL cannot create $dbname"; exit 1; }
  db_url=$(printf '%s' "$admin_uri" | sed "s|/[^/?]*\(?.*\)\{0,1\}$|/$dbname\1|")
fi
# The gateway first (it talks to the platform), then the database it used.
on_exit() {
  end_gateway
  [ -z "$dbname" ] || psql -q "$admin_uri" -c "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" || true
}

state=$work/platform
if [ -n "$db_url" ]; then
  "$platform" --db "$db_url" --http 127.0.0.1:0 --state "$state" -v >"$work/platform.out" \
    2>"$work/platform.log" &
else
  "$platform" --http 127.0.0.1:0 --state "$state" -v >"$work/platform.out" \
    2>"$work/platform.log" &
fi
pids="$pids $!"
wait_for 30 grep -q "^listening on http://" "$work/platform.out" ||
  { echo "FAIL tc-platform did not start"; cat "$work/platform.log"; exit 1; }
platform_url=$(sed -n 's|^listening on \(http://127.0.0.1:[0-9]*\)$|\1|p' "$work/platform.out")
admin=$(cat "$state/admin.token")

# papi TOKEN METHOD PATH [CURL ARGS...]: tc-platform's API; the body in $work/pbody, the status on
# stdout. pj POINTER: a value of that body.
papi() {
  t=$1 method=$2 path=$3
  shift 3
  curl -s -o "$work/pbody" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $t" "$@" \
    "$platform_url/api/v1$path"
}
pj() { "$json" get "$work/pbody" "$1"; }
# sql STATEMENTS: run on the platform's database (what a deployment will write, until it exists).
sql() {
  if [ -n "$db_url" ]; then
    psql -q -v ON_ERROR_STOP=1 "$db_url" -c "$1" >/dev/null
  else
    sqlite3 -cmd ".timeout 10000" "$state/platform.db" "$1"
  fi
}

code=$(papi "$admin" POST /tenants -H 'Content-Type: application/json' -d '{"name":"maker"}')
[ "$code" = 201 ] || { echo "FAIL tenant: $code $(cat "$work/pbody")"; exit 1; }
code=$(papi "$admin" POST /gateways -H 'Content-Type: application/json' \
  -d '{"name":"site-1","owner":"maker"}')
[ "$code" = 201 ] && ok "a gateway is enrolled" ||
  { echo "FAIL enroll: $code $(cat "$work/pbody")"; exit 1; }
gw_token=$(pj /token)

app=address-display
operator_key
sign_envelope "$images/address_display.tcx" "$src/sdk/examples/address_display.json" 1 "$work/v1.suit"
digest=$(sha256sum "$work/v1.suit" | cut -d' ' -f1)

start_gateway --platform "$platform_url" --token "$gw_token" --sync-interval 200 \
  --usage-interval 1000
start_device d1 --trust "$work/ops/public.pem"

platform_online() { [ "$(papi "$admin" GET /devices/d1)" = 200 ] && [ "$(pj /online)" = true ]; }
wait_for 60 platform_online && ok "the device appears on the platform, online" ||
  { fail "d1 not online on the platform: $(cat "$work/pbody")"; report; exit 1; }
[ "$(pj /gateway)" = site-1 ] && [ "$(pj /owner)" = maker ] &&
  ok "it belongs to the gateway and the gateway's owner" || fail "device: $(cat "$work/pbody")"
has_event() { papi "$admin" GET "/events?device=d1" >/dev/null && grep -q "\"type\":\"$1\"" "$work/pbody"; }
wait_for 30 has_event device_online && ok "device_online arrives as an event" ||
  fail "no device_online event: $(cat "$work/pbody")"
papi "$admin" GET /gateways >/dev/null
[ "$(pj /gateways/0/last_seen_ms)" != null ] && ok "the state push is the gateway's heartbeat" ||
  fail "gateway last_seen_ms: $(cat "$work/pbody")"

# gw_revision: the desired revision the gateway holds (its own API); platform_revision: the
# platform's, asked with the gateway's token.
gw_revision() { [ "$(api GET /platform)" = 200 ] && j /desired_revision; }
platform_revision() { papi "$gw_token" GET /gateway/desired >/dev/null && pj /revision; }
holds() { [ "$(gw_revision)" = "$1" ]; }
empty=$(platform_revision)
[ -n "$empty" ] && wait_for 30 holds "$empty" &&
  ok "the gateway holds the platform's (empty) desired document" ||
  fail "desired revision: gateway $(gw_revision), platform $empty"

# A desired container: installed and started through the link.
if [ -n "$db_url" ]; then
  bytes="decode('$(xxd -p "$work/v1.suit" | tr -d '\n')', 'hex')"
else
  bytes="readfile('$work/v1.suit')"
fi
sql "BEGIN;
INSERT INTO envelopes (sha256, bytes, created_ms) VALUES ('$digest', $bytes, 0);
INSERT INTO desired (device_id, container, sequence, envelope_sha256, run_state)
  SELECT id, '$app', 1, '$digest', 'running' FROM devices WHERE name = 'd1';
COMMIT;" || { fail "cannot write the desired container"; report; exit 1; }
revision=$(platform_revision)
[ "$revision" != "$empty" ] && ok "the desired revision changes" || fail "revision unchanged"
container_state() {
  s=$(api GET "/devices/d1/containers/$app")
  if [ "$s" = 200 ]; then j /state; else echo "$s"; fi
}
is_running() { [ "$(container_state)" = running ]; }
wait_for 90 is_running && ok "the desired container is installed and running on the device" ||
  { fail "not running: $(container_state)"; report; exit 1; }
converged() { papi "$admin" GET /devices/d1 >/dev/null && [ "$(pj /sync/0/status)" = converged ]; }
wait_for 30 converged && ok "the platform sees it converged" ||
  fail "sync on the platform: $(cat "$work/pbody")"
[ "$(pj /managed)" = true ] && ok "the device is managed" || fail "not managed: $(cat "$work/pbody")"
wait_for 30 holds "$revision" && ok "the gateway reports the new revision" ||
  fail "gateway holds $(gw_revision), platform $revision"
has_usage() { papi "$admin" GET "/usage?device=d1" >/dev/null && [ "$("$json" count "$work/pbody" /usage)" -gt 0 ]; }
wait_for 30 has_usage && ok "usage arrives" || fail "no usage: $(cat "$work/pbody")"

[ "$(papi "$admin" GET /gateway/desired)" = 403 ] && ok "a user's token on the link: 403" ||
  fail "user token on the link: $(cat "$work/pbody")"
[ "$(papi "$gw_token" GET /devices)" = 403 ] && ok "the gateway's token elsewhere: 403" ||
  fail "gateway token on /devices: $(cat "$work/pbody")"

[ "$failures" = 0 ] || { report; tail -20 "$work/platform.log"; exit 1; }
echo "all platform link checks passed ($store)"
