#!/bin/sh
# e2e_power_loss: a signed update cut by a power loss, TRIALS times (default 100; seed E2E_SEED,
# default 20261122: the same seed gives the same schedule). The device trusts one operator key
# and takes signed envelopes only (no --insecure).
#
# kv-counter (kv_counter.c) runs and commits count + 1 to key-value storage every 20 ms. Trial t
# sends the envelope of version t + 1 (sequence number t + 1) as an update and cuts the device:
#   - odd trials: a fault injected into the device's storage (TC_FAULT_PUT): SIGKILL inside the
#     first write of the container record (c/), its desired state (s/) or its anti-rollback mark
#     (q/), at a seeded step (before the temporary file, after its bytes, after its fsync, after
#     the rename);
#   - even trials: kill -9 at a seeded moment 0..39 ms after the install started.
# After each cut the device restarts on the same state directory, and:
#   - kv-counter runs exactly the old or exactly the new version (version and sequence number of
#     its record agree), the new one if the install had answered 2.01;
#   - its count is not below the last one read (no committed key-value write lost);
#   - an envelope at or below the accepted sequence number is refused (rollback) at the end.
# Usage: run_power_loss.sh TC_DEVICE TCCTL E2E_JSON IMAGES_DIR SOURCE_DIR
set -u
device=$1 tcctl=$2 check=$3 images=$4 src=$5
here=$(cd "$(dirname "$0")" && pwd)
TRIALS=${TRIALS:-100}
SEED=${E2E_SEED:-20261122}
work=$(mktemp -d)
. "$here/common.sh"


board=$src/tests/data/boards/smartdronebox.json
state=$work/state
device_flags="--trust $work/ops/public.pem"

report() { report_device "trial $trial (seed $SEED, mode $mode)" kv-counter; }
die() { fail "$*"; report; exit 1; }


# sign K: the envelope of kv-counter version K, sequence number K, in $work/e$K.suit.
sign() {
  sed "s/\"version\": 1,/\"version\": $1,/" "$here/kv_counter.json" >"$work/m$1.json"
  "$tcctl" sign "$images/kv_counter.tcx" "$work/m$1.json" --key "$work/ops/private.pem" \
    --board "$board" --seq "$1" -o "$work/e$1.suit" >/dev/null 2>"$work/sign.err" ||
    die "tcctl sign version $1: $(cat "$work/sign.err")"
}

# wait_gone PID: until the process has ended (at most 5 s).
wait_gone() {
  for _ in $(seq 100); do
    kill -0 "$1" 2>/dev/null || return 0
    sleep 0.05
  done
  return 1
}

"$tcctl" keygen --alg es256 -o "$work/ops" >/dev/null || die "tcctl keygen"
sign 1
trial=0 mode=setup
start_device device "$board" "$state"
dev install "$work/e1.suit" || die "install version 1: $(cat "$work/dev.out" "$work/dev.err")"
status kv-counter "$work/st.json" || die "status after install"
[ "$(j "$work/st.json" /state)" = running ] || dev start kv-counter || die "start: $(cat "$work/dev.err")"
sleep 0.2
last=$(read_count)
[ -n "$last" ] || die "GET /c/kv-counter/x/count: no count: $(cat "$work/count.err")"
ok "kv-counter version 1 installed from a signed envelope and counting ($last)"

"$check" rand "$SEED" $((TRIALS * 2)) 0 999 >"$work/schedule"
current=1 old=0 new=0 answered=0
trial=1
while [ "$trial" -le "$TRIALS" ]; do
  k=$((trial + 1))
  sign "$k"
  r1=$(sed -n "$((trial * 2 - 1))p" "$work/schedule")
  r2=$(sed -n "$((trial * 2))p" "$work/schedule")
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ $((trial % 2)) -eq 1 ]; then
    case $((r1 % 3)) in 0) prefix=c/ ;; 1) prefix=s/ ;; *) prefix=q/ ;; esac
    mode="fault ${prefix}kv-counter:1:$((r2 % 4))"
    TC_FAULT_PUT="${prefix}kv-counter:1:$((r2 % 4))"
    export TC_FAULT_PUT
    start_device device "$board" "$state"
    unset TC_FAULT_PUT
    "$tcctl" dev -d "$d" --timeout 3 install "$work/e$k.suit" >"$work/dev.out" 2>"$work/dev.err" &
    installer=$!
    wait_gone "$pid" || true  # the planned crash; an install that never reaches it is cut below
  else
    mode="kill after $((r2 % 40)) ms"
    start_device device "$board" "$state"
    "$tcctl" dev -d "$d" --timeout 3 install "$work/e$k.suit" >"$work/dev.out" 2>"$work/dev.err" &
    installer=$!
    sleep "$(printf '0.%03d' $((r2 % 40)))"
  fi
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if kill -0 "$installer" 2>/dev/null; then kill "$installer" 2>/dev/null; fi
  wait "$installer" 2>/dev/null
  installed=$?
  installer=

  start_device device "$board" "$state"
  status kv-counter "$work/st.json" || die "kv-counter is gone after the cut"
  version=$(j "$work/st.json" /version)
  sequence=$(j "$work/st.json" /sequence)
  run=$(j "$work/st.json" /state)
  [ "$version" = "$sequence" ] || die "version $version with sequence $sequence: a mixed record"
  [ "$run" = running ] || die "kv-counter is $run after the cut, not running"
  if [ "$version" = "$k" ]; then
    new=$((new + 1))
  elif [ "$version" = "$current" ]; then
    old=$((old + 1))
    [ "$installed" -ne 0 ] || die "the install answered 2.01 but version $current came back"
  else
    die "version $version: neither the old ($current) nor the new ($k)"
  fi
  [ "$installed" -eq 0 ] && answered=$((answered + 1))
  sleep 0.05
  count=$(read_count)
  [ -n "$count" ] || die "no count after the restart: $(cat "$work/count.err")"
  [ "$count" -ge "$last" ] || die "count went back from $last to $count: a committed write was lost"
  last=$count current=$version
  trial=$((trial + 1))
done
trial=$TRIALS
ok "$TRIALS cuts: $old kept the old version, $new the new one ($answered installs had answered)"
[ "$old" -gt 0 ] && [ "$new" -gt 0 ] || fail "the schedule never left the old (or the new) version"

# Anti-rollback across all those restarts: the accepted number is at least the running one.
mode=replay
if dev install "$work/e$current.suit"; then
  fail "replaying the running version's envelope was accepted"
elif grep -q rollback "$work/dev.out" "$work/dev.err"; then
  ok "replaying sequence $current is refused as a rollback"
else
  fail "replay refused for another reason: $(cat "$work/dev.out" "$work/dev.err")"
fi
[ "$failures" -eq 0 ] || { report; exit 1; }
echo "all power-loss checks passed"
