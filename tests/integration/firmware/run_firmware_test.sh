#!/bin/sh
# The firmware on the wire (docs/firmware.md): QEMU runs tinycontainer.elf (with -icount), its
# UART0 is a TCP socket, tc-slip-bridge turns that serial line into a UDP CoAP endpoint and
# libcoap's coap-client-notls drives the device's management tree through it: device information,
# the install of containers built with tcctl (unsigned, the firmware's development mode), start,
# an export answered by the container (a separate response), a signed envelope answered 5.01
# (no crypto port on the target yet), and a hostile endless loop ended by the SysTick watchdog
# again and again while the good container next to it keeps running. The device registers, over
# the same line, with libcoap's resource directory (coap-rd-notls) as the bridge's upstream.
# Usage: run_firmware_test.sh QEMU BOARD TINYCONTAINER_ELF BRIDGE TCCTL DEVICE_TOOL SOURCE_DIR
set -eu
qemu=$1 board=$2 elf=$3 bridge=$4 tcctl=$5 tool=$6 src=$7
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

# succeeded NAME: the last answer was 2.xx (coap-client prints only 4.xx/5.xx codes on stderr).
succeeded() {
  if grep -q '^[45]\.[0-9][0-9]' "$work/err"; then
    fail "$1: $(head -c 300 "$work/err")"
  else ok "$1"; fi
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
  '"firmware": "tinycontainer-cortex-m 0.1.0"' '"capacity": 4' '"insecure": true'
ask "GET /dev/resources" -m get "$uri/dev/resources"
check "GET /dev/resources: the simulated resources" "$work/diag" \
  '"name": "sensor/temperature"' '"name": "actuator/lock"' '"access": "write"'
check "console on UART1" "$work/console.log" "tinycontainer: $board"
if wait_for 30 grep -q 'registration registered' "$work/console.log"; then
  ok "registered with the resource directory through the bridge"
else
  fail "registration: $(grep registration "$work/console.log" | tail -3)"
fi

# --- containers built with tcctl -------------------------------------------------------------
for c in "$(dirname "$0")/containers/thermometer" "$src/tests/firmware/containers/endless_loop"; do
  stem=$(basename "$c")
  "$tcctl" build "$c.c" -o "$work/$stem.tcx" --sdk "$src/sdk" >/dev/null
  "$tcctl" manifest encode "$c.json" -o "$work/$stem.cbor" >/dev/null
  "$tool" pack "$work/$stem.tcx" "$work/$stem.cbor" "$work/$stem.install"
done

# The client offers 1024-byte blocks; the device takes 256 at a time (RFC 7959 2.5).
ask "install thermometer" -m post -t 60 -f "$work/thermometer.install" "$uri/c"
check "install thermometer (Block1)" "$work/diag" \
  '{"name": "thermometer", "version": 1, "sequence": 0}'
ask "start thermometer" -m post "$uri/c/thermometer/start"
check "start thermometer" "$work/diag" '"state": "running"'
# temperature NAME: the export answered a reading in the simulation's range, 18.0..26.0 degC.
temperature() {
  ask "$1" -m get "$uri/c/thermometer/x/temperature"
  if grep -qxE '(1[89][0-9]|2[0-5][0-9]|260)' "$work/diag"; then ok "$1: $(cat "$work/diag")"; else
    fail "$1: '$(cat "$work/diag")'"
    sed 's/^/  stderr: /' "$work/err" | head -5
  fi
}
temperature "GET /c/thermometer/x/temperature (a separate response from the container)"

printf '\240' >"$work/envelope.cbor"  # a CBOR map: taken for a SUIT envelope
ask "signed install" -m post -t 60 -f "$work/envelope.cbor" "$uri/c"
if grep -q '5.01' "$work/err" && grep -aq 'no crypto port' "$work/err"; then
  ok "a SUIT envelope is answered 5.01 (no crypto port on the target)"
else
  fail "signed install: $(head -c 300 "$work/err")"
fi

# --- the hostile container and the watchdog --------------------------------------------------
ask "install endless-loop" -m post -t 60 -f "$work/endless_loop.install" "$uri/c"
check "install endless-loop" "$work/diag" '{"name": "endless-loop", "version": 1, "sequence": 0}'
ask "start endless-loop" -m post "$uri/c/endless-loop/start"
succeeded "start endless-loop"
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

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
