#!/bin/sh
# tc-device (ports/native) driven by libcoap's coap-client-notls: discovery, device info, the
# resource catalog, a block-wise install of a real container (built with tcctl), its life cycle,
# logs, a container export (separate response), /events observed, persistence across kill -9,
# and the refusals (no --insecure, a manifest the board does not allow, a busy port, a bad profile).
# Usage: run_device_test.sh TC_DEVICE TCCTL DEVICE_TOOL SOURCE_DIR
set -eu
device=$1 tcctl=$2 tool=$3 src=$4
client=$(command -v coap-client-notls || true)
if [ -z "$client" ]; then
  echo "coap-client-notls not found: run scripts/bootstrap (Debian libcoap3-bin)" >&2
  exit 1
fi
board=$src/tests/data/boards/smartdronebox.json
. "$(dirname "$0")/../harness.sh"

# expect_error NAME TEXT: the error answer (printed by coap-client on stderr) is {"error": TEXT}.
expect_error() {
  if grep -aqF "eerror" "$work/err" && grep -aqF -- "$2" "$work/err"; then ok "$1"; else
    fail "$1: error text '$2' not in the answer"
    sed 's/^/  stderr: /' "$work/err" | head -5
  fi
}

# start_device NAME ARGS...: starts tc-device on port 0, sets $pid and $uri.
start_device() {
  name=$1
  shift
  "$device" --profile "$board" --listen 127.0.0.1:0 "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pid=$!
  pids="$pids $pid"
  for _ in $(seq 50); do
    grep -q '^listening on' "$work/$name.out" 2>/dev/null && break
    sleep 0.1
  done
  port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/$name.out")
  [ -n "$port" ] || { cat "$work/$name.err"; echo "tc-device did not report its port"; exit 1; }
  uri="coap://127.0.0.1:$port"
}

# coap NAME ARGS...: runs the client, payload in $work/out, its diagnostic in $work/diag, the
# client's stderr (response codes) in $work/err.
coap() {
  name=$1
  shift
  echo "  \$ coap-client-notls -B 10 $*" | sed "s|$uri|coap://127.0.0.1:PORT|g; s|$work/||g" >>"$work/commands"
  rm -f "$work/out"
  "$client" -B 10 -o "$work/out" "$@" >"$work/stdout" 2>"$work/err" || true
  : >"$work/diag"
  if [ -s "$work/out" ]; then "$tool" diag "$work/out" >"$work/diag" 2>&1 || true; fi
}

# expect NAME PATTERN...: every fixed string PATTERN occurs in the diagnostic of the last answer.
expect() {
  name=$1
  shift
  for pattern in "$@"; do
    if ! grep -qF -- "$pattern" "$work/diag"; then
      fail "$name: '$pattern' not in the answer"
      echo "  answer: $(head -c 600 "$work/diag")"
      sed 's/^/  stderr: /' "$work/err" | head -5
      return
    fi
  done
  ok "$name"
}

# expect_code NAME CODE: coap-client reports 4.xx/5.xx codes on stderr (with the error payload)
# and nothing for 2.xx: a success is an answer without an error code.
expect_code() {
  name=$1 code=$2
  case $code in
    2.*) if grep -q '^[45]\.[0-9][0-9]' "$work/err"; then
           fail "$name: expected $code"
           sed 's/^/  stderr: /' "$work/err" | head -5
         else ok "$name (2.xx)"; fi
         return ;;
  esac
  if grep -q "$code" "$work/err"; then ok "$name ($code)"; else
    fail "$name: $code not reported"
    sed 's/^/  stderr: /' "$work/err" | head -5
  fi
}

# --- the container and its install body -----------------------------------------------------
"$tcctl" build "$src/tests/data/device/table.c" -o "$work/table.tcx" >/dev/null
"$tcctl" manifest encode "$src/tests/data/device/table.json" -o "$work/table.cbor" --board "$board" >/dev/null
"$tcctl" manifest encode "$src/tests/data/device/bad-board.json" -o "$work/bad.cbor" >/dev/null
"$tool" pack "$work/table.tcx" "$work/table.cbor" "$work/install.cbor"
"$tool" pack "$work/table.tcx" "$work/bad.cbor" "$work/bad-install.cbor"
size=$(wc -c <"$work/install.cbor")
[ "$size" -ge 16384 ] || { echo "install body is only $size bytes"; exit 1; }
echo "install body: $size bytes"

