#!/bin/sh
# tcctl dev against the native device (ports/native tc-device) over real UDP.
# Usage: run_dev_native.sh TCCTL TC_DEVICE BOARD.json MANIFEST.json
set -u
tcctl=$1 device=$2 board=$3 manifest=$4
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
"$device" --profile "$board" --listen 127.0.0.1:0 --state "$work/state" --insecure >"$work/out" 2>&1 &
pid=$!
for _ in $(seq 50); do
  grep -q "listening on" "$work/out" 2>/dev/null && break
  sleep 0.1
done
port=$(sed -n 's/.*listening on 127.0.0.1:\([0-9]*\).*/\1/p' "$work/out" | head -n1)
[ -n "$port" ] || { echo "FAIL tc-device did not report its port"; cat "$work/out"; exit 1; }
d="coap://127.0.0.1:$port"
failures=0
check() {
  name=$1 rc=$2 text=$3
  shift 3
  "$tcctl" "$@" >"$work/cmd" 2>&1
  actual=$?
  if [ "$actual" -ne "$rc" ] || { [ -n "$text" ] && ! grep -qF -- "$text" "$work/cmd"; }; then
    echo "FAIL $name: exit $actual (expected $rc), expected text '$text'"
    sed 's/^/  | /' "$work/cmd"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}
check info 0 "insecure    yes" dev -d "$d" info
check info_json 0 '"resources"' dev -d "$d" -o json info
check ps 0 "NAME" dev -d "$d" ps
check stats 0 "" dev -d "$d" stats
check events 0 "" dev -d "$d" events
check status_missing 2 "4.04" dev -d "$d" status nothing-here
check start_missing 2 "4.04" dev -d "$d" start nothing-here
head -c 20 /dev/zero >"$work/odd.tcx"
check install_bad_image 2 "4.00" dev -d "$d" install "$work/odd.tcx" "$manifest" --insecure
[ "$failures" -eq 0 ] || { echo "$failures failed"; exit 1; }
echo "all passed"
