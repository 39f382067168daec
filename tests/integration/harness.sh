# Sourced by the integration scripts: a scratch directory, the processes to end, reporting.
#   $work           a fresh directory, removed on exit (kept with KEEP=1)
#   $pids           add the pid of every background process: each gets SIGKILL on exit; a script
#                   that has more to end defines on_exit, which runs first
#   fail / ok TEXT  one line each; fail counts in $failures
#   wait_for SECONDS COMMAND...   runs COMMAND every 0.1 s until it succeeds; 1 after SECONDS (a
#                   bound against hanging, never a timing check)
#   free_udp_port   a random UDP port below the ephemeral range (32768..) that no socket on this
#                   machine uses: libcoap's servers bind with SO_REUSEADDR, so a taken port would
#                   not fail, hence the look first
work=$(mktemp -d)
pids=
failures=0
fail() {
  echo "FAIL $*"
  failures=$((failures + 1))
}
ok() { echo "ok   $*"; }

harness_cleanup() {
  if command -v on_exit >/dev/null 2>&1; then on_exit || true; fi
  for p in $pids; do kill -9 "$p" 2>/dev/null || true; done
  for p in $pids; do wait "$p" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap harness_cleanup EXIT
trap 'exit 1' INT TERM

wait_for() {
  n=$(($1 * 10))
  shift
  for _ in $(seq "$n"); do
    if "$@" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

free_udp_port() {
  while :; do
    p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 12000))
    grep -qi "$(printf ':%04X ' "$p")" /proc/net/udp /proc/net/udp6 2>/dev/null || break
  done
  echo "$p"
}
