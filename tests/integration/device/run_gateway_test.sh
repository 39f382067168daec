#!/bin/sh
# tc-device and its gateway, with libcoap's own peers playing the gateway:
#   coap-rd-notls       the resource directory (RFC 9176) tc-device --gateway registers with
#   coap-server-notls   (-d: resources created by PUT/POST) holds an install body that the device
#                       fetches by reference, and receives a container's remote-endpoint writes
# Checked:
#   registration: ep, lt, base (also for a device listening on 0.0.0.0) and the device's link
#     format held by the directory;
#   the directory restarted (it forgot every registration): the device registers again;
#   install by reference (POST /c {"uri": ...}): fetched block-wise and installed; an unknown
#     URI is fetch_failed (5.02), an http:// URI invalid_body (4.00), nothing installed;
#   remote endpoints: a container's writes arrive as CON POST ?c=NAME, Content-Format 60, at the
#     IPv4 literal of its manifest (2.01/2.04: delivered) and at "gateway" (the directory, which
#     answers 4.04: rejected, logged once); the remote read is refused;
#   SIGTERM: the device unregisters (DELETE of its location) and exits 0.
# libcoap 4.3.1's coap-rd has no refresh (POST to a registration answers 4.05), so the device
# backs off and registers again each lifetime; its DELETE handler frees twice and the process
# dies after logging the request, which is all the last check needs.
# Usage: run_gateway_test.sh TC_DEVICE TCCTL DEVICE_TOOL SOURCE_DIR
set -u
device=$1 tcctl=$2 tool=$3 src=$4
here=$(cd "$(dirname "$0")" && pwd)
for t in coap-client-notls coap-server-notls coap-rd-notls; do
  command -v $t >/dev/null || { echo "$t not found: run scripts/bootstrap (libcoap3-bin)"; exit 1; }
done
board=$src/tests/data/boards/smartdronebox.json
. "$here/../harness.sh"

start_rd() {
  coap-rd-notls -A 127.0.0.1 -p "$rd_port" -v 7 >>"$work/rd.log" 2>&1 &
  rd=$!
  pids="$pids $rd"
  wait_for 5 coap-client-notls -B 1 -m get "coap://127.0.0.1:$rd_port/.well-known/core" \
    >/dev/null 2>&1 || { echo "coap-rd-notls did not start"; exit 1; }
}

# start_device NAME HOST ARGS...: tc-device on HOST, port 0; sets $pid, $port, $d.
start_device() {
  name=$1 host=$2
  shift 2
  "$device" --profile "$board" --listen "$host:0" --state "$work/$name" --insecure --id "$name" -v "$@" \
    >"$work/$name.out" 2>"$work/$name.err" &
  pid=$!
  pids="$pids $pid"
  wait_for 5 grep -qs '^listening on' "$work/$name.out" || { cat "$work/$name.err"; exit 1; }
  port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/$name.out")
  d="coap://127.0.0.1:$port"
}

# registered EP: the directory's log shows a registration of EP answered 2.01.
registered() {
  grep -q "Uri-Query:ep=$1," "$work/rd.log" && [ -n "$(location_of "$1")" ]
}
# location_of EP: the last location the device EP registered at, from its own log.
location_of() {
  sed -n 's/.*gateway .*: registered at \(\/rd\/[^ ]*\)$/\1/p' "$work/$1.err" | tail -1
}

# answer NAME ARGS...: coap-client-notls; the payload in $work/out, its diagnostic in $work/diag,
# the client's stderr (4.xx/5.xx codes and their payload) in $work/err.
answer() {
  rm -f "$work/out"
  coap-client-notls -B 10 -o "$work/out" "$@" >/dev/null 2>"$work/err" || true
  : >"$work/diag"
  if [ -s "$work/out" ]; then "$tool" diag "$work/out" >"$work/diag" 2>&1 || true; fi
}

# reference URI FILE: the install body {"uri": URI} in CBOR (a map of one pair, text strings).
reference() {
  n=$(printf %s "$1" | wc -c)
  { printf '\241\143uri\170'; printf "\\$(printf %03o "$n")"; printf %s "$1"; } >"$2"
}

rd_port=$(free_udp_port)
srv_port=$(free_udp_port)
while [ "$srv_port" = "$rd_port" ]; do srv_port=$(free_udp_port); done
coap-server-notls -A 127.0.0.1 -p "$srv_port" -d 16 -v 7 >"$work/server.log" 2>&1 &
pids="$pids $!"
wait_for 5 coap-client-notls -B 1 -m get "coap://127.0.0.1:$srv_port/" >/dev/null 2>&1 ||
  { echo "coap-server-notls did not start"; exit 1; }
