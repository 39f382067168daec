#include "http/request_body.hpp"

#include "http/http_error.hpp"
#include "http/json_body.hpp"

namespace tc::http {

httplib::Server::HandlerWithContentReader with_body(BodyHandler handler) {
  return [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res,
                                        const httplib::ContentReader& reader) {
    std::string body;
    if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) {
      const bool read = reader([&body](const char* data, std::size_t size) {
        body.append(data, size);
        return true;
      });
      // The reader sets 413 for a body over the limit, 400 for a broken one.
      if (!read) throw http_layer_error(res.status == 413 ? 413 : 400);
    }
    handler(req, res, body);
  };
}

Json request_json(const httplib::Request& req, const std::string& body, bool empty_ok) {
  return json_body(req.get_header_value("Content-Type"), body, empty_ok);
}

}  // namespace tc::http
