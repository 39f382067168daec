#include "firmware_agent.hpp"

#include "console.hpp"
#include "manifest/codec.hpp"
#include "systick.hpp"

namespace tc::firmware_test {
namespace {

using cortex_m::console::print;
using cortex_m::console::print_dec;

alignas(8) uint8_t pool[kPoolBytes];
alignas(8) uint8_t storage_arena[kStorageBytes];

// Prints each line and remembers whether `wanted` was among them.
class LogPrinter final : public agent::LogVisitor {
 public:
  LogPrinter(std::string_view name, std::string_view wanted) : name_(name), wanted_(wanted) {}
  void line(uint32_t, uint64_t time_ms, std::string_view text) override {
    print("  [");
    print(name_);
    print(" @");
    print_dec(time_ms);
    print(" ms] ");
    cortex_m::console::line(text);
    found_ = found_ || (!wanted_.empty() && text == wanted_);
  }
  [[nodiscard]] bool found() const { return found_; }

 private:
  std::string_view name_;
  std::string_view wanted_;
  bool found_ = false;
};

}  // namespace

FirmwareAgent::FirmwareAgent()
    : storage_(storage_arena),
      resources_(clock_),
      agent_({clock_, watchdog_, storage_, resources_, entropy_},
             cortex_m::agent_budget::config(nullptr)) {}

Status FirmwareAgent::begin() {
  const Status st = agent_.begin(pool);
  print("agent: ");
  print_dec(kContainers);
  print(" slots of ");
  print_dec(agent_.container_capacity());
  print(" container bytes; pool ");
  print_dec(sizeof pool);
  print(" B, Agent object ");
  print_dec(sizeof(agent::Agent));
  print(" B, Slot control block ");
  print_dec(sizeof(agent::Slot));
  print(" B, storage arena ");
  print_dec(sizeof storage_arena);
  cortex_m::console::line(" B");
  return st;
}

Status FirmwareAgent::install(std::span<const uint8_t> image,
                              std::span<const uint8_t> manifest_cbor) {
  manifest_ = manifest::Manifest{};
  if (!manifest::decode(manifest_cbor, manifest_).ok()) {
    return {StatusCode::invalid_argument, "manifest CBOR refused"};
  }
  return agent_.install(image, manifest_, manifest_cbor);
}

void FirmwareAgent::run_until(uint64_t until_ms) {
  for (uint64_t now = clock_.now_ms(); now < until_ms; now = clock_.now_ms()) {
    const uint64_t next = agent_.poll(now);
    if (next > clock_.now_ms()) cortex_m::systick::wait_for_interrupt();
  }
}

bool FirmwareAgent::print_logs(std::string_view name, std::string_view wanted) {
  LogPrinter printer(name, wanted);
  (void)agent_.logs(name, 0, printer);
  return printer.found();
}

}  // namespace tc::firmware_test
