#!/bin/sh
# tc-devsim (bench/gateway) against real peers: 20 simulated devices register at libcoap's
# resource directory (coap-rd-notls) and answer libcoap's coap-client-notls (device info, the
# container list, an export with its counter, /events observed, 4.04s); tc-coapload's baseline
# load gets only 2.05 answers; bad options are refused with a message. No timing is asserted.
# Usage: run_devsim_test.sh TC_DEVSIM TC_COAPLOAD DEVICE_TOOL
set -eu
devsim=$1 coapload=$2 tool=$3
client=$(command -v coap-client-notls || true)
rd=$(command -v coap-rd-notls || true)
if [ -z "$client" ] || [ -z "$rd" ]; then
  echo "coap-client-notls or coap-rd-notls not found: run scripts/bootstrap (Debian libcoap3-bin)" >&2
  exit 1
fi
. "$(dirname "$0")/../harness.sh"

# get NAME PATH [ARGS...]: GET from device sim-0003; answer in $work/diag (CBOR diagnostic) and
# the client's stderr (4.xx codes) in $work/err.
get() {
  name=$1 path=$2
  shift 2
  rm -f "$work/out"
  "$client" -B 10 -o "$work/out" "$@" "$dev$path" >/dev/null 2>"$work/err" || true
  : >"$work/diag"
  if [ -s "$work/out" ]; then "$tool" diag "$work/out" >"$work/diag" 2>&1 || true; fi
}

# expect NAME PATTERN...: every fixed string occurs in the last answer's diagnostic.
expect() {
  name=$1
  shift
  for pattern in "$@"; do
    if ! grep -qF -- "$pattern" "$work/diag"; then
      fail "$name: '$pattern' not in the answer: $(head -c 300 "$work/diag") $(head -c 200 "$work/err")"
      return
    fi
  done
  ok "$name"
}

# The resource directory, on the first of a few free random ports below the ephemeral range that
# it manages to serve on.
rd_port=
for _ in $(seq 8); do
  p=$(free_udp_port)
  "$rd" -A 127.0.0.1 -p "$p" >"$work/rd.log" 2>&1 &
  pids="$pids $!"
  for _ in $(seq 20); do
    if "$client" -B 2 -m get "coap://127.0.0.1:$p/.well-known/core" 2>/dev/null | grep -q '</rd>'; then
      rd_port=$p
      break
    fi
    sleep 0.1
  done
  [ -n "$rd_port" ] && break
done
[ -n "$rd_port" ] || { echo "FAIL coap-rd-notls did not start"; exit 1; }

"$devsim" --rd "coap://127.0.0.1:$rd_port" --count 20 --lifetime 600 --parallel 4 \
  --addresses "$work/addresses" >"$work/devsim.out" 2>"$work/devsim.err" &
sim=$!
pids="$pids $sim"
if wait_for 30 grep -q '^registered 20 devices in [0-9]* ms' "$work/devsim.out"; then
  ok "20 devices report their registration: $(grep '^registered' "$work/devsim.out")"
else
  fail "no registration report: $(cat "$work/devsim.out" "$work/devsim.err")"
fi

lines=$(wc -l <"$work/addresses")
if [ "$lines" -eq 20 ] && grep -q '^sim-0001 127.0.0.1:[0-9]*$' "$work/addresses" &&
  grep -q '^sim-0020 127.0.0.1:[0-9]*$' "$work/addresses"; then
  ok "addresses file lists sim-0001..sim-0020"
else
  fail "addresses file: $(head -3 "$work/addresses")"
fi

# The directory's side: 20 registration resources, each holding the device's links.
"$client" -B 10 -m get "coap://127.0.0.1:$rd_port/.well-known/core" >"$work/rd.core" 2>/dev/null || true
count=$(tr ',' '\n' <"$work/rd.core" | grep -c '^</rd/' || true)
if [ "$count" -eq 20 ]; then ok "coap-rd-notls holds 20 registrations"; else
  fail "coap-rd-notls holds $count registrations: $(head -c 300 "$work/rd.core")"
