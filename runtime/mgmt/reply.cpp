#include "mgmt/reply.hpp"

#include "mgmt/cbor_out.hpp"
#include "mgmt/payloads.hpp"

namespace tc::mgmt {

void fail(coap::Response& res, coap::Code code, std::string_view text) {
  res.set_code(code);
  res.set_format(coap::ContentFormat::cbor);
  CborOut out(res.body());
  render_error(out, text);
}

coap::Code code_of(const Status& st) {
  using coap::Code;
  switch (st.code()) {
    case StatusCode::not_found:
      return Code::not_found;
    case StatusCode::failed_precondition:
      return Code::precondition_failed;
    case StatusCode::permission_denied:
      return Code::forbidden;
    case StatusCode::resource_exhausted:
      return Code::service_unavailable;
    case StatusCode::unimplemented:
      return Code::not_implemented;
    case StatusCode::internal:
      return Code::internal_server_error;
    default:
      return Code::bad_request;
  }
}

}  // namespace tc::mgmt
