#!/bin/sh
# The firmware on the wire (docs/firmware.md): QEMU runs tinycontainer.elf (with -icount), its
# UART0 is a TCP socket, tc-slip-bridge turns that serial line into a UDP CoAP endpoint and
# libcoap's coap-client-notls drives the device's management tree through it: device information,
# signed installs of containers built with tcctl (SUIT envelopes signed with the build's operator
# key, <firmware build>/trust/, verified on the device by mbedTLS), start, an export answered by
# the container (a separate response), the refusals that change nothing (an unsigned body, an
# envelope signed with another key, an EdDSA envelope, the build's envelope with a spoilt
# signature, a replayed lower sequence number), and a hostile endless loop ended by the SysTick
# watchdog again and again while the good container next to it keeps running. The device
# registers, over the same line, with libcoap's resource directory (coap-rd-notls) as the
# bridge's upstream.
# Usage: run_firmware_test.sh QEMU BOARD TINYCONTAINER_ELF BRIDGE TCCTL DEVICE_TOOL SOURCE_DIR
set -eu
qemu=$1 board=$2 elf=$3 bridge=$4 tcctl=$5 tool=$6 src=$7
trust=$(dirname "$elf")/trust  # the build's operator key pair and the board's SUIT identity
[ -f "$trust/private.pem" ] && [ -f "$trust/identity.args" ] ||
  { echo "$trust/private.pem or identity.args missing (the firmware build makes them)" >&2; exit 1; }
client=$(command -v coap-client-notls || true)
directory=$(command -v coap-rd-notls || true)
if [ -z "$client" ] || [ -z "$directory" ]; then
  echo "coap-client-notls or coap-rd-notls not found: run scripts/bootstrap (Debian libcoap3-bin)" >&2
  exit 1
fi
[ -f "$elf" ] || { echo "firmware image $elf missing (the firmware_image_$board test builds it)" >&2; exit 1; }
. "$(dirname "$0")/../harness.sh"
. "$(dirname "$0")/qemu.sh"

# ask NAME ARGS...: coap-client-notls through the bridge; the payload in $work/out and its CBOR
# diagnostic in $work/diag, the client's stderr (where it reports 4.xx/5.xx codes) in $work/err.
ask() {
  name=$1
  shift
  rm -f "$work/out"
  "$client" -B 20 -o "$work/out" "$@" >/dev/null 2>"$work/err" || true
  : >"$work/diag"
  if [ -s "$work/out" ]; then "$tool" diag "$work/out" >"$work/diag" 2>&1 || true; fi
}

# check NAME FILE PATTERN...: every fixed string PATTERN occurs in FILE.
check() {
  name=$1 file=$2
  shift 2
  for pattern in "$@"; do
    if ! grep -qF -- "$pattern" "$file"; then
      fail "$name: '$pattern' not found"
      echo "  answer: $(head -c 600 "$work/diag")"
      sed 's/^/  stderr: /' "$work/err" | head -5
      return 1
    fi
  done
  ok "$name"
}

on_exit() {
  if [ "$failures" -ne 0 ]; then
    echo "--- device console (UART1)"; tail -20 "$work/console.log" 2>/dev/null || true
    echo "--- bridge"; tail -5 "$work/bridge.err" 2>/dev/null || true
  fi
}

# --- the device under QEMU and the bridge ---------------------------------------------------
start_qemu "$qemu" "$board" "$elf"
rd_port=$(free_udp_port)
"$directory" -A 127.0.0.1 -p "$rd_port" >"$work/rd.log" 2>&1 &
pids="$pids $!"
"$bridge" --serial "tcp:127.0.0.1:$serial_port" --udp 127.0.0.1:0 --upstream "127.0.0.1:$rd_port" \
  >"$work/bridge.out" 2>"$work/bridge.err" &
pids="$pids $!"
wait_for 30 grep -q '^bridging udp' "$work/bridge.out" || {
  cat "$work/bridge.err" "$work/qemu.out"
  echo "tc-slip-bridge did not connect to QEMU's serial port"
  exit 1
}
udp_port=$(sed -n 's/^bridging udp 127.0.0.1:\([0-9]*\) .*/\1/p' "$work/bridge.out")
uri="coap://127.0.0.1:$udp_port"
echo "$board: tcp:127.0.0.1:$serial_port bridged to $uri"

