#!/bin/sh
# tcctl dev against fake_device over real UDP: every command, a block-wise install of 20 KiB,
# device errors (exit 2), local errors (exit 1), timeouts and unreachable devices (exit 3).
# Usage: run_dev_fake.sh TCCTL FAKE_DEVICE MANIFEST_DIR
set -u
tcctl=$1 fake=$2 manifests=$3
work=$(mktemp -d)
pids=
cleanup() {
  for p in $pids; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
failures=0

# start NAME ARGS...: a fake device; its port in $port.
start() {
  name=$1
  shift
  "$fake" "$@" >"$work/$name.port" &
  pids="$pids $!"
  for _ in $(seq 50); do
    [ -s "$work/$name.port" ] && break
    sleep 0.1
  done
  port=$(head -n1 "$work/$name.port")
  [ -n "$port" ] || { echo "FAIL fake device $name did not report its port"; exit 1; }
}

# check NAME RC TEXT ARGS...: tcctl ARGS exits RC and prints TEXT (stdout or stderr; "" = any).
check() {
  name=$1 rc=$2 text=$3
  shift 3
  "$tcctl" "$@" >"$work/out" 2>&1
  actual=$?
  if [ "$actual" -ne "$rc" ]; then
    echo "FAIL $name: exit $actual, expected $rc"
    sed 's/^/  | /' "$work/out"
    failures=$((failures + 1))
  elif [ -n "$text" ] && ! grep -qF -- "$text" "$work/out"; then
    echo "FAIL $name: output lacks '$text'"
    sed 's/^/  | /' "$work/out"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

start main
d="coap://127.0.0.1:$port"
check info 0 "sensor/temperature  sensor    int   -40..125" dev -d "$d" info
check info_json 0 '"firmware": "0.1.0-test"' dev -d "$d" -o json info
check ps 0 "blink  2        acme    running" dev -d "$d" ps
check ps_json 0 '"state": "running"' dev -d "$d" -o json ps
check status 0 "denials         rate 3, bounds 1" dev -d "$d" status blink
check status_missing 2 "device answered 4.04 Not Found: no container named nope" \
  dev -d "$d" status nope
check status_missing_json 2 '"code": "4.04"' dev -d "$d" -o json status nope
check stop 0 "blink: stopped" dev -d "$d" stop blink
check stop_again 2 "4.00 Bad Request: already stopped" dev -d "$d" stop blink
check start 0 "blink: started" dev -d "$d" start blink
check restart 0 "blink: restarted" dev -d "$d" restart blink
check stats 0 "coap.requests" dev -d "$d" stats
sleep 0.7  # a few log lines
check logs 0 "tick 1" dev -d "$d" logs blink
check logs_from 0 "tick 2" dev -d "$d" logs blink --from 2
check logs_follow 0 "tick 5" dev -d "$d" logs blink --follow --interval 0.2 --count 6
check events 0 "started        blink" dev -d "$d" events
check events_json 0 '"kind": "installed"' dev -d "$d" -o json events
# Only new events: after the life-cycle commands above, the fake device emits nothing but ticks.
check events_follow 0 "text=tick" dev -d "$d" events --follow --count 3
check events_follow_json 0 '"kind":"log"' dev -d "$d" -o json events --follow --count 3

# Installs: 20 KiB image -> Block1 transfer; the device reports what it received.
head -c 20480 /dev/urandom >"$work/big.tcx"
check install 0 "installed hello version 1" \
  dev -d "$d" install "$work/big.tcx" "$manifests/minimal.json" --insecure
check install_arrived 0 '"bytes": 20480' dev -d "$d" -o json status hello
sum=$(od -An -v -tu1 "$work/big.tcx" | tr -s ' ' '\n' | awk '{s += $1} END {print s}')
check install_intact 0 "\"sum\": $sum" dev -d "$d" -o json status hello
check install_listed 0 "hello  1        examples  running" dev -d "$d" ps
head -c 20 /dev/urandom >"$work/odd.tcx"
check install_bad_image 2 "image: text size is zero or not a multiple of 8" \
  dev -d "$d" install "$work/odd.tcx" "$manifests/minimal.json" --insecure
check install_bad_manifest 1 "calls_per_second" \
  dev -d "$d" install "$work/big.tcx" "$manifests/invalid/calls-negative.json" --insecure
check install_needs_insecure 1 "needs --insecure" \
  dev -d "$d" install "$work/big.tcx" "$manifests/minimal.json"
check install_suit 1 "SUIT envelopes" dev -d "$d" install "$work/app.suit"
check install_missing_image 1 "cannot read the file" \
  dev -d "$d" install "$work/none.tcx" "$manifests/minimal.json" --insecure
check rm 0 "hello: removed" dev -d "$d" rm hello
check rm_gone 2 "4.04" dev -d "$d" rm hello

# Usage and local errors.
check no_device 1 "the device is required" dev ps
check bad_uri 1 "bad device URI 'http://x'" dev -d http://x ps
check bad_port 1 "the port must be a number" dev -d coap://127.0.0.1:99999 ps
check coaps 1 "coaps (DTLS) is not supported yet" dev -d coaps://127.0.0.1 ps

start secure --secure
check install_refused 2 "4.03 Forbidden: unsigned install refused" \
  dev -d "coap://127.0.0.1:$port" install "$work/big.tcx" "$manifests/minimal.json" --insecure

start mute --mute
check timeout 3 "device 127.0.0.1:$port did not answer within 1 s" \
  dev -d "coap://127.0.0.1:$port" --timeout 1 ps
kill "$(echo $pids | awk '{print $NF}')" 2>/dev/null
sleep 0.2
check unreachable 3 "device 127.0.0.1:$port" dev -d "coap://127.0.0.1:$port" --timeout 2 ps

[ "$failures" -eq 0 ] || { echo "$failures failed"; exit 1; }
echo "all passed"
