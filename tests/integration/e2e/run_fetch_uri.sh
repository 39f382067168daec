#!/bin/sh
# e2e_fetch_uri: payloads fetched by URI. libcoap's coap-server-notls (-d: resources created by
# PUT) plays the gateway and holds the images and their permissions manifests (canonical CBOR,
# `tcctl manifest encode`); `tcctl sign --image-uri --manifest-uri` makes envelopes that carry
# neither, and tc-device (ports/native/coap_fetcher.cpp) GETs them block-wise (Block2) while it
# installs. Checked:
#   kv-counter (one block) and climate-monitor (larger than a 1024-byte block: Block2) install
#   from URIs and run with their versions;
#   the server holding other bytes at the image URI       refused, image_mismatch (4.00)
#   the server stopped (SIGSTOP: silent)                  refused, fetch_failed (5.02) at the
#                                                         fetch's 5 s limit
#   the server gone (killed: ICMP port unreachable)       refused, fetch_failed (5.02) at once
# each with an install_refused event and nothing installed (kv-counter stays version 1); then,
# with the server back, the same envelope installs (a failed fetch burns no sequence number).
# Usage: run_fetch_uri.sh TC_DEVICE TCCTL E2E_JSON IMAGES_DIR SOURCE_DIR
set -u
device=$1 tcctl=$2 check=$3 images=$4 src=$5
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
. "$here/common.sh"

coap_server=$(command -v coap-server-notls || true)
[ -n "$coap_server" ] || { echo "coap-server-notls not found: run scripts/bootstrap (libcoap3-bin)"; exit 1; }

# The device's fetch limit (ports/native/coap_fetcher.hpp, kFetchLimitMs) and what a refusal
# may take beyond it (the install's own checks, tcctl, a loaded machine).
limit_ms=5000
slack_ms=3000

server=
stop_server() {
  [ -n "$server" ] || return 0
  kill -CONT "$server" 2>/dev/null # a stopped process acts on TERM only once continued
  kill "$server" 2>/dev/null
  wait "$server" 2>/dev/null
  server=
}
trap 'stop_server; cleanup' EXIT

# port_free PORT: no UDP socket on this machine uses PORT. coap-server-notls binds with
# SO_REUSEADDR, so a second one on a taken port starts without error: look before starting.
port_free() {
  ! grep -qi "$(printf ':%04X ' "$1")" /proc/net/udp /proc/net/udp6 2>/dev/null
}

# put PATH FILE: PUT FILE at $c/PATH and read it back; 1 if the server does not hold it after.
put() {
  rm -f "$work/put.back"
  "$client" -B 5 -m put -f "$2" "$c/$1" >/dev/null 2>"$work/put.err" &&
    "$client" -B 5 -m get -o "$work/put.back" "$c/$1" >/dev/null 2>>"$work/put.err" &&
    cmp -s "$2" "$work/put.back"
}

# start_server_on PORT: coap-server-notls on 127.0.0.1:PORT; sets $server, $cport, $c; 1 if it
# does not serve a PUT and GET within 2 s.
start_server_on() {
  port_free "$1" || return 1
  "$coap_server" -A 127.0.0.1 -p "$1" -d 32 -v 0 >>"$work/coap-server.log" 2>&1 &
  server=$!
  cport=$1
  c="coap://127.0.0.1:$cport"
  echo "probe $$" >"$work/probe"
  for _ in $(seq 20); do
    kill -0 "$server" 2>/dev/null || break
    if put probe "$work/probe"; then return 0; fi
    sleep 0.1
  done
  stop_server
  return 1
}

# start_server: on the first free one of a few random ports below Linux's ephemeral range
# (32768..60999), so that no client socket takes the port between the server's stop and restart.
start_server() {
  for p in $("$check" rand $$ 8 20000 32000); do
    start_server_on "$p" && return 0
  done
  echo "FAIL coap-server-notls did not start on any of 8 ports: $(tail -5 "$work/coap-server.log")"
  exit 1
}

board=$src/tests/data/boards/smartdronebox.json
kv=$images/kv_counter.tcx
cm=$images/climate_monitor.tcx
cm_json=$src/sdk/examples/climate_monitor.json
device_flags="--trust $work/ops/public.pem"

