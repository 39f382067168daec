// Reading a POST or PUT body so that a request without one works.
//
// cpp-httplib 0.11 reads a POST or PUT body until the connection's read timeout when the request
// declares no length (`curl -X POST URL` sends none), then answers 400. Wrapped in a content
// reader, the handler reads a body only when Content-Length or Transfer-Encoding announces one:
// a request without either has none (RFC 9112, 6.3). A body over the server's limit is 413.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>

#include "http/json.hpp"

namespace tc::http {

// A POST or PUT handler that gets the request body as an argument.
using BodyHandler =
    std::function<void(const httplib::Request&, httplib::Response&, const std::string& body)>;

[[nodiscard]] httplib::Server::HandlerWithContentReader with_body(BodyHandler handler);

// The request's JSON body (json_body.hpp, by its Content-Type); `{}` when empty and `empty_ok`.
[[nodiscard]] Json request_json(const httplib::Request& req, const std::string& body,
                                bool empty_ok);

}  // namespace tc::http
