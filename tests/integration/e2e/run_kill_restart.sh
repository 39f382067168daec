#!/bin/sh
# e2e_kill_restart: kill -9 a real tc-device at seeded random moments and restart it on the same
# state directory (docs/native-port.md "State directory"), TRIALS times (default 20, seed
# E2E_SEED, default 20240607: the same seed gives the same schedule).
# kv_counter (this directory) stores count + 1 in key-value storage every 20 ms and serves the
# committed count on GET /c/kv-counter/x/count. About one trial in three kills the device during
# an install of climate_monitor (tcctl dev install in the background, the kill 0..40 ms later);
# the others kill it 50..549 ms after reading the counter. After every restart:
#   - kv-counter is still installed and running (its desired state), and counts on;
#   - the count read back is >= the last count read before the kill (no committed write lost);
#   - climate-monitor is present if its install answered 2.01 before the kill; otherwise it is
#     present or absent, and if present it is whole: status works, start works (then removed).
# Usage: run_kill_restart.sh TC_DEVICE TCCTL E2E_JSON IMAGES_DIR SOURCE_DIR
set -u
device=$1 tcctl=$2 check=$3 images=$4 src=$5
examples=$src/sdk/examples
here=$(cd "$(dirname "$0")" && pwd)
TRIALS=${TRIALS:-20}
SEED=${E2E_SEED:-20240607}
work=$(mktemp -d)
. "$here/common.sh"


board=$src/tests/data/boards/smartdronebox.json
state=$work/state

report() { report_device "trial $trial (seed $SEED)" kv-counter climate-monitor; }
die() { fail "$*"; report; exit 1; }


# state_of NAME: its state in `tcctl dev -o json ps`, "absent", or "error".
state_of() {
  "$tcctl" dev -d "$d" --timeout 3 -o json ps >"$work/ps.json" 2>"$work/dev.err" || { echo error; return; }
  for i in 0 1 2 3 4 5 6 7; do
    n=$(j "$work/ps.json" "/$i/name" "") || break
    [ -z "$n" ] && break
    if [ "$n" = "$1" ]; then j "$work/ps.json" "/$i/state"; return; fi
  done
  echo absent
}

start_device device "$board" "$state"
dev install "$images/kv_counter.tcx" "$here/kv_counter.json" --insecure || die "install kv-counter: $(cat "$work/dev.err")"
dev start kv-counter || die "start kv-counter: $(cat "$work/dev.err")"
trial=0
sleep 0.2
last=$(read_count)
[ -n "$last" ] || die "GET /c/kv-counter/x/count: no count: $(cat "$work/count.err")"
ok "kv-counter installed and counting ($last)"

"$check" rand "$SEED" $((TRIALS * 2)) 0 999 >"$work/schedule"
installs=0 answered=0 present=0 absent=0
t_start=$(now_ms)
trial=1
while [ "$trial" -le "$TRIALS" ]; do
  r1=$(sed -n "$((trial * 2 - 1))p" "$work/schedule")
  r2=$(sed -n "$((trial * 2))p" "$work/schedule")
  during_install=0
  [ $((r1 % 3)) -eq 0 ] && during_install=1
  last=$(read_count)
  [ -n "$last" ] || die "trial $trial: GET count before the kill failed: $(cat "$work/count.err")"
  if [ "$during_install" -eq 1 ]; then
    delay=$((r2 % 41))
    installs=$((installs + 1))
    rm -f "$work/install.rc"
    ( "$tcctl" dev -d "$d" --timeout 2 install "$images/climate_monitor.tcx" \
        "$examples/climate_monitor.json" --insecure >"$work/install.out" 2>&1
      echo $? >"$work/install.rc" ) &
    installer=$!
  else
    delay=$((50 + r2 % 500))
  fi
  sleep "$((delay / 1000)).$(printf %03d $((delay % 1000)))"
  kill -9 "$pid"
  wait "$pid" 2>/dev/null
  pid=
  install_ok=0
  if [ "$during_install" -eq 1 ]; then
    wait "$installer"
    installer=
    [ "$(cat "$work/install.rc")" = 0 ] && install_ok=1
  fi

  start_device device "$board" "$state"
  s=$(state_of kv-counter)
  [ "$s" = running ] || die "trial $trial: kv-counter is '$s' after the restart, not running (its desired state)"
  v=$(read_count)
  [ -n "$v" ] || die "trial $trial: GET count after the restart failed: $(cat "$work/count.err")"
  [ "$v" -ge "$last" ] || die "trial $trial: count went back from $last to $v: a committed write was lost"
  what="kill after ${delay} ms"
  if [ "$during_install" -eq 1 ]; then
    s=$(state_of climate-monitor)
    case $s in
      absent)
        [ "$install_ok" -eq 0 ] || die "trial $trial: install of climate-monitor answered 2.01, gone after the restart"
        absent=$((absent + 1))
        what="$what of an install (not answered): absent" ;;
      installed)
        [ "$install_ok" -eq 1 ] && answered=$((answered + 1)) || present=$((present + 1))
        dev -o json status climate-monitor || die "trial $trial: status of the restored climate-monitor: $(cat "$work/dev.err")"
        dev start climate-monitor || die "trial $trial: start of the restored climate-monitor: $(cat "$work/dev.err")"
        [ "$(state_of climate-monitor)" = running ] || die "trial $trial: climate-monitor not running after start"
        dev rm climate-monitor || die "trial $trial: rm climate-monitor: $(cat "$work/dev.err")"
        what="$what of an install (answered: $install_ok): present, starts" ;;
      *) die "trial $trial: climate-monitor is '$s' after the restart (install answered: $install_ok)" ;;
    esac
  fi
  # Running restarts running: it counts on.
  sleep 0.2
  v2=$(read_count)
  [ -n "$v2" ] && [ "$v2" -gt "$v" ] || die "trial $trial: kv-counter does not count on after the restart ($v, then '$v2')"
  ok "trial $trial: $what; count $last before, $v after, $v2 later"
  trial=$((trial + 1))
done
trial=end
echo "$TRIALS kills in $(($(now_ms) - t_start)) ms (seed $SEED): $installs during an install of" \
  "climate-monitor ($answered answered 2.01 and present, $present unanswered but present and whole," \
  "$absent absent)"
[ "$failures" -eq 0 ] || { report; echo "$failures failed"; exit 1; }
echo "all passed"
