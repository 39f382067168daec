#include "trust.hpp"

#include <algorithm>
#include <cstring>

#include "keys/keys.hpp"
#include "suit/envelope_builder.hpp"

namespace tc::native {

namespace {

crypto::TrustAnchor anchor_of(const std::string& path, crypto::Role role, crypto::Crypto& crypto) {
  keys::PublicKey key;
  try {
    key = keys::load_public_key(path);
  } catch (const keys::KeyError& e) {
    throw TrustError(path + ": " + e.what());
  }
  crypto::TrustAnchor a;
  a.role = role;
  a.alg = key.alg;
  if (key.raw.size() > sizeof a.key) throw TrustError(path + ": key too large");
  std::copy(key.raw.begin(), key.raw.end(), a.key);
  a.key_size = static_cast<uint8_t>(key.raw.size());
  if (!crypto::key_id(crypto, a.public_key(), a.kid).ok())
    throw TrustError(path + ": cannot compute the key id");
  return a;
}

}  // namespace

Trust Trust::load(const TrustOptions& options, crypto::Crypto& crypto) {
  Trust t;
  t.require_tenant_ = options.require_tenant_signature;
  for (const std::string& path : options.operator_keys)
    t.anchors_.push_back(anchor_of(path, crypto::Role::operator_key, crypto));
  for (const std::string& spec : options.tenant_keys) {
    const std::size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq > crypto::kMaxTenantName) {
      throw TrustError("--tenant-key " + spec + ": expected TENANT=PUBLIC.pem (tenant name up to " +
                       std::to_string(crypto::kMaxTenantName) + " characters)");
    }
    crypto::TrustAnchor a = anchor_of(spec.substr(eq + 1), crypto::Role::tenant_key, crypto);
    std::memcpy(a.tenant, spec.data(), eq);
    t.anchors_.push_back(a);
  }
  if (t.anchors_.size() > 32) throw TrustError("at most 32 trust anchors");
  return t;
}

suit::DeviceIdentity device_identity(const manifest::BoardProfile& board) {
  suit::DeviceIdentity id;
  const suit_host::Uuid vendor =
      board.has_vendor_id ? std::to_array(board.vendor_id) : suit_host::default_vendor_id();
  const suit_host::Uuid cls =
      board.has_class_id ? std::to_array(board.class_id)
                         : suit_host::default_class_id(vendor, std::string(board.model.view()));
  std::copy(vendor.begin(), vendor.end(), id.vendor_id);
  std::copy(cls.begin(), cls.end(), id.class_id);
  return id;
}

}  // namespace tc::native
