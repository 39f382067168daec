// Errors of the gateway's HTTP API: the one JSON shape of every host program's API
// (host/http/http_error.hpp):
//   {"error": {"status": 404, "code": "device_not_found", "message": "...", ...details}}
// Details add e.g. the device's own answer ("device_answer": {"coap_code", "error", "reason"}) or
// the command. Handlers throw ApiError; the server turns it into the answer.
#pragma once

#include "common/json.hpp"
#include "http/http_error.hpp"

namespace tc::gw {

using ApiError = http::HttpError;
using http::error_body;
using http::http_layer_error;

}  // namespace tc::gw
