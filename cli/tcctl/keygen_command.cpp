// tcctl keygen [--alg es256|eddsa] -o KEYDIR: a signing key pair for `tcctl sign` (DESIGN.md 3).
// Writes KEYDIR/private.pem (mode 0600) and KEYDIR/public.pem, never over existing files, and
// prints the key id devices and `tcctl suit verify` report. Exit 0 done, 1 refused or failed.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "ebpf/hex.hpp"
#include "keys/keys.hpp"
#include "tcctl/command_error.hpp"
#include "tcctl/commands.hpp"

namespace tc::cli {
namespace {

namespace fs = std::filesystem;

struct KeygenArgs {
  std::string alg = "es256";
  std::string dir;
};

void run_keygen(const KeygenArgs& args) {
  try {
    const fs::path dir(args.dir);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) fail("keygen", 1, args.dir + ": cannot create the directory: " + ec.message());
    const keys::PrivateKey key = keys::PrivateKey::generate(keys::parse_algorithm(args.alg));
    keys::write_key_pair(key, dir);
    const keys::PublicKey pub = key.public_key();
    std::printf("kid %s (%s)\n", ebpf_host::format_hex_bytes(pub.kid()).c_str(),
                keys::algorithm_name(pub.alg));
    std::printf("private key: %s (mode 0600: keep it secret)\n",
                (dir / "private.pem").string().c_str());
    std::printf("public key:  %s (give it to devices as a trust anchor)\n",
                (dir / "public.pem").string().c_str());
  } catch (const keys::KeyError& e) {
    fail("keygen", 1, e.what());
  }
}

}  // namespace

void add_keygen_command(CLI::App& app) {
  auto args = std::make_shared<KeygenArgs>();
  CLI::App* cmd = app.add_subcommand(
      "keygen", "make a signing key pair: KEYDIR/private.pem (0600) and KEYDIR/public.pem");
  cmd->add_option("--alg", args->alg, "signature algorithm")
      ->check(CLI::IsMember({"es256", "eddsa"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args->dir, "directory for the key pair (created if missing)")
      ->required();
  cmd->callback([args] { run_keygen(*args); });
}

}  // namespace tc::cli
