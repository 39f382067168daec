#include "api/device_call.hpp"

#include <algorithm>
#include <condition_variable>
#include <memory>
#include <mutex>

namespace tc::gw {
namespace {

// Outcomes filled in by completions on the CoAP thread. Shared with them, so a completion that
// comes after the waiter gave up writes into memory that is still there.
struct Pending {
  std::mutex mutex;
  std::condition_variable done;
  std::vector<std::optional<CoapOutcome>> outcomes;
  std::size_t remaining = 0;
};

}  // namespace

CoapOutcome call_device(DeviceLink& link, const DeviceAddress& to, CoapRequest request) {
  std::vector<CoapRequest> one;
  one.push_back(std::move(request));
  return std::move(call_device_all(link, to, std::move(one)).front());
}

std::vector<CoapOutcome> call_device_all(DeviceLink& link, const DeviceAddress& to,
                                         std::vector<CoapRequest> requests) {
  auto pending = std::make_shared<Pending>();
  pending->outcomes.resize(requests.size());
  pending->remaining = requests.size();
  std::chrono::milliseconds longest{0};
  for (const CoapRequest& r : requests)
    longest = std::max(longest, r.timeout);
  for (std::size_t i = 0; i < requests.size(); ++i) {
    link.send(to, std::move(requests[i]), [pending, i](CoapOutcome outcome) {
      {
        const std::lock_guard lock(pending->mutex);
        pending->outcomes[i] = std::move(outcome);
        pending->remaining -= 1;
      }
      pending->done.notify_one();
    });
  }
  std::unique_lock lock(pending->mutex);
  pending->done.wait_for(lock, longest + kCompletionGrace, [&] { return pending->remaining == 0; });
  std::vector<CoapOutcome> out;
  out.reserve(pending->outcomes.size());
  for (std::optional<CoapOutcome>& o : pending->outcomes) {
    out.push_back(
        o ? std::move(*o)
          : CoapOutcome{CoapFailure::timeout, "the CoAP layer never completed the request", {}});
  }
  return out;
}

}  // namespace tc::gw
