-- wrk script of the gateway benchmark (bench/gateway/run.sh): each connection GETs the proxied
-- export of the simulated devices in turn (/api/v1/devices/PREFIXNNNN/apps/CONTAINER/PATH, the
-- device's /c/CONTAINER/x/PATH) with the admin token; the threads start at different devices.
-- done() prints one machine-readable line for the driver.
--   wrk -t2 -c64 -d10s --latency -s proxy_requests.lua http://127.0.0.1:PORT -- \
--       TOKEN DEVICES PREFIX CONTAINER PATH

local threads_made = 0

function setup(thread)
  thread:set("thread_index", threads_made)
  threads_made = threads_made + 1
end

function init(args)
  local token, devices, prefix, container, path = args[1], tonumber(args[2]), args[3], args[4], args[5]
  local headers = { ["Authorization"] = "Bearer " .. token }
  -- Formatted once: request() runs for every request and must stay cheap.
  prepared = {}
  for i = 1, devices do
    local target = string.format("/api/v1/devices/%s%04d/apps/%s/%s", prefix, i, container, path)
    prepared[i] = wrk.format("GET", target, headers)
  end
  device_count = devices
  next_device = ((thread_index or 0) * 499) % devices
end

function request()
  next_device = next_device % device_count + 1
  return prepared[next_device]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "result requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
