#include "platform/platform_link.hpp"

#include "platform/platform_sync.hpp"

namespace tc::gw {

std::string check(const PlatformOptions& options) {
  if (!options.enabled()) {
    return options.token.empty() ? std::string() : "--token is only meaningful with --platform";
  }
  if (options.url.rfind("http://", 0) != 0 && options.url.rfind("https://", 0) != 0) {
    return "--platform must be an http:// or https:// URL";
  }
  if (options.token.empty()) return "--platform needs --token (the gateway's platform token)";
  return {};
}

std::unique_ptr<PlatformLink> make_platform_link(const PlatformOptions& options,
                                                 PlatformParts parts) {
  return std::make_unique<PlatformSync>(options, parts);
}

}  // namespace tc::gw