state=$work/state
start_device a --state "$state" --insecure --id dev-a
pid_a=$pid

# --- device information --------------------------------------------------------------------
coap discovery -m get "$uri/.well-known/core"
if grep -qF '</c>;rt="tc.containers";ct=60' "$work/out" && grep -qF '</events>;rt="tc.events";ct=60;obs' "$work/out"; then
  ok discovery
else
  fail "discovery: $(cat "$work/out")"
fi
coap "GET /dev" -m get "$uri/dev"
expect "GET /dev" '"id": "dev-a"' '"model": "smartdronebox-v1"' '"capacity": 4' '"insecure": true'
coap "GET /dev/resources" -m get "$uri/dev/resources"
expect "GET /dev/resources" '"name": "sensor/temperature"' '"kind": "sensor"' '"unit": "cdegC"' \
  '"name": "radio/scanner"' '"access": "read_write"'
coap "GET /dev/resources/sensor/temperature" -m get "$uri/dev/resources/sensor/temperature"
expect "GET /dev/resources/sensor/temperature" '"name": "sensor/temperature"' '"value": 2'
coap "GET /dev/resources/radio/scanner" -m get "$uri/dev/resources/radio/scanner"
expect "GET /dev/resources/radio/scanner (bytes)" '"value": h'"'"
coap "GET /dev/resources/sensor/nothing" -m get "$uri/dev/resources/sensor/nothing"
expect_code "GET an unknown resource" 4.04
expect_error "unknown resource error body" 'no such resource'

# --- install -----------------------------------------------------------------------------
coap "install: manifest not allowed by the board" -m post -t 60 -f "$work/bad-install.cbor" -b 1024 "$uri/c"
expect_code "install: manifest not allowed by the board" 4.00
expect_error "install: manifest not allowed by the board (text)" 'manifest: endpoints[0].target: no such resource'
printf '\202\101x' >"$work/garbage.cbor"
coap "install: malformed body" -m post -t 60 -f "$work/garbage.cbor" "$uri/c"
expect_code "install: malformed body" 4.00
coap "install (Block1, $size bytes)" -m post -t 60 -f "$work/install.cbor" -b 1024 "$uri/c"
expect_code "install (Block1)" 2.01
expect "install answer" '{"name": "table-app", "version": 1, "sequence": 0}'
coap "GET /c" -m get "$uri/c"
expect "GET /c: installed" '[{"name": "table-app", "version": 1, "tenant": "tests", "state": "installed"}]'

# --- life cycle, logs, export ---------------------------------------------------------------
coap "POST start" -m post "$uri/c/table-app/start"
expect_code "POST /c/table-app/start" 2.04
coap "POST start again" -m post "$uri/c/table-app/start"
expect_code "POST start when running" 4.12
expect_error "start when running: error text" 'already running'
sleep 1
coap "GET /c/table-app" -m get "$uri/c/table-app"
expect "GET /c/table-app: running" '"state": "running"' '"activations": ' '"memory": {'
coap "GET logs" -m get "$uri/c/table-app/logs"
expect "GET /c/table-app/logs" '"next": ' '"table ready"]'
coap "GET logs?from=2" -m get "$uri/c/table-app/logs?from=2"
if grep -qF '"table ready"' "$work/diag"; then fail "logs ?from=2 still holds line 1"; else ok "GET logs?from=2"; fi
coap "GET x/sum" -m get "$uri/c/table-app/x/sum"
if [ "$(wc -c <"$work/out")" -eq 4 ]; then ok "GET /c/table-app/x/sum (separate response, 4 bytes)"; else
  fail "GET x/sum: $(wc -c <"$work/out") bytes"; sed 's/^/  stderr: /' "$work/err"
fi
coap "GET x/nothing" -m get "$uri/c/table-app/x/nothing"
expect_code "GET an unknown export" 4.04
coap "GET backlight" -m get "$uri/dev/resources/actuator/backlight"
expect "actuator writes recorded" '"writes": [['
coap "GET /dev/stats" -m get "$uri/dev/stats"
expect "GET /dev/stats" '"containers": 1' '"coap": {'

