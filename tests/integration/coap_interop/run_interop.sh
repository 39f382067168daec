#!/bin/sh
# Runs libcoap's coap-client-notls against coap_interop_server (the runtime/coap codec).
# Usage: run_interop.sh SERVER_BINARY. The peer is a hard requirement: scripts/bootstrap installs it.
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

# expect NAME EXPECTED ARGS...: the client's stdout (trailing newlines trimmed) must equal EXPECTED.
expect() {
  name=$1 expected=$2
  shift 2
  actual=$("$client" -B 10 "$@" 2>"$work/stderr") || true
  if [ "$actual" = "$expected" ]; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    echo "  expected: $(printf '%s' "$expected" | head -c 200)"
    echo "  actual:   $(printf '%s' "$actual" | head -c 200)"
    sed 's/^/  stderr:   /' "$work/stderr"
    failures=$((failures + 1))
  fi
}

links='</hello>;rt="greeting";ct=0,</large>;rt="block";ct=0;sz=700'
large=$("$server" --large)

expect "GET /hello (CON)" world -m get "$uri/hello"
expect "GET /hello (NON)" world -N -m get "$uri/hello"
expect "GET /hello with token" world -T cafe -m get "$uri/hello"
expect "GET /.well-known/core" "$links" -m get "$uri/.well-known/core"
expect "GET /large (Block2, late negotiation)" "$large" -m get "$uri/large"
expect "GET /large (Block2, -b 64)" "$large" -b 64 -m get "$uri/large"
expect "GET /large (Block2, -b 16)" "$large" -b 16 -m get "$uri/large"
expect "GET /missing is 4.04" "" -m get "$uri/missing"
grep -q "4.04" "$work/stderr" || { echo "FAIL 4.04 not reported"; failures=$((failures + 1)); }
expect "PUT /hello is 4.05" "" -m put -e x "$uri/hello"
grep -q "4.05" "$work/stderr" || { echo "FAIL 4.05 not reported"; failures=$((failures + 1)); }

[ "$failures" -eq 0 ] || { echo "$failures interop check(s) failed"; exit 1; }
echo "all interop checks passed"