start_rd

# --- registration ----------------------------------------------------------------------------
start_device gw-dev 127.0.0.1 --gateway "coap://127.0.0.1:$rd_port" --lifetime 3
dev_pid=$pid dev_port=$port dev=$d
if wait_for 10 registered gw-dev; then
  loc=$(location_of gw-dev)
  if grep -q "Uri-Query:ep=gw-dev, Uri-Query:lt=3, Uri-Query:base=coap://127.0.0.1:$dev_port \]" "$work/rd.log"; then
    ok "registered at $loc with ep, lt and base"
  else
    fail "registration query: $(grep -m1 'ep=gw-dev' "$work/rd.log")"
  fi
  answer -m get "coap://127.0.0.1:$rd_port/.well-known/core"
  if grep -qF "<$loc>" "$work/out"; then ok "the directory lists $loc"; else
    fail "GET /.well-known/core from the directory: $(cat "$work/out")"
  fi
  answer -m get "coap://127.0.0.1:$rd_port$loc"
  if grep -qF '</c>;rt="tc.containers";ct=60' "$work/out" &&
    grep -qF '</events>;rt="tc.events";ct=60;obs' "$work/out"; then
    ok "the directory holds the device's link format"
  else
    fail "GET $loc from the directory: $(cat "$work/out" "$work/err")"
  fi
else
  fail "gw-dev did not register within 10 s"
  tail -5 "$work/gw-dev.err"
fi

start_device gw-any 0.0.0.0 --gateway "coap://127.0.0.1:$rd_port"
any_pid=$pid
if wait_for 10 grep -q "Uri-Query:ep=gw-any, Uri-Query:lt=60, Uri-Query:base=coap://127.0.0.1:$port \]" "$work/rd.log"; then
  ok "a device listening on 0.0.0.0 registers its address on the route to the gateway"
else
  fail "gw-any: $(grep -m1 'ep=gw-any' "$work/rd.log")"
fi
kill -9 "$any_pid"

# --- the directory restarts --------------------------------------------------------------------
kill -9 "$rd"
wait "$rd" 2>/dev/null
: >"$work/rd.log"
start_rd
if wait_for 30 grep -q "Uri-Query:ep=gw-dev," "$work/rd.log"; then
  ok "registered again with a restarted directory"
else
  fail "no registration at the restarted directory within 30 s"
  tail -5 "$work/gw-dev.err"
fi

# --- install by reference ------------------------------------------------------------------------
"$tcctl" build "$src/tests/data/device/table.c" -o "$work/table.tcx" >/dev/null
"$tcctl" manifest encode "$src/tests/data/device/table.json" -o "$work/table.cbor" --board "$board" >/dev/null
"$tool" pack "$work/table.tcx" "$work/table.cbor" "$work/install.cbor"
size=$(wc -c <"$work/install.cbor")
coap-client-notls -B 10 -m put -b 1024 -f "$work/install.cbor" "coap://127.0.0.1:$srv_port/b/table" \
  >/dev/null 2>&1 || fail "PUT the install body on coap-server-notls"
reference "coap://127.0.0.1:$srv_port/b/table" "$work/ref.cbor"
answer -m post -t 60 -f "$work/ref.cbor" "$dev/c"
if grep -qF '{"name": "table-app", "version": 1, "sequence": 0}' "$work/diag"; then
  ok "install by reference: $size bytes fetched block-wise, 2.01"
else
  fail "install by reference: $(cat "$work/diag" "$work/err")"
fi
reference "coap://127.0.0.1:$srv_port/b/none" "$work/none.cbor"
answer -m post -t 60 -f "$work/none.cbor" "$dev/c"
if grep -q '^5\.02' "$work/err" && grep -aq 'fetch_failed' "$work/err"; then
  ok "install by reference of a missing body: fetch_failed (5.02)"
else
  fail "missing body: $(cat "$work/err")"
fi
reference "http://127.0.0.1:$srv_port/b/table" "$work/http.cbor"
answer -m post -t 60 -f "$work/http.cbor" "$dev/c"
if grep -q '^4\.00' "$work/err" && grep -aq 'only coap:// URIs are supported' "$work/err"; then
  ok "install by reference of an http:// URI: invalid_body (4.00)"
