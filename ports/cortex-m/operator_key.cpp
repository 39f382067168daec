#include "operator_key.hpp"

#include <algorithm>

namespace tc::cortex_m {

Result<crypto::TrustAnchor> operator_anchor(crypto::Crypto& crypto) {
  crypto::TrustAnchor anchor;
  anchor.role = crypto::Role::operator_key;
  anchor.alg = crypto::Algorithm::es256;
  std::copy(kOperatorPublicKey.begin(), kOperatorPublicKey.end(), anchor.key);
  anchor.key_size = static_cast<uint8_t>(kOperatorPublicKey.size());
  if (Status st = crypto::key_id(crypto, anchor.public_key(), anchor.kid); !st.ok()) return st;
  return anchor;
}

}  // namespace tc::cortex_m
