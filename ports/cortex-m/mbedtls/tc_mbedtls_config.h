/* mbedTLS configuration of the firmware (MBEDTLS_CONFIG_FILE, docs/crypto.md "mbedTLS on the
 * firmware"): exactly what the crypto port needs to check a SUIT envelope, SHA-256 and ECDSA
 * verification on P-256 (ES256), and nothing else. Every option below says why it is on; every
 * option not named is off. Sized for RAM and flash, not speed: the device verifies one envelope
 * per install.
 *
 * mbedTLS 2.28 (Debian bookworm's source package, unpacked by scripts/bootstrap). */
#ifndef TC_MBEDTLS_CONFIG_H
#define TC_MBEDTLS_CONFIG_H

/* --- System ------------------------------------------------------------------------------- */

/* bignum's multiply-accumulate in inline assembly (bn_mul.h has Thumb-2 and, on the M4, UMAAL
 * forms): several times faster than the C fallback for a few hundred bytes. */
#define MBEDTLS_HAVE_ASM

/* --- Memory: a static arena instead of the C heap ---------------------------------------- */

/* mbedTLS allocates its numbers with mbedtls_calloc; the platform layer lets the port point that
 * at the arena (mbedtls_memory_buffer_alloc_init, ports/cortex-m/firmware_crypto.cpp). */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY
/* No default calloc/free/printf: nothing in mbedTLS may reach newlib's allocator (the firmware
 * has none after start-up, and firmware_no_allocator_linked checks no image links one). Before
 * the arena is set up, mbedtls_calloc fails instead. */
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
/* The allocator over the arena: first fit, blocks freed back into it. */
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C
/* The allocator ends the program when it finds its arena corrupt. newlib's exit() would bring
 * its reentrancy structure (about 100 B of RAM) for nothing: the firmware's own exit reports
 * the failure on the console and ends the run (ports/cortex-m/syscalls.cpp). */
#ifdef __cplusplus
extern "C" {
#endif
void tc_mbedtls_exit(int status);
#ifdef __cplusplus
}
#endif
#define MBEDTLS_PLATFORM_EXIT_MACRO tc_mbedtls_exit

/* --- The algorithms ----------------------------------------------------------------------- */

/* SHA-256: the manifest digest, the payload digests and the hash ES256 signs. The smaller
 * implementation (a loop instead of the unrolled rounds) saves about 1.5 KB of flash. */
#define MBEDTLS_SHA256_C
#define MBEDTLS_SHA256_SMALLER

/* Multi-precision integers under the elliptic curve arithmetic. */
#define MBEDTLS_BIGNUM_C

/* Elliptic curves, with P-256 (secp256r1, COSE ES256) as the only curve. */
#define MBEDTLS_ECP_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
/* Largest curve compiled in: sizes the ECP working buffers for 256 bits instead of 521. */
#define MBEDTLS_ECP_MAX_BITS 256
/* Fast reduction modulo the P-256 prime: the general reduction would make a verification many
 * times slower for about 1 KB less flash. */
#define MBEDTLS_ECP_NIST_OPTIM
/* Window of the comb multiplication: 2 keeps the table of precomputed points small (RAM in the
 * arena), at some speed. */
#define MBEDTLS_ECP_WINDOW_SIZE 2
/* No fixed-point speed-up: it would keep a precomputed table for the base point in the arena. */
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0
/* Verification handles public values only (the key, the signature, the digest), so the point
 * multiplication needs no randomised blinding and mbedTLS no internal DRBG for it. */
#define MBEDTLS_ECP_NO_INTERNAL_RNG

/* ECDSA: mbedtls_ecdsa_verify. ecdsa.c also holds the DER signature helpers, which need the
 * ASN.1 reader and writer to compile; the port never calls them and --gc-sections drops them. */
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C

#include "mbedtls/check_config.h"

#endif /* TC_MBEDTLS_CONFIG_H */
