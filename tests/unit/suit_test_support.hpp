// Helpers shared by the SUIT and COSE tests: vector files, hex, trust anchors from host keys, and
// the whole device path (parse, authenticate, process) as one call.
#pragma once

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "host_crypto.hpp"
#include "keys/keys.hpp"
#include "suit/suit.hpp"

namespace tc::suit {
// GoogleTest prints errors by token.
inline void PrintTo(Error e, std::ostream* os) {
  *os << token(e);
}
}  // namespace tc::suit

namespace tc::suit_test {

// The host's crypto port with a verify() a test changes: SHA-256 is the real one, and an
// override reaches the real verify through host().
class HostCryptoWrapper : public crypto::Crypto {
 public:
  Status sha256(std::span<const crypto::Bytes> parts,
                std::span<uint8_t, crypto::kSha256Size> out) override {
    return host_.sha256(parts, out);
  }

 protected:
  ~HostCryptoWrapper() = default;
  crypto::HostCrypto& host() { return host_; }

 private:
  crypto::HostCrypto host_;
};

inline std::string vector_path(const std::string& relative) {
  return std::string(TC_VECTORS_DIR) + "/" + relative;
}

inline std::string draft_path(const std::string& file) {
  return vector_path("suit/draft-ietf-suit-manifest/" + file);
}

inline std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<uint8_t> from_hex(const std::string& hex) {
  if (hex.size() % 2 != 0) throw std::invalid_argument("odd hex length");
  std::vector<uint8_t> out;
  for (std::size_t i = 0; i < hex.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
  return out;
}

inline std::vector<uint8_t> to_vector(std::span<const uint8_t> bytes) {
  return {bytes.begin(), bytes.end()};
}

// Where `part` (a span into `whole`) starts in `whole`.
inline std::size_t offset_in(std::span<const uint8_t> whole, std::span<const uint8_t> part) {
  return static_cast<std::size_t>(part.data() - whole.data());
}

inline crypto::TrustAnchor make_anchor(const keys::PublicKey& key,
                                       crypto::Role role = crypto::Role::operator_key,
                                       const std::string& tenant = "") {
  return keys::trust_anchor(key, role, tenant);
}

// parse, then authenticate, then (when `context` is given) process; the first failure.
struct Outcome {
  suit::Report report;
  suit::Envelope env;
  suit::Authentication auth;
  suit::Deployment deployment;
};

inline Outcome run_device(std::span<const uint8_t> envelope, const suit::Policy& policy,
                          const suit::Context* context) {
  crypto::HostCrypto crypto;
  Outcome o;
  o.report = suit::parse(envelope, o.env);
  if (o.report.ok()) o.report = suit::authenticate(o.env, crypto, policy, o.auth);
  if (o.report.ok() && context != nullptr) o.report = suit::process(o.env, *context, o.deployment);
  return o;
}

}  // namespace tc::suit_test