# --- device information --------------------------------------------------------------------
ask "GET /dev" -m get "$uri/dev"
check "GET /dev: the board's information" "$work/diag" "\"model\": \"$board\"" \
  '"firmware": "tinycontainer-cortex-m 0.1.0"' '"capacity": 4' '"insecure": false'
ask "GET /dev/resources" -m get "$uri/dev/resources"
check "GET /dev/resources: the simulated resources" "$work/diag" \
  '"name": "sensor/temperature"' '"name": "actuator/lock"' '"access": "write"'
check "console on UART1" "$work/console.log" "tinycontainer: $board"
if wait_for 30 grep -q 'registration registered' "$work/console.log"; then
  ok "registered with the resource directory through the bridge"
else
  fail "registration: $(grep registration "$work/console.log" | tail -3)"
fi

# --- containers built with tcctl, signed with the build's key ---------------------------------
# sign STEM KEY SEQ OUT [OPTIONS...]: a SUIT envelope for the board (its vendor and class ids).
sign() {
  stem=$1 key=$2 seq=$3 out=$4
  shift 4
  # shellcheck disable=SC2046 # identity.args is a list of options
  "$tcctl" sign "$work/$stem.tcx" "$json_dir/$stem.json" -k "$key" --seq "$seq" -o "$out" \
    $(cat "$trust/identity.args") "$@" >/dev/null
}
for c in "$(dirname "$0")/containers/thermometer" "$src/tests/firmware/containers/endless_loop"; do
  stem=$(basename "$c")
  json_dir=$(dirname "$c")
  "$tcctl" build "$c.c" -o "$work/$stem.tcx" --sdk "$src/sdk" >/dev/null
  "$tcctl" manifest encode "$c.json" -o "$work/$stem.cbor" >/dev/null
  "$tool" pack "$work/$stem.tcx" "$work/$stem.cbor" "$work/$stem.install"
done
json_dir=$(dirname "$0")/containers
sign thermometer "$trust/private.pem" 2 "$work/thermometer.suit"
sign thermometer "$trust/private.pem" 1 "$work/thermometer-old.suit"
"$tcctl" keygen --alg es256 -o "$work/other" >/dev/null
sign thermometer "$work/other/private.pem" 3 "$work/thermometer-other.suit"
"$tcctl" keygen --alg eddsa -o "$work/ed" >/dev/null
sign thermometer "$work/ed/private.pem" 3 "$work/thermometer-ed.suit"
# Signed with the build's key, one bit of the signature inverted: the kid names the device's key,
# so the refusal is mbedTLS's verdict on the target. The authentication wrapper (tag, map, key 2,
# a bstr whose one-byte length is at offset 5) ends with the 64-byte signature.
cp "$work/thermometer.suit" "$work/thermometer-spoilt.suit"
at=$((6 + $(od -An -tu1 -j 5 -N1 "$work/thermometer.suit" | tr -d ' ') - 10))
byte=$(od -An -tu1 -j "$at" -N1 "$work/thermometer.suit" | tr -d ' ')
printf '%b' "\\0$(printf %03o $((byte ^ 1)))" |
  dd of="$work/thermometer-spoilt.suit" bs=1 seek="$at" conv=notrunc 2>/dev/null
cmp -s "$work/thermometer.suit" "$work/thermometer-spoilt.suit" && fail "the signature was not changed"

# refused NAME CODE REASON FILE: the install of FILE is refused with CODE and REASON, and the
# device still has no container or only what it had (checked by the caller).
refused() {
  ask "$1" -m post -t 60 -f "$4" "$uri/c"
  if grep -q "^$2" "$work/err" && grep -aq "$3" "$work/err"; then ok "$1: $2 $3"; else
    fail "$1: $(head -c 300 "$work/err")"
  fi
}
refused "unsigned install" 4.03 unsigned_envelope "$work/thermometer.install"
refused "an envelope signed with another key" 4.03 unknown_key "$work/thermometer-other.suit"
# The device trusts one ES256 key and its port has no Ed25519: it cannot check this signature.
refused "an EdDSA envelope" 4.00 unsupported "$work/thermometer-ed.suit"
if grep -q "ES256 verification" "$work/console.log"; then
  fail "a signature was verified before the spoilt one"
