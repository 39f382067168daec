#!/bin/sh
# Runs libcoap's coap-client-notls against coap_server_udp (runtime/coap/server.hpp).
# Usage: run_server_interop.sh SERVER_BINARY. The peer is a hard requirement: scripts/bootstrap
# installs it (Debian libcoap3-bin); a missing client fails the test.
set -eu
server=$1
client=$(command -v coap-client-notls || true)
if [ -z "$client" ]; then
  echo "coap-client-notls not found: run scripts/bootstrap (Debian libcoap3-bin)" >&2
  exit 1
fi

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# Port 0: the kernel picks a free port and the server prints it.
"$server" 0 >"$work/port" &
pid=$!
for _ in $(seq 50); do
  [ -s "$work/port" ] && break
  sleep 0.1
done
port=$(head -n1 "$work/port")
[ -n "$port" ] || { echo "server did not report its port"; exit 1; }
uri="coap://127.0.0.1:$port"
failures=0

fail() {
  echo "FAIL $1"
  failures=$((failures + 1))
}

# expect NAME EXPECTED ARGS...: the client's stdout (trailing newlines trimmed) must equal EXPECTED.
expect() {
  name=$1 expected=$2
  shift 2
  echo "  \$ coap-client-notls -B 10 $*" | sed "s|$uri|coap://127.0.0.1:PORT|g" >>"$work/commands"
  actual=$("$client" -B 10 "$@" 2>"$work/stderr") || true
  if [ "$actual" = "$expected" ]; then
    echo "ok   $name"
  else
    fail "$name"
    echo "  expected: $(printf '%s' "$expected" | head -c 300)"
    echo "  actual:   $(printf '%s' "$actual" | head -c 300)"
    sed 's/^/  stderr:   /' "$work/stderr"
  fi
}

# expect_code NAME CODE ARGS...: coap-client reports the response code CODE on stderr.
expect_code() {
  name=$1 code=$2
  shift 2
  expect "$name" "" "$@"
  grep -q "$code" "$work/stderr" || fail "$name: $code not reported"
}

hello='</hello>;rt="greeting";ct=0'
large_link='</large>;rt="block";ct=0;sz=3000'
upload_link='</upload>;rt="upload"'
counter_link='</counter>;rt="counter";if="core.s";ct=0;obs'
slow_link='</slow>;rt="separate"'
large=$("$server" --large)

expect "GET /hello (CON, piggybacked)" world -m get "$uri/hello"
expect "GET /hello (NON)" world -N -m get "$uri/hello"
expect "GET /hello with token" world -T cafe -m get "$uri/hello"
expect "discovery" "$hello,$large_link,$upload_link,$counter_link,$slow_link" "$uri/.well-known/core"
expect "discovery ?rt=counter" "$counter_link" "$uri/.well-known/core?rt=counter"
expect "discovery ?href=/large" "$large_link" "$uri/.well-known/core?href=/large"
expect "discovery ?rt=s* (prefix)" "$slow_link" "$uri/.well-known/core?rt=s*"
expect "discovery ?if=core.s" "$counter_link" "$uri/.well-known/core?if=core.s"
expect "discovery ?obs" "$counter_link" "$uri/.well-known/core?obs"
expect "discovery -b 16 (Block2)" "$hello,$large_link,$upload_link,$counter_link,$slow_link" -b 16 "$uri/.well-known/core"
expect "GET /large (Block2, late negotiation)" "$large" -m get "$uri/large"
expect "GET /large (Block2, -b 64)" "$large" -b 64 -m get "$uri/large"
expect "GET /large (Block2, -b 16)" "$large" -b 16 -m get "$uri/large"
expect "GET /large (Block2, -b 1024, NON)" "$large" -N -b 1024 -m get "$uri/large"
expect "GET /slow (separate response)" "slow done" -m get "$uri/slow"
expect "GET /slow with token (separate response)" "slow done" -T cafe -m get "$uri/slow"
expect "GET /slow (NON, separate NON response)" "slow done" -N -m get "$uri/slow"
expect_code "GET /missing is 4.04" "4.04" -m get "$uri/missing"
expect_code "PUT /hello is 4.05" "4.05" -m put -e x "$uri/hello"

# Block1 uploads: the server answers "CRC SIZE", exactly what cksum prints.
for size in 16384 40960; do
  head -c "$size" /dev/urandom >"$work/upload.bin"
  sum=$(cksum <"$work/upload.bin")
  expect "PUT $size bytes (Block1, -b 64)" "$sum" -m put -f "$work/upload.bin" -b 64 "$uri/upload"
  expect "POST $size bytes (Block1, -b 1024)" "$sum" -m post -f "$work/upload.bin" -b 1024 "$uri/upload"
done
head -c 70000 /dev/zero >"$work/huge.bin"
expect_code "PUT 70000 bytes is 4.13" "4.13" -m put -f "$work/huge.bin" -b 1024 "$uri/upload"

# Observe for 3 s: the counter changes every 200 ms, so many strictly increasing values.
check_observe() {
  name=$1
  shift
  echo "  \$ coap-client-notls $*" | sed "s|$uri|coap://127.0.0.1:PORT|g" >>"$work/commands"
  "$client" "$@" >"$work/observe" 2>"$work/stderr" || true
  grep '^[0-9][0-9]*$' "$work/observe" >"$work/values" || true
  count=$(wc -l <"$work/values")
  if [ "$count" -ge 5 ] && sort -n -c -u "$work/values" 2>/dev/null; then
    echo "ok   $name ($count notifications, $(head -n1 "$work/values")..$(tail -n1 "$work/values"))"
  else
    fail "$name: $count notifications"
    head -c 300 "$work/observe"
    sed 's/^/  stderr:   /' "$work/stderr"
  fi
}
check_observe "observe /counter (CON registration)" -s 3 -m get "$uri/counter"
check_observe "observe /counter (NON registration)" -N -s 3 -m get "$uri/counter"

echo "commands used:"
cat "$work/commands"
[ "$failures" -eq 0 ] || { echo "$failures interop check(s) failed"; exit 1; }
echo "all server interop checks passed"
