#include "commands/command_request.hpp"

namespace tc::gw {

CoapRequest command_request(const DeviceCommand& command, const std::string& blob_uri,
                            const CommandTimeouts& timeouts) {
  CoapRequest r;
  r.timeout = timeouts.life_cycle;
  switch (command.kind) {
    case CommandKind::install: {
      r.method = Method::post;
      r.path = "/c";
      r.content_format = kFormatCbor;
      // A one-member map of text never fails to encode.
      r.payload = dev::json_to_cbor(Json{{"uri", blob_uri}}).value.value_or(std::vector<uint8_t>{});
      r.timeout = timeouts.install;
      break;
    }
    case CommandKind::start:
    case CommandKind::stop:
    case CommandKind::restart:
      r.method = Method::post;
      r.path = "/c/" + command.container + "/" + std::string(name(command.kind));
      break;
    case CommandKind::remove:
      r.method = Method::del;
      r.path = "/c/" + command.container;
      break;
  }
  return r;
}

}  // namespace tc::gw
