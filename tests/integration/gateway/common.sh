# Shared by the gateway integration scripts (sourced): the gateway, devices registered with it,
# the API through curl. Expects $gateway $device $tcctl $json $src set; the scratch directory,
# process clean-up and reporting come from ../harness.sh (KEEP=1 keeps $work).
set -u
. "$src/tests/integration/harness.sh"
board=$src/tests/data/boards/smartdronebox.json
gw_pid=
# The gateway's pid changes with each restart: ended here, before harness.sh ends $pids. A
# script with more to do at exit defines its own on_exit and calls end_gateway from it.
end_gateway() {
  if [ -n "$gw_pid" ]; then
    kill -9 "$gw_pid" 2>/dev/null
    wait "$gw_pid" 2>/dev/null
  fi
}
on_exit() { end_gateway; }
command -v curl >/dev/null || { echo "curl not found: run scripts/bootstrap"; exit 1; }

# start_gateway [FLAGS...]: tc-gateway with its state in $work/gw, on $coap_port when set (a
# restart keeps the port the devices know), else any; sets $gw_pid $http $coap_port $token.
start_gateway() {
  starts=$((${starts:-0} + 1))
  out=$work/gateway.$starts.out
  "$gateway" --coap "127.0.0.1:${coap_port:-0}" --http 127.0.0.1:0 --state "$work/gw" -v "$@" \
    >"$out" 2>>"$work/gateway.log" &
  gw_pid=$!
  http=
  for _ in $(seq 100); do
    http=$(sed -n 's/^http on \(127.0.0.1:[0-9]*\)$/\1/p' "$out" 2>/dev/null)
    [ -n "$http" ] && break
    kill -0 "$gw_pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -z "$http" ]; then
    echo "FAIL tc-gateway did not report its ports"
    tail -20 "$work/gateway.log"
    exit 1
  fi
  coap_port=$(sed -n 's/^coap on 127.0.0.1:\([0-9]*\)$/\1/p' "$out")
  token=$(cat "$work/gw/admin.token")
}

# stop_gateway: SIGTERM; 1 unless it exits 0.
stop_gateway() {
  kill -TERM "$gw_pid"
  wait "$gw_pid"
  rc=$?
  gw_pid=
  return $rc
}

# start_device NAME [FLAGS...]: tc-device NAME registered with the gateway (lifetime 2 s, so that
# a killed device goes offline quickly), state in $work/NAME; its pid in $pids and $dev_pid.
start_device() {
  name=$1
  shift
  "$device" --profile "$board" --listen 127.0.0.1:0 --state "$work/$name" --id "$name" \
    --gateway "coap://127.0.0.1:$coap_port" --lifetime 2 -v "$@" \
    >"$work/$name.out" 2>>"$work/$name.log" &
  dev_pid=$!
  pids="$pids $dev_pid"
}

# api METHOD PATH [CURL ARGS...]: the API with the admin token; the body in $work/body, the
# status on stdout.
api() {
  method=$1 path=$2
  shift 2
  curl -s -o "$work/body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $token" \
    "$@" "http://$http/api/v1$path"
}
j() { "$json" get "$work/body" "$1"; }

# expect STATUS CODE TITLE METHOD PATH [CURL ARGS...]: the answer has STATUS and, for an error,
# the error code CODE ("-" for none).
expect() {
  want=$1 code=$2 title=$3
  shift 3
  got=$(api "$@")
  if [ "$got" != "$want" ]; then
    fail "$title: HTTP $got, expected $want: $(cat "$work/body")"
    return 1
  fi
  if [ "$code" != "-" ] && [ "$(j /error/code)" != "$code" ]; then
    fail "$title: error code $(j /error/code), expected $code"
    return 1
  fi
  if [ "$code" = "-" ]; then ok "$title ($want)"; else ok "$title ($want $code)"; fi
}

# online NAME [true|false]: the device is listed with that online state (default true).
online() {
  [ "$(api GET "/devices/$1")" = 200 ] && [ "$(j /online)" = "${2:-true}" ]
}

# report: the end of the gateway's and devices' logs, for a failure.
report() {
  echo "--- last 30 lines of the gateway's log"
  tail -30 "$work/gateway.log" | sed 's/^/  | /'
  for log in "$work"/*.log; do
    [ "$log" = "$work/gateway.log" ] && continue
    echo "--- last 10 lines of $(basename "$log")"
    tail -10 "$log" | sed 's/^/  | /'
  done
}

# operator_key: the key pair the devices trust (start_device --trust "$work/ops/public.pem").
operator_key() {
  "$tcctl" keygen --alg es256 -o "$work/ops" >/dev/null || { echo "FAIL tcctl keygen"; exit 1; }
}

# sign_envelope IMAGE MANIFEST SEQ OUT: a SUIT envelope signed with the operator key.
sign_envelope() {
  "$tcctl" sign "$1" "$2" --key "$work/ops/private.pem" --board "$board" --seq "$3" -o "$4" \
    >/dev/null || { echo "FAIL tcctl sign $1"; exit 1; }
}
