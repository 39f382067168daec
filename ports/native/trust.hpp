// What a native device trusts for signed installs (docs/native-port.md, "Trust"): the public keys
// provisioned with it (operator keys, tenant keys); its vendor and class identifiers come from
// the board (suit/board_identity.hpp).
// Host code: loading throws TrustError with a message naming the file or option.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "crypto/crypto.hpp"
#include "suit/suit.hpp"

namespace tc::native {

class TrustError : public std::runtime_error {
 public:
  explicit TrustError(const std::string& message) : std::runtime_error(message) {}
};

struct TrustOptions {
  std::vector<std::string> operator_keys;  // PEM files
  std::vector<std::string> tenant_keys;    // TENANT=PEM
  bool require_tenant_signature = false;
};

class Trust {
 public:
  static Trust load(const TrustOptions& options);

  [[nodiscard]] suit::Policy policy() const {
    return {.anchors = anchors_, .require_tenant_signature = require_tenant_};
  }
  [[nodiscard]] bool empty() const { return anchors_.empty(); }
  [[nodiscard]] const std::vector<crypto::TrustAnchor>& anchors() const { return anchors_; }

 private:
  std::vector<crypto::TrustAnchor> anchors_;
  bool require_tenant_ = false;
};

}  // namespace tc::native