"$tcctl" keygen --alg es256 -o "$work/ops" >/dev/null || { echo "FAIL keygen"; exit 1; }
sed 's/"version": 1,/"version": 2,/' "$here/kv_counter.json" >"$work/v2.json"
encode() {
  "$tcctl" manifest encode "$1" -o "$2" --board "$board" >/dev/null 2>"$work/encode.err" ||
    { echo "FAIL tcctl manifest encode $1: $(cat "$work/encode.err")"; exit 1; }
}
encode "$here/kv_counter.json" "$work/kv.cbor"
encode "$work/v2.json" "$work/kv2.cbor"
encode "$cm_json" "$work/cm.cbor"
cm_version=$(j "$cm_json" /version)

# Block2 needs an image larger than one 1024-byte block: kv-counter is smaller, climate-monitor
# is not.
kv_size=$(wc -c <"$kv")
cm_size=$(wc -c <"$cm")
[ "$cm_size" -gt 1024 ] || { echo "FAIL climate_monitor.tcx is $cm_size bytes: no Block2 transfer to test"; exit 1; }
blocks() { echo $((($1 + 1023) / 1024)); }

start_server
# The image the server holds for version 2 differs from the signed one by one bit.
cp "$kv" "$work/kv-tampered.tcx"
"$check" flip "$work/kv-tampered.tcx" $((kv_size / 2))
for upload in "tc/kv-counter/i $kv" "tc/kv-counter/m $work/kv.cbor" \
  "tc/climate-monitor/i $cm" "tc/climate-monitor/m $work/cm.cbor" \
  "tc/kv-counter/i2 $work/kv-tampered.tcx" "tc/kv-counter/m2 $work/kv2.cbor"; do
  # shellcheck disable=SC2086 # path and file
  put $upload || { echo "FAIL PUT $upload: $(cat "$work/put.err")"; exit 1; }
done
ok "coap-server-notls on port $cport holds the images and manifests"

# sign OUT IMAGE MANIFEST SEQ PATH-PREFIX IMAGE-NAME MANIFEST-NAME
sign() {
  "$tcctl" sign "$2" "$3" --key "$work/ops/private.pem" --board "$board" --seq "$4" \
    --image-uri "$c/$5/$6" --manifest-uri "$c/$5/$7" -o "$work/$1" >/dev/null 2>"$work/sign.err" ||
    { echo "FAIL tcctl sign $1: $(cat "$work/sign.err")"; exit 1; }
}
sign kv1.suit "$kv" "$here/kv_counter.json" 1 tc/kv-counter i m
sign cm1.suit "$cm" "$cm_json" 1 tc/climate-monitor i m
sign kv2.suit "$kv" "$work/v2.json" 2 tc/kv-counter i2 m2
"$tcctl" suit inspect "$work/kv1.suit" >"$work/inspect.txt" 2>&1
if grep -q "integrated payload" "$work/inspect.txt" || ! grep -q "uri (21): \"$c/tc/kv-counter/i\"" "$work/inspect.txt"; then
  fail "the envelope does not name its payloads by URI: $(cat "$work/inspect.txt")"
fi

start_device device "$board" "$work/state"

# installed NAME FILE VERSION SEQ BYTES: FILE installs; NAME runs VERSION with sequence SEQ, and
# the device fetched an image of BYTES in its number of blocks.
installed() {
  if ! dev install "$work/$2"; then
    fail "install $2: $(cat "$work/dev.out" "$work/dev.err")"
    return
  fi
  status "$1" "$work/st.json" || return
  [ "$(j "$work/st.json" /state)" = running ] || { sleep 0.2; status "$1" "$work/st.json" || return; }
  [ "$(j "$work/st.json" /state)" = running ] || { fail "$1 is $(j "$work/st.json" /state)"; return; }
  [ "$(j "$work/st.json" /version)" = "$3" ] && [ "$(j "$work/st.json" /sequence)" = "$4" ] ||
    { fail "$1: version $(j "$work/st.json" /version) sequence $(j "$work/st.json" /sequence)"; return; }
  n=$(blocks "$5")
  grep -q "fetched $5 bytes from $c/[^ ]* (blocks: $n," "$work/device.log" ||
    { fail "$1: the device log does not show $5 bytes fetched in $n blocks"; return; }
  ok "$1 version $3 (sequence $4) runs from $2: image of $5 bytes fetched in $n block(s)"
}
installed kv-counter kv1.suit 1 1 "$kv_size"
installed climate-monitor cm1.suit "$cm_version" 1 "$cm_size"