else
  fail "http:// reference: $(cat "$work/err")"
fi
answer -m get "$dev/c"
if grep -qF '[{"name": "table-app"' "$work/diag" && ! grep -qF 'uplink' "$work/diag"; then
  ok "only the fetched container is installed"
else
  fail "GET /c: $(cat "$work/diag")"
fi

# --- remote endpoints ----------------------------------------------------------------------------
"$tcctl" build "$here/uplink_probe.c" -o "$work/probe.tcx" >/dev/null
sed "s/@PORT@/$srv_port/" "$here/uplink_probe.json.in" >"$work/probe.json"
"$tcctl" manifest encode "$work/probe.json" -o "$work/probe.cbor" --board "$board" >/dev/null
"$tool" pack "$work/probe.tcx" "$work/probe.cbor" "$work/probe-install.cbor"
answer -m post -t 60 -b 1024 -f "$work/probe-install.cbor" "$dev/c"
answer -m post "$dev/c/uplink-probe/start"
direct_ok() {
  answer -m get "coap://127.0.0.1:$srv_port/direct/report"
  grep -q '{"n": [0-9]' "$work/diag"
}
if wait_for 10 direct_ok; then
  ok "a write to coap://127.0.0.1:PORT/direct/report arrived: $(cat "$work/diag")"
else
  fail "no write arrived at coap-server-notls"
fi
if grep -q "c:POST .*Uri-Path:direct, Uri-Path:report, Content-Format:application/cbor, Uri-Query:c=uplink-probe \] :: binary data" "$work/server.log"; then
  ok "the write is a CON POST ?c=uplink-probe with Content-Format 60"
else
  fail "POST options: $(grep -m1 'Uri-Path:direct' "$work/server.log")"
fi
if wait_for 10 grep -q "c:POST .*Uri-Path:probe, Uri-Path:report, Content-Format:application/cbor, Uri-Query:c=uplink-probe" "$work/rd.log"; then
  ok "a write to coap://gateway/... goes to the gateway the device registered with"
else
  fail "no write arrived at the directory"
fi
if wait_for 5 grep -q 'uplink: .* rejected (4.04)' "$work/gw-dev.err"; then
  ok "writes the gateway answers 4.04 are logged as rejected"
else
  fail "no rejection logged: $(grep uplink "$work/gw-dev.err" | head -3)"
fi
answer -m get "$dev/c/uplink-probe"
written=$(sed -n 's/.*"bytes_written": \([0-9]*\).*/\1/p' "$work/diag")
if [ "${written:-0}" -gt 0 ]; then ok "bytes_written counts the writes ($written)"; else
  fail "bytes_written: $(cat "$work/diag")"
fi
answer -m get "$dev/c/uplink-probe/logs"
if grep -qF 'uplink: read refused' "$work/diag" && ! grep -qF 'write refused' "$work/diag"; then
  ok "a remote read is refused (TC_ENOTSUP), writes are not"
else
  fail "probe logs: $(cat "$work/diag")"
fi

# --- unregistration ------------------------------------------------------------------------------
# Against coap-rd the device alternates between registered and backing off (see above): stop it
# right after a new registration, which then holds for 3/4 of its 3 s lifetime.
registrations() { grep -c ': registered at ' "$work/gw-dev.err"; }
before=$(registrations)
registered_again() { [ "$(registrations)" -gt "$before" ]; }
wait_for 10 registered_again || fail "gw-dev did not register again"
kill -TERM "$dev_pid"
if wait_for 10 sh -c "! kill -0 $dev_pid 2>/dev/null"; then
  wait "$dev_pid"
  status=$?
  if [ "$status" -eq 0 ]; then ok "SIGTERM: exit 0"; else fail "SIGTERM: exit $status"; fi
else
  fail "tc-device still running 10 s after SIGTERM"
fi
loc=$(location_of gw-dev)
rd_path=$(echo "$loc" | sed 's|^/rd/|Uri-Path:rd, Uri-Path:|')
if grep -q "c:DELETE .*\[ $rd_path \]" "$work/rd.log"; then
  ok "SIGTERM: DELETE $loc"
else
  fail "no DELETE $loc: $(grep 'c:DELETE' "$work/rd.log" | head -2)"
fi

if [ "$failures" -ne 0 ]; then
  echo "--- tc-device stderr (gw-dev)"
  tail -20 "$work/gw-dev.err"
fi
[ "$failures" -eq 0 ]
