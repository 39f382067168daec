// Answering with JSON: the status and the body as compact JSON text.
#pragma once

#include <httplib.h>

#include "http/json.hpp"

namespace tc::http {

// Strings from devices may hold invalid UTF-8: it is replaced (U+FFFD), never an exception.
void send_json(httplib::Response& res, int status, const Json& body);

}  // namespace tc::http
