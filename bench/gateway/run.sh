#!/bin/sh
# The gateway benchmark (docs/performance.md, "Gateway"), run by `make bench`:
#   1. tc-gateway on ephemeral ports, fresh state;
#   2. tc-devsim: N simulated devices register at its resource directory; the time until the
#      gateway's API lists all of them online, and the gateway's RSS before and after (memory
#      per device);
#   3. wrk: proxied GETs (HTTP -> gateway -> CoAP -> device) spread over the N devices;
#   4. the baseline in the same run: tc-coapload sends the same CoAP request straight to the same
#      devices, same duration and concurrency;
#   5. a table, with the CPU time each process used during each load.
# All processes share this machine's cores: the figures are the whole system's, and the CPU
# columns say where the time went.
#
# Usage: bench/gateway/run.sh [BUILD_DIR]          (default build/host)
# Environment: TC_BENCH_DEVICES (1000), TC_BENCH_SECONDS (10), TC_BENCH_CONNECTIONS (32: the
#              proxied load also runs with twice as many, to show where the latency goes),
#              TC_BENCH_THREADS (2: wrk's threads)
set -eu
build=${1:-build/host}
here=$(cd "$(dirname "$0")" && pwd)
devices=${TC_BENCH_DEVICES:-1000}
seconds=${TC_BENCH_SECONDS:-10}
connections=${TC_BENCH_CONNECTIONS:-32}
threads=${TC_BENCH_THREADS:-2}
gateway=$build/gateway/tc-gateway
devsim=$build/bench/tc-devsim
coapload=$build/bench/tc-coapload
prefix=sim- container=bench export_path=value

for tool in "$gateway" "$devsim" "$coapload"; do
  [ -x "$tool" ] || { echo "gateway bench: $tool is not built (make build)" >&2; exit 1; }
done
for tool in wrk curl; do
  command -v $tool >/dev/null || { echo "gateway bench: $tool not found: run scripts/bootstrap" >&2; exit 1; }
done