# --- events ------------------------------------------------------------------------------
coap "GET /events" -m get "$uri/events"
expect "GET /events" '"kind": "installed", "container": "table-app", "version": 1' '"kind": "started"'
echo "  \$ coap-client-notls -s 3 -m get coap://127.0.0.1:PORT/events" >>"$work/commands"
"$client" -s 3 -m get "$uri/events" >"$work/observe" 2>"$work/err" || true
n=$(grep -a -o 'dnext' "$work/observe" | wc -l)
logs=$(grep -a -o 'clog' "$work/observe" | wc -l)
if [ "$n" -ge 2 ] && [ "$logs" -ge 2 ]; then ok "observe /events for 3 s ($n notifications, $logs log events)"; else
  fail "observe /events: $n notifications, $logs log events"
fi

# --- persistence: kill -9 and start again on the same state --------------------------------
kill -9 "$pid_a"
wait "$pid_a" 2>/dev/null || true
start_device a2 --state "$state" --insecure
pid_a=$pid
sleep 0.5
coap "after restart: GET /c/table-app" -m get "$uri/c/table-app"
expect "kill -9 and restart keeps the container running" '"name": "table-app"' '"state": "running"'
coap "after restart: GET /dev" -m get "$uri/dev"
expect "the device id is kept in the state directory" '"id": "dev-a"'
coap "after restart: GET /events" -m get "$uri/events"
expect "after restart: restored event" '"kind": "restored"'

# --- stop and remove -------------------------------------------------------------------------
coap "POST stop" -m post "$uri/c/table-app/stop"
expect_code "POST /c/table-app/stop" 2.04
coap "GET /c/table-app stopped" -m get "$uri/c/table-app"
expect "GET /c/table-app: stopped" '"state": "stopped"'
coap "GET logs after stop" -m get "$uri/c/table-app/logs"
expect "tc_stop logged" '"bye"]'
coap "DELETE" -m delete "$uri/c/table-app"
expect_code "DELETE /c/table-app" 2.02
coap "GET /c empty" -m get "$uri/c"
expect "GET /c after DELETE" '[]'
coap "GET removed" -m get "$uri/c/table-app"
expect_code "GET a removed container" 4.04
kill -TERM "$pid_a"
if wait "$pid_a"; then ok "SIGTERM: clean exit"; else fail "SIGTERM: exit status $?"; fi

# --- refusals ------------------------------------------------------------------------------
start_device b --state "$work/state-b"
coap "install without --insecure" -m post -t 60 -f "$work/install.cbor" -b 1024 "$uri/c"
expect_code "install without --insecure" 4.03
expect_error "install without --insecure: text" 'unsigned install refused: the device requires a SUIT envelope'
busy_port=$port
if "$device" --profile "$board" --listen "127.0.0.1:$busy_port" --state "$work/state-c" 2>"$work/busy.err" >/dev/null; then
  fail "a busy port was accepted"
elif grep -q "cannot listen on 127.0.0.1:$busy_port: Address already in use" "$work/busy.err"; then ok "busy port refused"; else
  fail "busy port: $(cat "$work/busy.err")"
fi
echo '{"model": "x", "resources": [{"name": "sensor/t", "type": "float"}]}' >"$work/bad-board.json"
if "$device" --profile "$work/bad-board.json" --listen 127.0.0.1:0 --state "$work/state-d" 2>"$work/board.err" >/dev/null; then
  fail "a bad profile was accepted"
elif grep -q '\$.resources\[0\]' "$work/board.err"; then ok "bad profile refused with its JSON path"; else
  fail "bad profile: $(cat "$work/board.err")"
fi
touch "$work/file"
if "$device" --profile "$board" --listen 127.0.0.1:0 --state "$work/file/sub" 2>"$work/state.err" >/dev/null; then
  fail "an unusable state directory was accepted"
elif grep -q "state directory" "$work/state.err"; then ok "unusable state directory refused"; else
  fail "state dir: $(cat "$work/state.err")"
fi

echo "commands used:"
cat "$work/commands"
[ "$failures" -eq 0 ] || { echo "$failures device check(s) failed"; exit 1; }
echo "all device checks passed"
