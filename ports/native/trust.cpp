#include "trust.hpp"

#include <string>

#include "keys/keys.hpp"

namespace tc::native {

namespace {

crypto::TrustAnchor anchor_of(const std::string& path, crypto::Role role,
                              const std::string& tenant = {}) {
  keys::PublicKey key;
  try {
    key = keys::load_public_key(path);
  } catch (const keys::KeyError& e) {
    throw TrustError(e.what());  // names the file
  }
  try {
    return keys::trust_anchor(key, role, tenant);
  } catch (const keys::KeyError& e) {
    throw TrustError(path + ": " + e.what());
  }
}

}  // namespace

Trust Trust::load(const TrustOptions& options) {
  Trust t;
  t.require_tenant_ = options.require_tenant_signature;
  for (const std::string& path : options.operator_keys)
    t.anchors_.push_back(anchor_of(path, crypto::Role::operator_key));
  for (const std::string& spec : options.tenant_keys) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq > crypto::kMaxTenantName) {
      throw TrustError("--tenant-key " + spec + ": expected TENANT=PUBLIC.pem (tenant name up to " +
                       std::to_string(crypto::kMaxTenantName) + " characters)");
    }
    t.anchors_.push_back(
        anchor_of(spec.substr(eq + 1), crypto::Role::tenant_key, spec.substr(0, eq)));
  }
  if (t.anchors_.size() > 32) throw TrustError("at most 32 trust anchors");
  return t;
}

}  // namespace tc::native
