// tc-bench-suit: what a signed deployment costs on the host (docs/performance.md, "Secure
// deployment"), for the 4 KiB container of tc-bench-agent (agent_install):
//   1. each step of the device's check, timed alone: parse, authenticate (manifest digest and
//      one signature: ES256 against EdDSA), process (conditions, the two component digests), the
//      permissions manifest decode;
//   2. verify and install the whole envelope into an agent (in-memory storage, so that the
//      figure is the check's, not the disk's), against installing the same image and manifest
//      unsigned (the --insecure path) in the same run;
//   3. the envelope's size against the image and manifest it carries (target: under 300 bytes
//      of overhead).
// Google Benchmark flags pass through, e.g. --benchmark_repetitions=5.
#include <benchmark/benchmark.h>

#include <array>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "agent_device.hpp"
#include "comparison.hpp"
#include "container.hpp"
#include "host_crypto.hpp"
#include "keys/keys.hpp"
#include "manifest/codec.hpp"
#include "suit/envelope_builder.hpp"
#include "suit/suit.hpp"

namespace tc::bench {
namespace {

constexpr const char* kName = "agent_install";

// The release and its envelopes, built once.
struct Fixture {
  Fixture()
      : es256(keys::PrivateKey::generate(crypto::Algorithm::es256)),
        eddsa(keys::PrivateKey::generate(crypto::Algorithm::eddsa)) {
    release.name = kName;
    release.image = load_image(kName);
    const manifest::Manifest m = bench_manifest(kName, 1000);
    std::array<uint8_t, manifest::kMaxEncodedSize> cbor{};
    const Result<std::size_t> n = manifest::encode(m, cbor);
    if (!n.ok()) throw ContainerError("manifest::encode");
    release.manifest_cbor.assign(cbor.begin(), cbor.begin() + static_cast<std::ptrdiff_t>(*n));
    release.sequence = 1;
    release.vendor_id = suit_host::default_vendor_id();
    release.class_id = suit_host::default_class_id(release.vendor_id, "bench");
    identity = make_identity();
    envelope_es256 = sign(es256);
    envelope_eddsa = sign(eddsa);
    anchors[0] = anchor_of(es256);
    anchors[1] = anchor_of(eddsa);
  }

  std::vector<uint8_t> sign(const keys::PrivateKey& key) const {
    const keys::PrivateKey* signers[] = {&key};
    return suit_host::build_envelope(release, signers);
  }

  static crypto::TrustAnchor anchor_of(const keys::PrivateKey& key) {
    return keys::trust_anchor(key.public_key(), crypto::Role::operator_key);
  }

  suit::DeviceIdentity make_identity() const {
    suit::DeviceIdentity id;
    std::copy(release.vendor_id.begin(), release.vendor_id.end(), id.vendor_id);
    std::copy(release.class_id.begin(), release.class_id.end(), id.class_id);
    return id;
  }

  [[nodiscard]] suit::Policy policy() const { return {.anchors = anchors}; }

