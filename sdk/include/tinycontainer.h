/* TinyContainer container API (docs/sdk.md).
 *
 * A container is one C file compiled by `tcctl build` with clang -target bpf. It exports hooks
 * (global functions the device calls) and calls into the device through helpers, each a BPF
 * helper call with a stable number.
 *
 * Host C and C++ code may include this header too: it then sees only the constants, error codes
 * and types (helper numbers, error codes, address map), never the helper definitions, which only
 * make sense when compiling for BPF.
 *
 * Conventions
 * - Every helper returns a 64-bit value in r0; a negative value is one of the TC_E* errors.
 * - Pointers a container passes are container addresses (see the address map); the device checks
 *   that each buffer lies inside one of the container's regions with the right access
 *   (TC_EFAULT otherwise).
 * - Every global (non-static) function is an exported entry (at most 16, names of 1..15
 *   characters). Keep internal functions `static`.
 * - No C library, no floating point, no function pointers, no signed 64-bit division: eBPF v3 has
 *   none of these and the builder rejects them with a message.
 */
#ifndef TINYCONTAINER_H
#define TINYCONTAINER_H

#ifdef __cplusplus
#include <cstdint>
extern "C" {
#else
#include <stdint.h>
#endif

/* ------------------------------------------------------------------------------------------
 * Helper numbers: the ABI between containers and devices. Never renumber; only append. */
enum tc_helper {
  TC_HELPER_LOG = 1,          /* tc_log(msg, len) */
  TC_HELPER_NOW_MS = 2,       /* tc_now_ms() */
  TC_HELPER_OPEN = 3,         /* tc_open(endpoint) */
  TC_HELPER_READ = 4,         /* tc_read(handle, buf, len) */
  TC_HELPER_WRITE = 5,        /* tc_write(handle, buf, len) */
  TC_HELPER_CLOSE = 6,        /* tc_close(handle) */
  TC_HELPER_KV_GET = 7,       /* tc_kv_get(key, key_len, buf, buf_len) */
  TC_HELPER_KV_PUT = 8,       /* tc_kv_put(key, key_len, value, value_len) */
  TC_HELPER_KV_DELETE = 9,    /* tc_kv_delete(key, key_len) */
  TC_HELPER_PUBLISH = 10,     /* tc_publish(channel, buf, len) */
  TC_HELPER_RESPOND = 11,     /* tc_respond(code, content_format, payload, len) */
  TC_HELPER_ML_INFER = 12,    /* tc_ml_infer(model, input, in_len, output, out_len) */
  TC_HELPER_RANDOM_U32 = 13,  /* tc_random_u32() */
  TC_HELPER_SLEEP_UNTIL = 14, /* tc_sleep_until(time_ms) */
  TC_HELPER_FIRST = TC_HELPER_LOG,
  TC_HELPER_LAST = TC_HELPER_SLEEP_UNTIL
};

/* ------------------------------------------------------------------------------------------
 * Error codes (negative helper results). The order of the endpoint checks (DESIGN.md 2.3)
 * decides which one a refused call gets: the first check that fails. */
enum tc_error {
  TC_OK = 0,
  TC_EINVAL = -1,      /* malformed argument (bad handle value, zero length where not allowed) */
  TC_ENOENDPOINT = -2, /* the endpoint id is not in the container's manifest */
  TC_ENOTOPEN = -3,    /* the handle is not open */
  TC_EDIRECTION = -4,  /* the endpoint does not allow this direction (read / write) */
  TC_ERATE = -5,       /* the calls-per-second bucket is empty */
  TC_EBYTES = -6,      /* the bytes-per-window bucket is empty */
  TC_EENERGY = -7,     /* the energy budget is spent */
  TC_EBOUNDS = -8,     /* an actuator value outside the manifest's bounds */
  TC_EFAULT = -9,      /* a buffer outside the container's regions or without the access */
  TC_EQUOTA = -10,     /* the storage quota is full */
  TC_ENOTFOUND = -11,  /* no such key, model or channel */
  TC_ETOOBIG = -12,    /* the value or message exceeds a size limit */
  TC_ELIMIT = -13,     /* too many open handles */
  TC_EIO = -14,        /* the resource itself failed */
  TC_ENOTSUP = -15,    /* not supported by this device or in this hook */
  TC_EAGAIN = -16      /* no data available yet; try again later */
};

/* ------------------------------------------------------------------------------------------
 * Address map. A container address is (slot << 32) | offset; slot 0 is never mapped, so a NULL
 * dereference traps. */
#define TC_SLOT_RODATA 1u  /* read-only: constants, string literals (executed in place) */
#define TC_SLOT_DATA 2u    /* read-write: .data followed by .bss */
#define TC_SLOT_STACK 3u   /* read-write: the stack (r10 points at its top) */
#define TC_SLOT_CONTEXT 4u /* read-only: the activation's input (message, request payload) */
#define TC_ADDRESS(slot, offset) (((uint64_t)(slot) << 32) | (uint32_t)(offset))
#define TC_CONTEXT_BASE TC_ADDRESS(TC_SLOT_CONTEXT, 0)

/* CoAP request methods passed to tc_on_request (RFC 7252 codes 0.01..0.04). */
#define TC_COAP_GET 1u
#define TC_COAP_POST 2u
#define TC_COAP_PUT 3u
#define TC_COAP_DELETE 4u

/* CoAP response codes for tc_respond: class * 32 + detail, e.g. 2.05 = 69. */
#define TC_COAP_CODE(cls, detail) ((cls)*32u + (detail)) /* no casts: C and C++ alike */
#define TC_COAP_CREATED TC_COAP_CODE(2, 1)
#define TC_COAP_DELETED TC_COAP_CODE(2, 2)
#define TC_COAP_CHANGED TC_COAP_CODE(2, 4)
#define TC_COAP_CONTENT TC_COAP_CODE(2, 5)
#define TC_COAP_BAD_REQUEST TC_COAP_CODE(4, 0)
#define TC_COAP_NOT_FOUND TC_COAP_CODE(4, 4)
#define TC_COAP_INTERNAL_ERROR TC_COAP_CODE(5, 0)

/* CoAP content formats (RFC 7252 12.3, RFC 8949) for tc_respond. */
#define TC_CONTENT_TEXT 0u
#define TC_CONTENT_OCTETS 42u
#define TC_CONTENT_JSON 50u
#define TC_CONTENT_CBOR 60u

#ifdef __bpf__
/* ------------------------------------------------------------------------------------------
 * Hooks a container may export. All are optional. A negative return reports a failure to the
 * agent (counted and logged); zero or positive means success. */
long tc_start(void); /* once, after install or restart */
long tc_loop(void);  /* every loop period of the manifest */
long tc_stop(void);  /* once, before the container stops */
/* A channel message: `msg` is mapped read-only at the context slot for this activation only. */
long tc_on_message(const void* msg, uint32_t len);
/* A CoAP request to one of the manifest's exports: `export_index` is its position in the
 * manifest's exports list, `payload` is mapped read-only at the context slot. Answer with
 * tc_respond(); without it the device answers 2.05 (empty) when the hook returns >= 0 and 5.00
 * when it returns a negative value or traps. */
long tc_on_request(uint32_t method, uint32_t export_index, const void* payload, uint32_t len);

/* ------------------------------------------------------------------------------------------
 * Helpers. Each is a constant pointer whose value is the helper number: clang turns a call
 * through it into `call N` (the libbpf idiom), so no code or data is generated for them. */

/* Appends `len` bytes of `msg` to the container's log. Returns 0 or a TC_E* error. */
static long (*const tc_log)(const char* msg, uint32_t len) = (void*)TC_HELPER_LOG;

/* Milliseconds since the device started (monotonic). */
static uint64_t (*const tc_now_ms)(void) = (void*)TC_HELPER_NOW_MS;

/* Opens the manifest endpoint with local id `endpoint`. Returns a handle >= 0 or TC_E*. */
static long (*const tc_open)(uint32_t endpoint) = (void*)TC_HELPER_OPEN;

/* Reads up to `len` bytes from an open endpoint. Returns the byte count or TC_E*. */
static long (*const tc_read)(long handle, void* buf, uint32_t len) = (void*)TC_HELPER_READ;

/* Writes `len` bytes to an open endpoint (actuator values are checked against the manifest's
 * bounds). Returns the byte count or TC_E*. */
static long (*const tc_write)(long handle, const void* buf, uint32_t len) = (void*)TC_HELPER_WRITE;

/* Closes a handle. Returns 0 or TC_ENOTOPEN. */
static long (*const tc_close)(long handle) = (void*)TC_HELPER_CLOSE;

/* Copies the value of `key` into `buf` (at most `buf_len` bytes). Returns the value's full length
 * (which may exceed buf_len) or TC_ENOTFOUND. */
static long (*const tc_kv_get)(const void* key, uint32_t key_len, void* buf,
                               uint32_t buf_len) = (void*)TC_HELPER_KV_GET;

/* Stores a value atomically (old or new value survive a power loss). Returns 0 or TC_E*. */
static long (*const tc_kv_put)(const void* key, uint32_t key_len, const void* value,
                               uint32_t value_len) = (void*)TC_HELPER_KV_PUT;

/* Deletes a key. Returns 0 or TC_ENOTFOUND. */
static long (*const tc_kv_delete)(const void* key, uint32_t key_len) = (void*)TC_HELPER_KV_DELETE;

/* Publishes a message on a channel the manifest names (by its local id). Returns 0 or TC_E*. */
static long (*const tc_publish)(uint32_t channel, const void* buf,
                                uint32_t len) = (void*)TC_HELPER_PUBLISH;

/* Answers the CoAP request of the running tc_on_request activation (once). Returns 0, TC_ENOTSUP
 * outside tc_on_request, or TC_EINVAL when a response was already given. */
static long (*const tc_respond)(uint32_t code, uint32_t content_format, const void* payload,
                                uint32_t len) = (void*)TC_HELPER_RESPOND;

/* Runs model `model` (an endpoint local id of kind model) on `input`; writes at most `out_len`
 * bytes to `output`. Returns the output byte count or TC_E*. */
static long (*const tc_ml_infer)(uint32_t model, const void* input, uint32_t in_len, void* output,
                                 uint32_t out_len) = (void*)TC_HELPER_ML_INFER;

/* A random 32-bit value from the device's entropy source. */
static uint32_t (*const tc_random_u32)(void) = (void*)TC_HELPER_RANDOM_U32;

/* Suspends the container until tc_now_ms() >= time_ms (other containers run meanwhile). Returns
 * 0 when woken on time, or TC_E* when the deadline lies beyond the activation's allowed
 * duration. tc_sleep_until(0) only yields the rest of the slice. */
static long (*const tc_sleep_until)(uint64_t time_ms) = (void*)TC_HELPER_SLEEP_UNTIL;

static inline long tc_sleep_ms(uint32_t ms) {
  return tc_sleep_until(tc_now_ms() + ms);
}

static inline long tc_yield(void) {
  return tc_sleep_until(0);
}

/* Logs a string literal or NUL-terminated string (bounded by 255 bytes). */
static inline long tc_log_str(const char* s) {
  uint32_t n = 0;
  while (n < 255 && s[n] != 0)
    ++n;
  return tc_log(s, n);
}
#endif /* __bpf__ */

#ifdef __cplusplus
}
#endif

#endif /* TINYCONTAINER_H */
