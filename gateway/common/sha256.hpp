// SHA-256 as hex and random hex (ports/crypto/host_digest.hpp) under the gateway's namespace: the
// key of a stored envelope, the stored form of an API token.
#pragma once

#include "host_digest.hpp"

namespace tc::gw {

using crypto::random_hex;
using crypto::sha256_hex;

}  // namespace tc::gw
