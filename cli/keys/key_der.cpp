#include "keys/key_der.hpp"

#include <mbedtls/asn1.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>  // mbedtls_pk_type_t

#include <array>
#include <cstring>
#include <string>
#include <string_view>

#include "keys/keys.hpp"

namespace tc::keys::detail {
namespace {

constexpr std::string_view kEd25519Oid = "\x2b\x65\x70";  // RFC 8410; unknown to mbedTLS 2.28

// Names for the refusal message of key types someone may plausibly try.
struct NamedOid {
  std::string_view der;
  const char* name;
};
constexpr NamedOid kUnsupportedOids[] = {
    {"\x2a\x86\x48\x86\xf7\x0d\x01\x01\x01", "RSA"},
    {"\x2b\x65\x6e", "X25519"},
    {"\x2b\x65\x6f", "X448"},
    {"\x2b\x65\x71", "Ed448"},
};

bool oid_is(const mbedtls_asn1_buf& oid, std::string_view der) {
  return oid.len == der.size() && std::memcmp(oid.p, der.data(), der.size()) == 0;
}

[[noreturn]] void unsupported(const mbedtls_asn1_buf& oid) {
  for (const NamedOid& known : kUnsupportedOids) {
    if (oid_is(oid, known.der)) throw KeyError(std::string("unsupported key type: ") + known.name);
  }
  std::array<char, 64> dotted{};
  if (mbedtls_oid_get_numeric_string(dotted.data(), dotted.size(), &oid) < 0) dotted[0] = '\0';
  throw KeyError(std::string("unsupported key type: OID ") + dotted.data());
}

}  // namespace

crypto::Algorithm declared_algorithm(std::span<const uint8_t> der, KeyInfo info) {
  const std::string malformed = info == KeyInfo::pkcs8_private
                                    ? "malformed PKCS#8 private key"
                                    : "malformed public key (SubjectPublicKeyInfo expected)";
  // mbedTLS's ASN.1 reader takes a non-const cursor but only reads through it.
  auto* p = const_cast<unsigned char*>(der.data());
  const unsigned char* end = p + der.size();
  std::size_t length = 0;
  if (mbedtls_asn1_get_tag(&p, end, &length, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) !=
      0) {
    throw KeyError(malformed);
  }
  if (p + length != end) throw KeyError(malformed + ": trailing bytes");
  int version = 0;
  if (info == KeyInfo::pkcs8_private && mbedtls_asn1_get_int(&p, end, &version) != 0) {
    throw KeyError(malformed);
  }
  mbedtls_asn1_buf oid{};
  mbedtls_asn1_buf params{};
  if (mbedtls_asn1_get_alg(&p, end, &oid, &params) != 0) throw KeyError(malformed);
  if (oid_is(oid, kEd25519Oid)) return crypto::Algorithm::eddsa;
  mbedtls_pk_type_t type = MBEDTLS_PK_NONE;
  if (mbedtls_oid_get_pk_alg(&oid, &type) == 0 && type == MBEDTLS_PK_ECKEY) {
    return crypto::Algorithm::es256;
  }
  unsupported(oid);
}

}  // namespace tc::keys::detail
