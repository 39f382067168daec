// The benchmark's baseline: the same request the gateway proxies (GET /c/bench/x/value), sent
// straight to the simulated devices over CoAP, K requests in flight at all times for T seconds,
// from one UDP socket and one thread. Each finished request is replaced at once by the next, to
// the next device in turn (round robin), as wrk does with its connections. Latencies go into a
// LatencyHistogram; requests still in flight at the end are not counted, as in wrk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "coap/endpoint.hpp"
#include "latency_histogram.hpp"

namespace tc::bench {

struct LoadTarget {
  std::string id;
  coap::Endpoint peer;
};

struct LoadConfig {
  std::vector<LoadTarget> targets;
  std::string path = "/c/bench/x/value";
  std::size_t concurrency = 64;
  uint32_t duration_s = 10;
  // A request unanswered for this long counts as a timeout and its slot sends the next one.
  uint32_t timeout_ms = 2000;
  uint64_t seed = 1;
};

struct LoadResult {
  uint64_t answered = 0;        // responses received (any code)
  uint64_t errors = 0;          // of which not 2.05 Content, or a Reset
  uint64_t timeouts = 0;        // no answer within timeout_ms
  uint64_t send_errors = 0;     // sendto failures
  uint64_t separate = 0;        // answers that came as separate responses
  double seconds = 0;           // the measured duration
  LatencyHistogram latency_us;  // of the 2.05 answers
};

// Runs the load; false and `error` set when the socket cannot be opened.
bool run_coap_load(const LoadConfig& config, LoadResult& result, std::string& error);

// Reads "ID HOST:PORT" lines (what tc-devsim --addresses writes); false and `error` set on a line
// that is not one.
bool read_targets(const std::string& file, std::vector<LoadTarget>& out, std::string& error);

}  // namespace tc::bench
