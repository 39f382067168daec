#!/bin/sh
# tc-platform as a process (docs/platform.md "The process"), against a real store:
#   run_process.sh TC_PLATFORM SRC sqlite
#   run_process.sh TC_PLATFORM SRC postgres PG_URI_FILE   (a fresh database of its own)
# First start: the state directory made 0700, the admin token printed once and written 0600, the
# API answering through curl; a second start on the same database creates no second admin and
# the first token still works; SIGTERM ends it with status 0.
platform=$1
src=$2
store=$3
. "$src/tests/integration/harness.sh"
command -v curl >/dev/null || { echo "curl not found: run scripts/bootstrap"; exit 1; }
state=$work/state

db_url=
if [ "$store" = postgres ]; then
  command -v psql >/dev/null || { echo "psql not found"; exit 1; }
  admin_uri=$(cat "$4") || { echo "FAIL no PostgreSQL URI in $4"; exit 1; }
  name=platform_process_$$
  psql -q "$admin_uri" -c "CREATE DATABASE $name" || { echo "FAIL cannot create $name"; exit 1; }
  db_url=$(printf '%s' "$admin_uri" | sed "s|/[^/?]*\(?.*\)\{0,1\}$|/$name\1|")
  on_exit() { psql -q "$admin_uri" -c "DROP DATABASE IF EXISTS $name WITH (FORCE)" || true; }
fi

pid=
http=
# start N: tc-platform in the background; sets $pid and $http from its "listening on" line.
start() {
  out=$work/platform.$1.out
  if [ -n "$db_url" ]; then
    "$platform" --db "$db_url" --http 127.0.0.1:0 --state "$state" -v >"$out" 2>>"$work/err" &
  else
    "$platform" --http 127.0.0.1:0 --state "$state" -v >"$out" 2>>"$work/err" &
  fi
  pid=$!
  pids="$pids $pid"
  if ! wait_for 30 grep -q "^listening on http://127.0.0.1:[0-9]*$" "$out"; then
    echo "FAIL tc-platform did not report its address"
    cat "$work/err"
    exit 1
  fi
  http=$(sed -n 's|^listening on http://\(127.0.0.1:[0-9]*\)$|\1|p' "$out")
}
# stop: SIGTERM, then its exit status must be 0.
stop() {
  kill -TERM "$pid"
  if wait "$pid"; then ok "SIGTERM ends it cleanly"; else fail "exit status $? after SIGTERM"; fi
}
api() { curl -s -o "$work/body" -w '%{http_code}' -H "Authorization: Bearer $token" "$@"; }

start 1
[ "$(stat -c %a "$state")" = 700 ] && ok "state directory 0700" || fail "state dir mode"
[ "$(stat -c %a "$state/admin.token")" = 600 ] && ok "admin.token 0600" || fail "token mode"
token=$(cat "$state/admin.token")
grep -q "admin API token (shown once; also in $state/admin.token): $token" "$work/err" &&
  ok "the admin token is printed once on stderr" || fail "no admin token on stderr"
[ "$store" = postgres ] || [ -f "$state/platform.db" ] && ok "the database is where it belongs" ||
  fail "no $state/platform.db"

code=$(curl -s -o /dev/null -w '%{http_code}' "http://$http/api/v1/health")
[ "$code" = 200 ] && ok "health needs no token" || fail "health: $code"
code=$(api "http://$http/api/v1/whoami")
[ "$code" = 200 ] && grep -q '"name":"admin"' "$work/body" && grep -q '"role":"operator"' "$work/body" &&
  ok "whoami: the admin" || fail "whoami: $code $(cat "$work/body")"
code=$(api -X POST -H 'Content-Type: application/json' -d '{"name":"acme"}' \
  "http://$http/api/v1/tenants")
[ "$code" = 201 ] && ok "a tenant is created" || fail "tenant: $code $(cat "$work/body")"
code=$(api -X POST "http://$http/api/v1/tokens")
[ "$code" = 201 ] && ok "a body-less POST is served" || fail "body-less POST: $code"
code=$(curl -s -o "$work/body" -w '%{http_code}' "http://$http/api/v1/tenants")
[ "$code" = 401 ] && grep -q '"code":"missing_token"' "$work/body" &&
  ok "no token: 401 missing_token" || fail "no token: $code"
stop

start 2
grep -c "admin API token" "$work/err" | grep -qx 1 && ok "a restart creates no second admin" ||
  fail "a second admin token was printed"
code=$(api "http://$http/api/v1/tenants")
[ "$code" = 200 ] && grep -q '"name":"acme"' "$work/body" &&
  ok "the first token and the tenant survive the restart" || fail "after restart: $code"
stop

"$platform" --http nonsense --state "$state" 2>"$work/bad"
status=$?
[ "$status" = 2 ] && grep -q "is not HOST:PORT" "$work/bad" && ok "a bad --http is refused" ||
  fail "bad --http: status $status"

[ "$failures" = 0 ] || exit 1
echo "all platform process checks passed ($store)"
