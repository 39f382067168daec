# Shared by the e2e scripts (sourced): processes, the device, tcctl, reporting.
# Expects $device $tcctl $check $work set; sets $pid $port $d.

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
