#!/bin/sh
# The firmware behind tc-gateway (docs/firmware.md "Registration"): QEMU runs tinycontainer.elf,
# `tc-gateway --serial tcp:...` attaches its serial line, the device registers with the gateway's
# resource directory over it, and the gateway's HTTP API manages it like a networked device: it
# is listed online and its information and resources are read through the line. An install
# through the gateway is refused with the device's reason: the gateway installs by reference and
# the firmware has no fetcher yet.
# Usage: run_gateway_serial_test.sh QEMU BOARD TINYCONTAINER_ELF TC_GATEWAY TC_DEVICE TCCTL GW_JSON
#        DEVICE_TOOL SOURCE_DIR
set -eu
qemu=$1 board_name=$2 elf=$3 gateway=$4 device=$5 tcctl=$6 json=$7 tool=$8 src=$9
[ -f "$elf" ] || { echo "firmware image $elf missing (firmware_image_$board_name builds it)"; exit 1; }
. "$src/tests/integration/gateway/common.sh"
. "$src/tests/integration/firmware/qemu.sh"
set +e
# At exit: the logs when something failed, then the gateway (harness.sh then ends $pids).
on_exit() {
  if [ "$failures" -ne 0 ]; then
    report
    echo "--- console"
    tail -10 "$work/console.log"
  fi
  end_gateway
}

start_qemu "$qemu" "$board_name" "$elf"
start_gateway --serial "tcp:127.0.0.1:$serial_port"
if wait_for 60 grep -q 'registration registered' "$work/console.log"; then
  ok "the device registered through the serial line"
else
  fail "no registration: $(grep registration "$work/console.log" | tail -2)"
fi
if wait_for 15 online "$board_name"; then ok "listed online by the gateway"; else
  fail "not online: $(cat "$work/body")"
fi
expect 200 - "its information, read over the line" GET "/devices/$board_name" &&
  { [ "$(j /info/model)" = "$board_name" ] && ok "model $board_name" ||
    fail "info: $(cat "$work/body")"; }
expect 200 - "its resources" GET "/devices/$board_name/resources" &&
  { [ "$("$json" count "$work/body" /resources)" -gt 0 ] || fail "no resources: $(cat "$work/body")"; }

# The gateway installs by reference (the device fetches the envelope from it, docs/gateway.md);
# the firmware has no fetcher yet, so the install is refused with the device's own reason and
# nothing changes on it.
c=$src/tests/integration/firmware/containers/thermometer
"$tcctl" build "$c.c" -o "$work/thermometer.tcx" --sdk "$src/sdk" >/dev/null
"$tcctl" manifest encode "$c.json" -o "$work/thermometer.cbor" >/dev/null
"$tool" pack "$work/thermometer.tcx" "$work/thermometer.cbor" "$work/thermometer.install"
expect 501 unsupported "install by reference: refused, the firmware has no fetcher" \
  POST "/devices/$board_name/containers?wait=60" -H 'Content-Type: application/cbor' \
  --data-binary "@$work/thermometer.install" &&
  { grep -q 'no fetcher' "$work/body" && ok "the device's reason reaches the API" ||
    fail "reason: $(cat "$work/body")"; }
expect 200 - "no container was installed" GET "/devices/$board_name/containers" &&
  { [ "$("$json" count "$work/body" /containers)" = 0 ] || fail "containers: $(cat "$work/body")"; }

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
