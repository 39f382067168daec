// Tokens and sentences for suit::Error. Tokens are part of the device's interface (CoAP error
// bodies, events): never rename one.
#include "suit/suit.hpp"

namespace tc::suit {
namespace {

struct Text {
  const char* token;
  const char* sentence;
};

Text text(Error e) {
  switch (e) {
    case Error::ok:
      return {"ok", "ok"};
    case Error::malformed:
      return {"malformed", "the envelope is not well-formed SUIT"};
    case Error::truncated:
      return {"truncated", "the envelope ends inside an item"};
    case Error::too_large:
      return {"too_large", "the envelope exceeds the device's fixed capacities"};
    case Error::unsupported:
      return {"unsupported", "a version, algorithm, command or parameter is not supported"};
    case Error::unsigned_envelope:
      return {"unsigned_envelope", "the envelope carries no signature"};
    case Error::unknown_key:
      return {"unknown_key", "no operator trust anchor matches a signer"};
    case Error::bad_signature:
      return {"bad_signature", "a signature does not verify"};
    case Error::digest_mismatch:
      return {"digest_mismatch", "the manifest does not match the signed digest"};
    case Error::severed_mismatch:
      return {"severed_mismatch", "a severable member does not match its digest"};
    case Error::missing_member:
      return {"missing_member", "a severed member needed for processing is missing"};
    case Error::wrong_vendor:
      return {"wrong_vendor", "the vendor identifier does not match the device"};
    case Error::wrong_class:
      return {"wrong_class", "the class identifier does not match the device"};
    case Error::image_mismatch:
      return {"image_mismatch", "a payload does not match its digest or size"};
    case Error::missing_payload:
      return {"missing_payload", "a payload is not in the envelope"};
    case Error::not_a_container:
      return {"not_a_container", "the envelope is not a TinyContainer deployment"};
    case Error::name_mismatch:
      return {"name_mismatch", "the components name different containers"};
    case Error::tenant_signature:
      return {"tenant_signature", "the tenant's signature is required and absent"};
    case Error::rollback:
      return {"rollback", "the sequence number is not above the installed one"};
    case Error::fetch_failed:
      return {"fetch_failed", "a payload could not be fetched"};
  }
  return {"unknown", "unknown error"};
}

}  // namespace

const char* token(Error e) {
  return text(e).token;
}

const char* describe(Error e) {
  return text(e).sentence;
}

}  // namespace tc::suit