fi
refused "the build's envelope with a spoilt signature" 4.03 bad_signature \
  "$work/thermometer-spoilt.suit"
if wait_for 10 grep -q "ES256 verification signature does not verify" "$work/console.log"; then
  ok "$(grep -m1 'ES256 verification signature does not' "$work/console.log" | sed 's/^tinycontainer: //')"
else fail "the device did not report mbedTLS's verdict on the spoilt signature"; fi
ask "GET /c after the refusals" -m get "$uri/c"
if grep -q thermometer "$work/diag"; then fail "a refused envelope installed something"; else
  ok "nothing installed after the refusals"
fi
if grep -q "ES256 verification valid" "$work/console.log"; then
  fail "a refused envelope verified"
fi

# The client offers 1024-byte blocks; the device takes 256 at a time (RFC 7959 2.5).
ask "install thermometer" -m post -t 60 -f "$work/thermometer.suit" "$uri/c"
check "install thermometer (signed, Block1)" "$work/diag" \
  '{"name": "thermometer", "version": 1, "sequence": 2}'
if wait_for 10 grep -q "ES256 verification valid signature in" "$work/console.log"; then
  ok "$(grep -m1 'ES256 verification valid' "$work/console.log" | sed 's/^tinycontainer: //')"
else fail "the device did not report its verification"; fi
refused "a replayed lower sequence number" 4.03 rollback "$work/thermometer-old.suit"
# The envelope's invoke sequence started it.
ask "thermometer after the rollback" -m get "$uri/c/thermometer"
check "started by the envelope; the rollback changed nothing" "$work/diag" '"sequence": 2' \
  '"state": "running"'
# temperature NAME: the export answered a reading in the simulation's range, 18.0..26.0 degC.
temperature() {
  ask "$1" -m get "$uri/c/thermometer/x/temperature"
  if grep -qxE '(1[89][0-9]|2[0-5][0-9]|260)' "$work/diag"; then ok "$1: $(cat "$work/diag")"; else
    fail "$1: '$(cat "$work/diag")'"
    sed 's/^/  stderr: /' "$work/err" | head -5
  fi
}
temperature "GET /c/thermometer/x/temperature (a separate response from the container)"

# --- the hostile container and the watchdog --------------------------------------------------
json_dir=$src/tests/firmware/containers
sign endless_loop "$trust/private.pem" 1 "$work/endless_loop.suit"
ask "install endless-loop" -m post -t 60 -f "$work/endless_loop.suit" "$uri/c"
check "install endless-loop" "$work/diag" '{"name": "endless-loop", "version": 1, "sequence": 1}'
if wait_for 60 sh -c "'$client' -B 5 -m get '$uri/c/endless-loop' -o '$work/loop' 2>/dev/null &&
  '$tool' diag '$work/loop' | grep -q '\"deadline\": [2-9]'"; then
  ok "the watchdog ended the endless loop at its deadline, more than once"
else
  fail "endless-loop: $("$tool" diag "$work/loop" 2>&1 | head -c 600)"
fi
ask "thermometer" -m get "$uri/c/thermometer"
check "thermometer keeps running, never stopped" "$work/diag" '"state": "running"' \
  '"violations": {}'
temperature "the export still answers"
# The event ring is larger than a block: the device serves its later blocks from a snapshot.
ask "stop endless-loop" -m post "$uri/c/endless-loop/stop"
check "stop endless-loop" "$work/diag" '"state": "stopped"'
ask "GET /events" -m get "$uri/events"
check "GET /events: the violation" "$work/diag" '"kind": "violation", "container": "endless-loop"' \
  '"reason": "deadline"'
# The deepest the stack went over the whole run (stack_watermark.hpp), the figure that sizes it.
if wait_for 10 grep -q "stack high-water" "$work/console.log"; then
  ok "$(grep 'stack high-water' "$work/console.log" | tail -n 1 | sed 's/^tinycontainer: //')"
else fail "the device did not report its stack's high-water mark"; fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
