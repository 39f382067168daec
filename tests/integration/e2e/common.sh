# Shared by the e2e scripts (sourced): processes, the device, tcctl, reporting.
# Expects $device $tcctl $check $work set; sets $pid $port $d $client, and on exit ends the
# device and the background $installer and $poller and removes $work (kept with E2E_KEEP=1).

failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}
ok() { echo "ok   $*"; }
now_ms() { "$check" now; }

# start_device NAME BOARD STATE: tc-device on port 0 (-v: every agent event on its stderr, kept in
# $work/NAME.log for the failure report); sets $pid, $port, $d. $device_flags (default
# --insecure) are its other flags.
start_device() {
  # A fresh file each time: the shell truncates it in the child, after this shell may read it.
  starts=$((${starts:-0} + 1))
  out=$work/$1.$starts.out
  # shellcheck disable=SC2086 # the flags are words
  "$device" --profile "$2" --listen 127.0.0.1:0 --state "$3" ${device_flags---insecure} -v \
    >"$out" 2>>"$work/$1.log" &
  pid=$!
  port=
  for _ in $(seq 100); do
    port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$out" 2>/dev/null)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$port" ]; then
    echo "FAIL tc-device did not report its port within 5 s"
    tail -20 "$work/$1.log"
    exit 1
  fi
  d="coap://127.0.0.1:$port"
}

# dev ARGS...: tcctl dev against the device, stdout in $work/dev.out, stderr in $work/dev.err.
dev() {
  "$tcctl" dev -d "$d" --timeout 3 "$@" >"$work/dev.out" 2>"$work/dev.err"
}

# status NAME FILE: `tcctl dev status NAME -o json` into FILE; 1 (and a failure) if it fails.
status() {
  if "$tcctl" dev -d "$d" --timeout 3 -o json status "$1" >"$2" 2>"$work/dev.err"; then return 0; fi
  fail "status $1: exit $?: $(cat "$work/dev.err")"
  return 1
}
j() { "$check" get "$@"; }

pid=
installer=
cleanup() {
  for child in $installer ${poller:-}; do
    kill "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  done
  if [ -n "$pid" ]; then kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
  if [ -n "${E2E_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

client=$(command -v coap-client-notls || true)
[ -n "$client" ] || { echo "coap-client-notls not found: run scripts/bootstrap (libcoap3-bin)"; exit 1; }

# read_count: the committed count kv-counter (kv_counter.c) serves, or empty.
read_count() {
  rm -f "$work/count"
  "$client" -B 3 -m get -o "$work/count" "$d/c/kv-counter/x/count" >/dev/null 2>"$work/count.err" || true
  v=$(cat "$work/count" 2>/dev/null)
  case $v in '' | *[!0-9]*) echo "" ;; *) echo "$v" ;; esac
}

# report_device TITLE CONTAINER...: on failure, the device's view (ps, each container's status),
# its state directory ($state) and the end of its log, all runs.
report_device() {
  echo "--- $1: device state"
  shift
  "$tcctl" dev -d "$d" --timeout 3 ps 2>&1 | sed 's/^/  | /'
  for n in "$@"; do
    "$tcctl" dev -d "$d" --timeout 3 status "$n" 2>&1 | sed 's/^/  | /'
  done
  echo "--- state directory"
  ls -l "$state/store" 2>&1 | sed 's/^/  | /'
  echo "--- last 30 lines of the device's log (tc-device -v, all runs)"
  tail -30 "$work/device.log" | sed 's/^/  | /'
}
