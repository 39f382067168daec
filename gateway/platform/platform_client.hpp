// The gateway's HTTP client for tc-platform (docs/api/platform-link.md): the four requests, with
// the gateway's bearer token, over http:// or https:// (cpp-httplib with OpenSSL). Used by one
// thread (the platform link's); every call blocks up to the timeout.
#pragma once

#include <httplib.h>

#include <chrono>
#include <string>
#include <string_view>

#include "platform/platform_link.hpp"

namespace tc::gw {

struct PlatformReply {
  int status = 0;  // the HTTP status; 0: no answer (error says why)
  std::string body;
  std::string etag;   // the ETag header, quotes removed
  std::string error;  // no answer: the transport's reason

  [[nodiscard]] bool answered() const { return status != 0; }
  // Whether the platform refused the gateway's token (401, 403).
  [[nodiscard]] bool refused() const { return status == 401 || status == 403; }
  // A readable account of a reply that is not the one hoped for.
  [[nodiscard]] std::string describe(std::string_view request) const;
};

// Whether this build can speak https:// (cpp-httplib built with OpenSSL).
[[nodiscard]] bool https_supported();

class PlatformClient {
 public:
  // options.url is "http(s)://host[:port][/prefix]" (check() accepted it).
  PlatformClient(const PlatformOptions& options, std::chrono::milliseconds timeout);

  // GET desired, with If-None-Match when `revision` is not empty.
  PlatformReply get_desired(const std::string& revision);
  PlatformReply get_envelope(std::string_view digest);
  PlatformReply put_state(const std::string& body);
  PlatformReply post_events(const std::string& body);

 private:
  PlatformReply finish(const httplib::Result& result);

  httplib::Client client_;
  std::string prefix_;  // the URL's path, without a trailing '/'
};

}  // namespace tc::gw