work=$(mktemp -d)
pids=
cleanup() {
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  sleep 0.3
  for p in $pids; do kill -9 "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

die() {
  echo "gateway bench: $*" >&2
  for f in "$work"/*.err; do [ -s "$f" ] && { echo "--- $f" >&2; tail -20 "$f" >&2; }; done
  exit 1
}
now_ms() { date +%s%3N; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$1/status"; }
# CPU seconds (user + system) a process used so far; the name in field 2 has no spaces here.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
tick=$(getconf CLK_TCK)
# Busy ticks of the whole machine (all cores): everything but idle and iowait.
machine_busy() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
seconds_of() { awk -v t="$1" -v hz="$tick" 'BEGIN {printf "%.2f", t / hz}'; }
# thread_ticks PID: "TID TICKS" per thread of the process.
thread_ticks() {
  for t in /proc/"$1"/task/*/stat; do awk '{print $1, $14 + $15}' "$t" 2>/dev/null || true; done
}
# context_switches PID: voluntary and involuntary, all threads together.
context_switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/ctxt_switches:/ {n += $2} END {print n}'
}
# tcp_counter NAME: a TcpExt counter of the whole machine (/proc/net/netstat), e.g.
# ListenOverflows: connections the kernel dropped because a listening socket's backlog was full.
tcp_counter() {
  awk -v name="$1" '/^TcpExt:/ {if (!n) {for (i = 1; i <= NF; i++) col[$i] = i; n = 1} else print $col[name]}' \
    /proc/net/netstat
}
# busiest_threads BEFORE AFTER: the three threads that used the most CPU between two snapshots
# and the rest together, in seconds: is one thread (the CoAP loop) the bottleneck?
busiest_threads() {
  awk -v hz="$tick" 'NR == FNR {before[$1] = $2; next}
    {d = $2 - before[$1]; if (d > 0) {n++; sum += d; used[$1] = d}}
    END {k = 0; out = "";
      while (k < 3) {best = ""; for (t in used) if (best == "" || used[t] > used[best]) best = t;
        if (best == "") break; out = out sprintf("%.2f, ", used[best] / hz); sum -= used[best];
        delete used[best]; k++}
      printf "%sthe other %d together %.2f", out, n - k, sum / hz}' "$1" "$2"
}
# field NAME LINE: the value of NAME=VALUE in a result line.
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# wait_line FILE PATTERN SECONDS: a bound against hanging, not a measurement.
wait_line() {
  for _ in $(seq $(($3 * 10))); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. The gateway.
"$gateway" --coap 127.0.0.1:0 --http 127.0.0.1:0 --state "$work/state" >"$work/gateway.out" \
  2>"$work/gateway.err" &
gw=$!
pids="$pids $gw"
wait_line "$work/gateway.out" '^http on ' 30 || die "tc-gateway did not report its ports"
coap_port=$(sed -n 's/^coap on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/gateway.out")
http_port=$(sed -n 's/^http on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/gateway.out")
[ -n "$coap_port" ] && [ -n "$http_port" ] || die "unexpected port lines: $(cat "$work/gateway.out")"
token=$(cat "$work/state/admin.token")
api=http://127.0.0.1:$http_port/api/v1
online() {
  curl -sf -H "Authorization: Bearer $token" "$api/devices" | grep -o '"online": *true' | wc -l
}
online >/dev/null || die "GET /api/v1/devices failed"
sleep 1
rss_before=$(rss_kb "$gw")

# 2. The devices register.
start=$(now_ms)
"$devsim" --rd "coap://127.0.0.1:$coap_port" --count "$devices" --prefix "$prefix" \
  --container "$container" --addresses "$work/addresses" >"$work/devsim.out" 2>"$work/devsim.err" &
sim=$!
pids="$pids $sim"
wait_line "$work/devsim.out" '^ready ' 30 || die "tc-devsim did not start"
listed=0
deadline=$(($(now_ms) + 120000))
while [ "$(now_ms)" -lt "$deadline" ]; do
  listed=$(online)
  [ "$listed" -ge "$devices" ] && break
  sleep 0.2
done
all_online_ms=$(($(now_ms) - start))
[ "$listed" -ge "$devices" ] || die "only $listed of $devices devices online after 120 s"
wait_line "$work/devsim.out" '^registered [0-9]* devices in' 10 || die "tc-devsim did not report"
sim_registration_ms=$(sed -n 's/^registered [0-9]* devices in \([0-9]*\) ms.*/\1/p' "$work/devsim.out")
sleep 1
rss_after=$(rss_kb "$gw")
sim_rss=$(rss_kb "$sim")
gw_threads=$(threads_of "$gw")

# One proxied request by hand, to show the translation (and fail early if it is broken).
sample=$(curl -s -w ' HTTP %{http_code}' -H "Authorization: Bearer $token" \
  "$api/devices/${prefix}0001/apps/$container/$export_path")

# 3. Through the gateway.
gw0=$(cpu_ticks "$gw") sim0=$(cpu_ticks "$sim") m0=$(machine_busy)
thread_ticks "$gw" >"$work/threads.before"
cs0=$(context_switches "$gw")
lo0=$(tcp_counter ListenOverflows) syn0=$(tcp_counter TCPSynRetrans)
sh -c '"$@" >"'"$work"'/wrk.out" 2>&1; cat /proc/$$/stat' wrk wrk -t "$threads" -c "$connections" \
  -d "${seconds}s" --latency -s "$here/proxy_requests.lua" "http://127.0.0.1:$http_port" -- \
  "$token" "$devices" "$prefix" "$container" "$export_path" >"$work/wrk.stat"
gw1=$(cpu_ticks "$gw") sim1=$(cpu_ticks "$sim") m1=$(machine_busy)
thread_ticks "$gw" >"$work/threads.after"
cs1=$(context_switches "$gw")
lo1=$(tcp_counter ListenOverflows) syn1=$(tcp_counter TCPSynRetrans)
wrk_result=$(grep '^result ' "$work/wrk.out") || die "wrk: $(cat "$work/wrk.out")"
wrk_cpu=$(awk '{print $16 + $17}' "$work/wrk.stat")

# 3b. Twice as many requests in flight: past saturation, the extra ones only queue.
deep=$((connections * 2))
wrk -t "$threads" -c "$deep" -d "${seconds}s" --latency -s "$here/proxy_requests.lua" \
  "http://127.0.0.1:$http_port" -- "$token" "$devices" "$prefix" "$container" "$export_path" \
  >"$work/wrk-deep.out" 2>&1
deep_result=$(grep '^result ' "$work/wrk-deep.out") || die "wrk: $(cat "$work/wrk-deep.out")"

# 4. The baseline: straight to the devices.
sim2=$(cpu_ticks "$sim") m2=$(machine_busy)
"$coapload" --targets "$work/addresses" --path "/c/$container/x/$export_path" \
  --concurrency "$connections" --duration "$seconds" >"$work/coapload.out" 2>&1 ||
  die "tc-coapload: $(cat "$work/coapload.out")"
sim3=$(cpu_ticks "$sim") m3=$(machine_busy)
load_result=$(grep '^result ' "$work/coapload.out")

kill -TERM "$sim" && wait "$sim" || true
totals=$(grep '^totals: ' "$work/devsim.out" || true)

# 5. The table.
w_requests=$(field requests "$wrk_result")
w_seconds=$(awk -v us="$(field duration_us "$wrk_result")" 'BEGIN {print us / 1e6}')
w_errors=$(($(field non2xx "$wrk_result") + $(field connect "$wrk_result") + $(field read "$wrk_result") + \
  $(field write "$wrk_result") + $(field timeout "$wrk_result")))
d_errors=$(($(field non2xx "$deep_result") + $(field connect "$deep_result") + $(field read "$deep_result") + \
  $(field write "$deep_result") + $(field timeout "$deep_result")))
c_answered=$(field answered "$load_result")
c_errors=$(($(field errors "$load_result") + $(field timeouts "$load_result")))
rate() { awk -v n="$1" -v s="$2" 'BEGIN {printf "%.0f", n / s}'; }
ms() { awk -v us="$1" 'BEGIN {printf "%.2f", us / 1000}'; }
per_request_us() { awk -v t="$1" -v hz="$tick" -v n="$2" 'BEGIN {printf "%.0f", n ? t / hz * 1e6 / n : 0}'; }
cores() { awk -v t="$1" -v hz="$tick" -v s="$2" 'BEGIN {printf "%.2f", t / hz / s}'; }
w_rps=$(rate "$w_requests" "$w_seconds")
c_rps=$(rate "$c_answered" "$(field seconds "$load_result")")
w_p50=$(ms "$(field p50_us "$wrk_result")") w_p99=$(ms "$(field p99_us "$wrk_result")")
c_p50=$(ms "$(field p50_us "$load_result")") c_p99=$(ms "$(field p99_us "$load_result")")
c_cpu_ticks=$(awk -v s="$(field cpu_s "$load_result")" -v hz="$tick" 'BEGIN {printf "%.0f", s * hz}')

echo "--- wrk (through the gateway)"
grep -v '^result ' "$work/wrk.out"
echo "--- tc-coapload (straight to the devices)"
grep -v '^result ' "$work/coapload.out"
echo
echo "Gateway benchmark: $devices simulated devices (tc-devsim, one process), $(nproc) cores shared"
echo "by tc-gateway, tc-devsim and the load generator; ${seconds} s per load, $connections requests in flight;"
echo "load average before the run: $load_before"
echo
echo "registration: tc-devsim's first request to its last 2.01: $sim_registration_ms ms;"
echo "  tc-devsim start to the API listing all $devices online (polled every 0.2 s): $all_online_ms ms"
echo "tc-gateway RSS: $rss_before KiB idle, $rss_after KiB with $devices devices:" \
  "$(awk -v a="$rss_after" -v b="$rss_before" -v n="$devices" 'BEGIN {printf "%.0f", (a - b) * 1024 / n}')" \
  "bytes per device ($gw_threads threads)"
echo "tc-devsim RSS: $sim_rss KiB ($(awk -v a="$sim_rss" -v n="$devices" 'BEGIN {printf "%.0f", a * 1024 / n}') bytes per simulated device)"
echo "one proxied GET: $sample"
echo
printf '| %-34s | %7s | %7s | %7s | %6s | %-44s | %s |\n' "load" "req/s" "p50 ms" "p99 ms" "errors" \
  "CPU s: gateway, devices, load generator" "machine busy (cores)"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "------------------------------------" "--------:" "--------:" \
  "--------:" "-------:" "----------------------------------------------" "-----:"
printf '| %-34s | %7s | %7s | %7s | %6s | %-44s | %s |\n' "HTTP -> tc-gateway -> CoAP (wrk)" \
  "$w_rps" "$w_p50" "$w_p99" "$w_errors" \
  "$(seconds_of $((gw1 - gw0))), $(seconds_of $((sim1 - sim0))), $(seconds_of "$wrk_cpu")" \
  "$(cores $((m1 - m0)) "$seconds")"
printf '| %-34s | %7s | %7s | %7s | %6s | %-44s | %s |\n' "the same, $deep in flight" \
  "$(rate "$(field requests "$deep_result")" "$(awk -v us="$(field duration_us "$deep_result")" 'BEGIN {print us / 1e6}')")" \
  "$(ms "$(field p50_us "$deep_result")")" "$(ms "$(field p99_us "$deep_result")")" "$d_errors" "-" "-"
printf '| %-34s | %7s | %7s | %7s | %6s | %-44s | %s |\n' "CoAP straight to the devices" \
  "$c_rps" "$c_p50" "$c_p99" "$c_errors" \
  "-, $(seconds_of $((sim3 - sim2))), $(field cpu_s "$load_result")" "$(cores $((m3 - m2)) "$seconds")"
echo
echo "CPU per request: tc-gateway $(per_request_us $((gw1 - gw0)) "$w_requests") us per proxied request;" \
  "tc-devsim $(per_request_us $((sim1 - sim0)) "$w_requests") us (proxied), $(per_request_us $((sim3 - sim2)) "$c_answered") us (direct);" \
  "wrk $(per_request_us "$wrk_cpu" "$w_requests") us, tc-coapload $(per_request_us "$c_cpu_ticks" "$c_answered") us"
echo "tc-gateway's busiest threads during the proxied load (CPU s):" \
  "$(busiest_threads "$work/threads.before" "$work/threads.after")"
echo "tc-gateway context switches per proxied request:" \
  "$(awk -v c=$((cs1 - cs0)) -v n="$w_requests" 'BEGIN {printf "%.1f", n ? c / n : 0}')"
echo "TCP during the proxied load (whole machine): $((lo1 - lo0)) listen-queue overflows," \
  "$((syn1 - syn0)) SYN retransmissions ($(ss -ltnH "sport = :$http_port" | awk '{print $3}')" \
  "is tc-gateway's HTTP listen backlog; a connection that overflows it waits 1 s or more)"
echo "latency added by the gateway: p50 +$(awk -v a="$w_p50" -v b="$c_p50" 'BEGIN {printf "%.2f", a - b}') ms," \
  "p99 +$(awk -v a="$w_p99" -v b="$c_p99" 'BEGIN {printf "%.2f", a - b}') ms"
echo "tc-devsim $totals"
verdict=$(awk -v r="$w_rps" -v p="$w_p99" -v e="$w_errors" 'BEGIN {
  if (r >= 5000 && p < 20 && e == 0) { print "met"; exit }
  printf "MISSED:";
  if (r < 5000) printf " %s req/s is %.0f %% of 5000;", r, r / 50;
  if (p >= 20) printf " p99 %s ms is %.1fx the 20 ms bound;", p, p / 20;
  if (e > 0) printf " %d errors;", e }')
echo "target (>= 5000 proxied req/s with p99 < 20 ms, no errors, $connections in flight): $verdict"
