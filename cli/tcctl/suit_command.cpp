// tcctl suit inspect|verify: look at a SUIT envelope, and check it the way a device would
// (DESIGN.md 3, docs/tcctl.md).
//   inspect ENVELOPE.suit                       every member, decoded
//   verify ENVELOPE.suit --key PUB.pem [...]    signatures against these operator keys, then
//          [--board BOARD.json]                 the payloads, for that board's identity
// Exit codes, as cmp(1) and grep(1) use them: 0 the envelope verifies, 1 it is refused (the
// answer is no), 2 it could not be checked (unreadable file, bad key file).
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ebpf/hex.hpp"
#include "host_crypto.hpp"
#include "keys/keys.hpp"
#include "manifest/codec.hpp"
#include "suit/board_identity.hpp"
#include "suit/inspect.hpp"
#include "suit/labels.hpp"
#include "suit/suit.hpp"
#include "tcctl/command_error.hpp"
#include "tcctl/commands.hpp"
#include "tcctl/file_io.hpp"
#include "tcctl/input_files.hpp"

namespace tc::cli {
namespace {

constexpr int kExitRefused = 1;
constexpr int kExitLocal = 2;

struct SuitArgs {
  std::string envelope;
  std::vector<std::string> keys;
  std::string board;
};

std::vector<uint8_t> read_envelope(const char* command, const std::string& path) {
  std::optional<std::vector<uint8_t>> bytes = read_bytes(path);
  if (!bytes) fail(command, kExitLocal, path + ": cannot read the file");
  return std::move(*bytes);
}

void run_inspect(const SuitArgs& args) {
  const std::vector<uint8_t> bytes = read_envelope("suit inspect", args.envelope);
  try {
    std::fputs(suit_host::inspect(bytes).c_str(), stdout);
  } catch (const suit_host::EnvelopeError& e) {
    fail("suit inspect", kExitRefused, args.envelope + ": " + e.what());
  }
}

// ---- verify

std::vector<crypto::TrustAnchor> load_anchors(const std::vector<std::string>& paths) {
  std::vector<crypto::TrustAnchor> anchors;
  for (const std::string& path : paths) {
    keys::PublicKey key;
    try {
      key = keys::load_public_key(path);
    } catch (const keys::KeyError& e) {
      fail("suit verify", kExitLocal, e.what());  // names the file
    }
    crypto::TrustAnchor a;
    try {
      a = keys::trust_anchor(key, crypto::Role::operator_key);
    } catch (const keys::KeyError& e) {
      fail("suit verify", kExitLocal, path + ": " + e.what());
    }
    anchors.push_back(a);
  }
  return anchors;
}

// What one signature's check concluded, in words: by the anchor its kid names, else by any.
std::string signature_verdict(crypto::Crypto& crypto, const suit::Envelope& env,
                              const suit::Sign1& s,
                              const std::vector<crypto::TrustAnchor>& anchors) {
  std::optional<crypto::Verdict> best;
  for (const crypto::TrustAnchor& a : anchors) {
    const bool named = s.kid.size() == crypto::kKeyIdSize &&
                       std::memcmp(s.kid.data(), a.kid, crypto::kKeyIdSize) == 0;
    if (!s.kid.empty() && !named) continue;
    const crypto::Verdict v = suit::verify_sign1(crypto, s, a.alg, a.public_key(), env.digest_item);
    if (v == crypto::Verdict::valid) return "valid";
    if (!best || v == crypto::Verdict::invalid) best = v;
  }
  if (!best) return "not checked: no --key has this kid";
  return crypto::describe(*best);
}

void print_signatures(crypto::Crypto& crypto, const suit::Envelope& env,
                      const std::vector<crypto::TrustAnchor>& anchors) {
  for (uint8_t i = 0; i < env.signature_count; ++i) {
    const suit::Sign1& s = env.signatures[i];
    const char* alg = suit::label::find_name(suit::label::kCoseAlgorithmNames, s.algorithm);
    const std::string alg_text = alg ? alg : "alg " + std::to_string(s.algorithm);
    const std::string kid = s.kid.empty() ? "none" : ebpf_host::format_hex_bytes(s.kid);
    std::printf("signature %u: %s, kid %s: %s\n", i + 1U, alg_text.c_str(), kid.c_str(),
                signature_verdict(crypto, env, s, anchors).c_str());
  }
}

[[noreturn]] void refused(const SuitArgs& args, const suit::Report& r) {
  std::string message = args.envelope + ": refused: " + suit::token(r.error);
  if (r.where[0] != '\0') message += std::string(" (") + r.where + ")";
  fail("suit verify", kExitRefused, message + ": " + suit::describe(r.error));
}

std::string deployment_text(const suit::Deployment& d) {
  std::string text(d.name);
  manifest::Manifest m;
  if (manifest::decode(d.manifest, m).ok()) text += " version " + std::to_string(m.version);
  return text + ", sequence " + std::to_string(d.sequence) + ", image " +
         std::to_string(d.image.size()) + " bytes, manifest " + std::to_string(d.manifest.size()) +
         " bytes" + (d.invoke ? ", started on install" : "");
}

// Runs process() as a device would: conditions, then each payload against its digest and size.
// Without --board the identity is the default vendor and no class, which is what an envelope
// signed without --board or --class-id names; any other stops process() at its vendor or class
// condition, before the payloads (the SUIT API has no "any device" mode), and is said so.
void check_payloads(const SuitArgs& args, crypto::Crypto& crypto, const suit::Envelope& env,
                    const std::optional<manifest::BoardProfile>& board) {
  const suit_host::BoardIdentity id =
      board ? suit_host::board_identity(*board)
            : suit_host::BoardIdentity{suit_host::default_vendor_id(), {}};
  const suit::DeviceIdentity identity = id.device();
  // No fetcher: a payload given by URI is not fetched (process() reports fetch_failed).
  const suit::Context context{
      .crypto = crypto, .identity = identity, .fetcher = nullptr, .fetch_buffer = {}};
  suit::Deployment deployment;
  const suit::Report r = suit::process(env, context, deployment);
  const bool bound = r.error == suit::Error::wrong_vendor || r.error == suit::Error::wrong_class;
  if (!board && bound) {
    std::printf(
        "payloads: not checked: the envelope is made for a vendor or class of devices; give "
        "--board BOARD.json to check it as such a device does\n");
    std::printf("%s: verified (signatures), sequence %llu\n", args.envelope.c_str(),
                static_cast<unsigned long long>(env.sequence));
    return;
  }
  if (!r.ok()) refused(args, r);
  std::printf("%s: verified: %s\n", args.envelope.c_str(), deployment_text(deployment).c_str());
}

void run_verify(const SuitArgs& args) {
  std::optional<manifest::BoardProfile> board;
  if (!load_optional_board(args.board, board)) throw CLI::RuntimeError(kExitLocal);
  const std::vector<crypto::TrustAnchor> anchors = load_anchors(args.keys);
  const std::vector<uint8_t> bytes = read_envelope("suit verify", args.envelope);
  crypto::HostCrypto crypto;
  suit::Envelope env;
  suit::Report r = suit::parse(bytes, env);
  if (!r.ok()) refused(args, r);
  print_signatures(crypto, env, anchors);
  suit::Authentication auth;
  r = suit::authenticate(env, crypto, {.anchors = anchors}, auth);
  if (!r.ok()) refused(args, r);
  check_payloads(args, crypto, env, board);
}

}  // namespace

void add_suit_command(CLI::App& app) {
  CLI::App* suit = app.add_subcommand(
      "suit", "inspect and verify SUIT envelopes (exit 0 valid, 1 refused, 2 cannot check)");
  suit->require_subcommand(1);
  {
    auto args = std::make_shared<SuitArgs>();
    CLI::App* cmd = suit->add_subcommand("inspect", "print every member of an envelope, decoded");
    cmd->add_option("ENVELOPE", args->envelope, "SUIT envelope file")->required();
    cmd->callback([args] { run_inspect(*args); });
  }
  {
    auto args = std::make_shared<SuitArgs>();
    CLI::App* cmd = suit->add_subcommand(
        "verify", "check an envelope's digest and signatures as a device does");
    cmd->add_option("ENVELOPE", args->envelope, "SUIT envelope file")->required();
    cmd->add_option("-k,--key", args->keys,
                    "trusted public key (PEM), as an operator key; repeat for several")
        ->required()
        ->allow_extra_args(false);  // one file per --key: the envelope may follow it
    cmd->add_option("--board", args->board,
                    "check it for this board's vendor and class ids (default: the default vendor, "
                    "any class)");
    cmd->callback([args] { run_verify(*args); });
  }
}

}  // namespace tc::cli