fi
location=$(tr ',' '\n' <"$work/rd.core" | sed -n 's|^<\(/rd/[^>]*\)>.*|\1|p' | head -1)
"$client" -B 10 -m get "coap://127.0.0.1:$rd_port$location" >"$work/links" 2>/dev/null || true
if grep -qF '</dev>;rt="tc.dev";ct=60' "$work/links" && grep -qF '</events>;rt="tc.events"' "$work/links"; then
  ok "a registration carries the device's links"
else
  fail "registration $location holds: $(head -c 300 "$work/links")"
fi

dev="coap://$(sed -n 's/^sim-0003 //p' "$work/addresses")"
get info /dev
expect "GET /dev" '"id": "sim-0003"' '"model": "tc-devsim"' '"containers": 1'
get list /c
expect "GET /c" '"name": "bench"' '"state": "running"'
get status /c/bench
expect "GET /c/bench" '"name": "bench"' '"stats": {'
get export /c/bench/x/value
expect "GET export (first)" '"n": 1' '"device": "sim-0003"'
get export /c/bench/x/value
expect "GET export (second: the counter moves)" '"n": 2'
get export /c/bench/x/deep/path -m post -t 60 -e 'x'
expect "POST export" '"n": 3'
get unknown /c/other/x/value
if grep -q '4.04' "$work/err" && grep -qF 'no such container or export' "$work/err"; then
  ok "unknown container: 4.04 with an error"
else
  fail "unknown container: $(cat "$work/err")"
fi
get outside /nothing
if grep -q '4.04' "$work/err"; then ok "path outside the tree: 4.04"; else fail "/nothing: $(cat "$work/err")"; fi
"$client" -s 1 -v 6 -m get "$dev/events" >"$work/observe" 2>&1 || true
if grep -a 'ACK c:2.05' "$work/observe" | grep -q 'Observe:'; then ok "GET /events accepts an observer"; else
  fail "observe /events: $(grep -a 'c:' "$work/observe" | head -3)"
fi

# The baseline load: only 2.05 answers. The timeout is far above need: a loaded machine must
# not turn into a failure here.
"$coapload" --targets "$work/addresses" --duration 1 --concurrency 8 --timeout-ms 30000 \
  >"$work/load.out" 2>&1 || true
result=$(grep '^result ' "$work/load.out" || true)
answered=$(echo "$result" | sed -n 's/.* answered=\([0-9]*\) .*/\1/p')
if [ -n "$answered" ] && [ "$answered" -gt 0 ] && echo "$result" | grep -q ' errors=0 timeouts=0 '; then
  ok "tc-coapload: $answered answers, all 2.05"
else
  fail "tc-coapload: $(cat "$work/load.out")"
fi

kill -TERM "$sim"
wait "$sim" || true
totals=$(grep '^totals: ' "$work/devsim.out" || true)
exports=$(echo "$totals" | sed -n 's/^totals: \([0-9]*\) export requests.*/\1/p')
if [ -n "$exports" ] && [ -n "$answered" ] && [ "$exports" -ge $((answered + 3)) ] &&
  echo "$totals" | grep -q '20 registered now'; then
  ok "totals on SIGTERM: $totals"
else
  fail "totals: '$totals' (tc-coapload answered $answered)"
fi

# Bad options: a clear message, exit code 2, nothing started.
if "$devsim" --rd http://127.0.0.1:5683 --count 1 >"$work/bad.out" 2>&1; then
  fail "--rd http:// accepted"
elif grep -q 'only coap:// URIs' "$work/bad.out"; then ok "--rd http:// refused: $(cat "$work/bad.out")"; else
  fail "--rd http://: $(cat "$work/bad.out")"
fi
if "$devsim" --count 0 >"$work/bad.out" 2>&1; then fail "--count 0 accepted"; else ok "--count 0 refused"; fi
printf 'sim-0001 not-an-address\n' >"$work/bad.addresses"
if "$coapload" --targets "$work/bad.addresses" --duration 1 >"$work/bad.out" 2>&1; then
  fail "tc-coapload accepted a bad targets file"
elif grep -q "bad.addresses:1: expected 'ID IPV4:PORT'" "$work/bad.out"; then
  ok "tc-coapload refuses a bad targets file"
else
  fail "bad targets file: $(cat "$work/bad.out")"
fi

[ "$failures" -eq 0 ] || { echo "$failures check(s) failed"; exit 1; }
echo "tc-devsim: all checks passed"