# refused CASE REASON CODE LO_MS HI_MS: kv2.suit is refused with REASON and CODE, in LO..HI ms,
# with an install_refused event, and nothing changes: kv-counter stays version 1, running, and
# no third container appears.
refused() {
  name=$1 reason=$2 code=$3
  from=$("$tcctl" dev -d "$d" --timeout 3 -o json stats 2>/dev/null | sed -n 's/.*"next_event": *\([0-9]*\).*/\1/p')
  t0=$(now_ms)
  # Longer than the fetch limit: the device answers only when the fetch has ended.
  if "$tcctl" dev -d "$d" --timeout 20 install "$work/kv2.suit" >"$work/dev.out" 2>"$work/dev.err"; then
    fail "$name: accepted"
    return
  fi
  ms=$(($(now_ms) - t0))
  grep -q "$code.*(reason: $reason)" "$work/dev.err" ||
    { fail "$name: the answer is not $code $reason: $(cat "$work/dev.out" "$work/dev.err")"; return; }
  [ "$ms" -ge "$4" ] && [ "$ms" -le "$5" ] || { fail "$name: answered after $ms ms, not in $4..$5"; return; }
  "$tcctl" dev -d "$d" --timeout 3 -o json events --from "${from:-1}" >"$work/events.json" 2>/dev/null
  [ "$("$check" events "$work/events.json" kv-counter install_refused "$reason")" -ge 1 ] ||
    { fail "$name: no install_refused event with reason $reason"; return; }
  status kv-counter "$work/st.json" || return
  [ "$(j "$work/st.json" /version)" = 1 ] && [ "$(j "$work/st.json" /state)" = running ] ||
    { fail "$name: kv-counter is now version $(j "$work/st.json" /version), $(j "$work/st.json" /state)"; return; }
  "$tcctl" dev -d "$d" --timeout 3 -o json ps >"$work/ps.json" 2>/dev/null
  [ "$(grep -o '"name"' "$work/ps.json" | wc -l)" -eq 2 ] || { fail "$name: ps shows $(cat "$work/ps.json")"; return; }
  ok "$name: refused with $code $reason after $ms ms, kv-counter version 1 still running"
}

refused "other bytes at the image URI" image_mismatch 4.00 0 $((limit_ms + slack_ms))
put tc/kv-counter/i2 "$kv" || fail "PUT the right image: $(cat "$work/put.err")"

kill -STOP "$server"
refused "server stopped (SIGSTOP)" fetch_failed 5.02 $((limit_ms - 500)) $((limit_ms + slack_ms))
grep -q "fetch $c/tc/kv-counter/i2: no answer within the fetch's time limit" "$work/device.log" ||
  fail "the device log does not say why the fetch failed: $(grep 'fetch ' "$work/device.log" | tail -3)"
kill -CONT "$server"

stop_server
refused "server gone (ICMP port unreachable)" fetch_failed 5.02 0 $((limit_ms + slack_ms))
grep -q "fetch $c/tc/kv-counter/i2: the server's port is unreachable" "$work/device.log" ||
  fail "the device log does not say the port is unreachable: $(grep 'fetch ' "$work/device.log" | tail -3)"

# The server back on the same port (the URIs are signed): the same envelope installs.
if start_server_on "$cport"; then
  put tc/kv-counter/i2 "$kv" && put tc/kv-counter/m2 "$work/kv2.cbor" ||
    fail "PUT version 2 again: $(cat "$work/put.err")"
  installed kv-counter kv2.suit 2 2 "$kv_size"
else
  fail "coap-server-notls did not start again on port $cport"
fi

[ "$failures" -eq 0 ] || { tail -30 "$work/device.log"; exit 1; }
echo "all fetch-by-URI checks passed"
