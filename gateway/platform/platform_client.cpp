#include "platform/platform_client.hpp"

namespace tc::gw {
namespace {

constexpr const char* kJson = "application/json";

// "https://host:8443/base/" -> {"https://host:8443", "/base"}.
std::pair<std::string, std::string> split_url(const std::string& url) {
  const std::size_t authority = url.find("://") + 3;
  const std::size_t path = url.find('/', authority);
  if (path == std::string::npos) return {url, ""};
  std::string prefix = url.substr(path);
  while (!prefix.empty() && prefix.back() == '/')
    prefix.pop_back();
  return {url.substr(0, path), prefix};
}

std::string unquoted(std::string etag) {
  if (etag.rfind("W/", 0) == 0) etag.erase(0, 2);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    etag = etag.substr(1, etag.size() - 2);
  }
  return etag;
}

}  // namespace

bool https_supported() {
#ifdef CPPHTTPLIB_OPENSSL_SUPPORT
  return true;
#else
  return false;
#endif
}

std::string PlatformReply::describe(std::string_view request) const {
  if (!answered()) return std::string(request) + ": no answer (" + error + ")";
  std::string text = std::string(request) + ": HTTP " + std::to_string(status);
  if (refused()) text += ": platform refused the gateway token";
  constexpr std::size_t kShown = 200;
  if (!body.empty()) text += ": " + body.substr(0, kShown);
  return text;
}

PlatformClient::PlatformClient(const PlatformOptions& options, std::chrono::milliseconds timeout)
    : client_(split_url(options.url).first), prefix_(split_url(options.url).second) {
  client_.set_bearer_token_auth(options.token);
  client_.set_connection_timeout(timeout);
  client_.set_read_timeout(timeout);
  client_.set_write_timeout(timeout);
  client_.set_keep_alive(true);
}

PlatformReply PlatformClient::finish(const httplib::Result& result) {
  PlatformReply reply;
  if (!result) {
    reply.error = httplib::to_string(result.error());
    return reply;
  }
  reply.status = result->status;
  reply.body = result->body;
  reply.etag = unquoted(result->get_header_value("ETag"));
  return reply;
}

PlatformReply PlatformClient::get_desired(const std::string& revision) {
  httplib::Headers headers;
  if (!revision.empty()) headers.emplace("If-None-Match", "\"" + revision + "\"");
  return finish(client_.Get(prefix_ + "/api/v1/gateway/desired", headers));
}

PlatformReply PlatformClient::get_envelope(std::string_view digest) {
  return finish(client_.Get(prefix_ + "/api/v1/gateway/envelopes/" + std::string(digest)));
}

PlatformReply PlatformClient::put_state(const std::string& body) {
  return finish(client_.Put(prefix_ + "/api/v1/gateway/state", body, kJson));
}

PlatformReply PlatformClient::post_events(const std::string& body) {
  return finish(client_.Post(prefix_ + "/api/v1/gateway/events", body, kJson));
}

}  // namespace tc::gw