  crypto::HostCrypto host;
  keys::PrivateKey es256;
  keys::PrivateKey eddsa;
  suit_host::ContainerRelease release;
  suit::DeviceIdentity identity;
  std::vector<uint8_t> envelope_es256;
  std::vector<uint8_t> envelope_eddsa;
  std::array<crypto::TrustAnchor, 2> anchors{};
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void require(const suit::Report& r, benchmark::State& state, const char* step) {
  if (!r.ok()) state.SkipWithError((std::string(step) + ": " + suit::token(r.error)).c_str());
}

// ---- 1. the steps ---------------------------------------------------------------------------

void parse(benchmark::State& state) {
  Fixture& f = fixture();
  suit::Envelope env;
  for (auto _ : state) {
    const suit::Report r = suit::parse(f.envelope_es256, env);
    benchmark::DoNotOptimize(env);
    if (!r.ok()) return require(r, state, "parse");
  }
}

void authenticate(benchmark::State& state, const std::vector<uint8_t>& envelope) {
  Fixture& f = fixture();
  suit::Envelope env;
  require(suit::parse(envelope, env), state, "parse");
  for (auto _ : state) {
    suit::Authentication auth;
    const suit::Report r = suit::authenticate(env, f.host, f.policy(), auth);
    if (!r.ok()) return require(r, state, "authenticate");
  }
}
void authenticate_es256(benchmark::State& state) {
  authenticate(state, fixture().envelope_es256);
}
void authenticate_eddsa(benchmark::State& state) {
  authenticate(state, fixture().envelope_eddsa);
}

void process(benchmark::State& state) {
  Fixture& f = fixture();
  suit::Envelope env;
  require(suit::parse(f.envelope_es256, env), state, "parse");
  const suit::Context context{
      .crypto = f.host, .identity = f.identity, .fetcher = nullptr, .fetch_buffer = {}};
  for (auto _ : state) {
    suit::Deployment d;
    const suit::Report r = suit::process(env, context, d);
    if (!r.ok()) return require(r, state, "process");
    benchmark::DoNotOptimize(d);
  }
}

void decode_manifest(benchmark::State& state) {
  Fixture& f = fixture();
  manifest::Manifest m;
  for (auto _ : state) {
    const manifest::ManifestError e = manifest::decode(f.release.manifest_cbor, m);
    benchmark::DoNotOptimize(m);
    if (!e.ok()) return state.SkipWithError("manifest::decode");
  }
}

// ---- 2. verify and install ------------------------------------------------------------------

// One envelope checked the way the device's management tree checks it, then installed.
bool check_and_install(Fixture& f, Device& device, const std::vector<uint8_t>& envelope,
                       manifest::Manifest& m) {
  suit::Envelope env;
  suit::Authentication auth;
  suit::Deployment d;
  const suit::Context context{
      .crypto = f.host, .identity = f.identity, .fetcher = nullptr, .fetch_buffer = {}};
  if (!suit::parse(envelope, env).ok() || !suit::authenticate(env, f.host, f.policy(), auth).ok() ||
      !suit::process(env, context, d).ok()) {
    return false;
  }
  if (!manifest::decode(d.manifest, m).ok() || m.name.view() != d.name) return false;
  return device.agent().install(d.image, m, d.manifest, d.sequence).ok();
}

void install(benchmark::State& state, bool signed_envelope) {
  Fixture& f = fixture();
  Device device(1, StorageKind::memory, WatchdogKind::none);
  manifest::Manifest m;
  if (!manifest::decode(f.release.manifest_cbor, m).ok()) return state.SkipWithError("decode");
  uint64_t sequence = 0;
  for (auto _ : state) {
    bool ok = false;
    if (signed_envelope) {
      // The sequence number must move forward on every install: a new envelope each time, built
      // outside the timing.
      state.PauseTiming();
      f.release.sequence = ++sequence;
      const std::vector<uint8_t> envelope = f.sign(f.es256);
      state.ResumeTiming();
      ok = check_and_install(f, device, envelope, m);
    } else {
      ok = device.agent().install(f.release.image, m, f.release.manifest_cbor).ok();
    }
    if (!ok) return state.SkipWithError("install refused");
    state.PauseTiming();
    if (!device.agent().remove(kName).ok()) return state.SkipWithError("remove");
    state.ResumeTiming();
  }
}
void install_signed(benchmark::State& state) {
  install(state, true);
}
void install_unsigned(benchmark::State& state) {
  install(state, false);
}

// ---- summary ---------------------------------------------------------------------------------

void print_row(const char* figure, double us, double versus_us, const char* versus) {
  if (us <= 0.0) {
    std::printf("%-40s not measured in this run\n", figure);
  } else if (versus_us <= 0.0) {
    std::printf("%-40s %10.1f us\n", figure, us);
  } else {
    std::printf("%-40s %10.1f us   %-28s %10.1f us  %6.2fx\n", figure, us, versus, versus_us,
                us / versus_us);
  }
}

void print_summary(const CollectingReporter& times) {
  const auto us = [&](const char* name) { return times.median_ns(name) / 1000.0; };
  std::printf("\nSecure deployment of a %zu-byte container (manifest %zu bytes), host:\n",
              fixture().release.image.size(), fixture().release.manifest_cbor.size());
  print_row("parse the envelope", us("suit/parse"), -1.0, "");
  print_row("authenticate, ES256 (digest + signature)", us("suit/authenticate/es256"),
            us("suit/authenticate/eddsa"), "vs EdDSA");
  print_row("process (conditions, 2 digests)", us("suit/process"), -1.0, "");
  print_row("decode the permissions manifest", us("suit/decode_manifest"), -1.0, "");
  print_row("verify + install, signed (ES256)", us("suit/install/signed"),
            us("suit/install/unsigned"), "vs unsigned install");
  const Fixture& f = fixture();
  const std::size_t carried = f.release.image.size() + f.release.manifest_cbor.size();
  const std::pair<const char*, const std::vector<uint8_t>*> envelopes[] = {
      {"ES256", &f.envelope_es256}, {"EdDSA", &f.envelope_eddsa}};
  for (const auto& [label, envelope] : envelopes) {
    std::printf(
        "envelope size, %-6s %6zu bytes = image + manifest %zu + overhead %zu bytes "
        "(target < 300; floor of the profile: docs/suit.md)\n",
        label, envelope->size(), carried, envelope->size() - carried);
  }
}

}  // namespace
}  // namespace tc::bench

int main(int argc, char** argv) {
  using namespace tc::bench;
  benchmark::RegisterBenchmark("suit/parse", parse);
  benchmark::RegisterBenchmark("suit/authenticate/es256", authenticate_es256);
  benchmark::RegisterBenchmark("suit/authenticate/eddsa", authenticate_eddsa);
  benchmark::RegisterBenchmark("suit/process", process);
  benchmark::RegisterBenchmark("suit/decode_manifest", decode_manifest);
  benchmark::RegisterBenchmark("suit/install/signed", install_signed);
  benchmark::RegisterBenchmark("suit/install/unsigned", install_unsigned);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  try {
    CollectingReporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    print_summary(reporter);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tc-bench-suit: %s\n", e.what());
    return 1;
  }
  return 0;
}
