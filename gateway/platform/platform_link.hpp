// The seam for the gateway's link to tc-platform (DESIGN.md 1 and 4): with --platform URL and
// --token T, the gateway will pull the desired state of its devices, push their actual state,
// events and usage. Not built yet (a later task): this records what the command line asked for,
// and the interface the link will implement, so that main.cpp and the service need no change
// when it comes.
#pragma once

#include <memory>
#include <string>

namespace tc::gw {

struct PlatformOptions {
  std::string url;    // "https://platform.example" ; empty: standalone
  std::string token;  // the gateway's token on the platform

  [[nodiscard]] bool enabled() const { return !url.empty(); }
};

// Why the options cannot work (a URL that is not http(s), a URL without a token), or empty.
[[nodiscard]] std::string check(const PlatformOptions& options);

class PlatformLink {
 public:
  virtual ~PlatformLink() = default;
  // Starts syncing in the background; a readable error when it cannot start.
  [[nodiscard]] virtual std::string start() = 0;
  virtual void stop() = 0;
};

// The link for `options`; null while the platform link is not implemented (the gateway then
// runs standalone and says so).
[[nodiscard]] std::unique_ptr<PlatformLink> make_platform_link(const PlatformOptions& options);

}  // namespace tc::gw
