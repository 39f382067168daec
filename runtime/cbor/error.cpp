#include "cbor/error.hpp"

namespace tc::cbor {

const char* describe(Error error) {
  switch (error) {
    case Error::ok:
      return "ok";
    case Error::truncated:
      return "CBOR input ends inside a data item";
    case Error::reserved_additional_info:
      return "reserved CBOR additional information (28..30)";
    case Error::bad_indefinite:
      return "invalid indefinite-length CBOR item or string chunk";
    case Error::unexpected_break:
      return "CBOR break outside an indefinite-length container";
    case Error::bad_simple_value:
      return "two-byte CBOR simple value below 32";
    case Error::nesting_too_deep:
      return "CBOR nesting too deep";
    case Error::invalid_utf8:
      return "CBOR text string is not valid UTF-8";
    case Error::end_of_input:
      return "no CBOR data item left";
    case Error::wrong_type:
      return "CBOR item has the wrong type";
    case Error::integer_overflow:
      return "CBOR integer out of range";
    case Error::trailing_bytes:
      return "bytes after the CBOR data item";
    case Error::buffer_full:
      return "CBOR output buffer too small";
  }
  return "unknown CBOR error";
}

Status to_status(Error error) {
  switch (error) {
    case Error::ok:
      return Status::Ok();
    case Error::buffer_full:
      return {StatusCode::resource_exhausted, describe(error)};
    case Error::end_of_input:
    case Error::truncated:
      return {StatusCode::out_of_range, describe(error)};
    default:
      return {StatusCode::invalid_argument, describe(error)};
  }
}

}  // namespace tc::cbor
