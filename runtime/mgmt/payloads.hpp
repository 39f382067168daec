// The CBOR payloads of the management tree (docs/protocol.md, "Payloads"), as free functions over
// a CborOut so that they are unit-testable without a server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "agent/agent.hpp"
#include "manifest/board.hpp"
#include "mgmt/cbor_out.hpp"

namespace tc::mgmt {

// {"error": text}
void render_error(CborOut& out, std::string_view text);

struct DeviceSummary {
  std::string_view id;
  std::string_view model;
  std::string_view firmware;
  uint64_t uptime_ms = 0;
  uint32_t containers = 0;
  uint32_t capacity = 0;
  uint32_t pool_bytes = 0;
  bool insecure = false;
};
void render_device(CborOut& out, const DeviceSummary& d);

// One catalog entry of the board profile.
void render_resource(CborOut& out, const manifest::BoardResource& r);
void render_catalog(CborOut& out, const manifest::BoardProfile& board);

// {"name", "version", "tenant", "state"} (GET /c), or the full status (GET /c/{name}).
void render_container(CborOut& out, const agent::ContainerInfo& c, bool full);

// The protocol's name of an event kind ("denied", "restarting", ...).
[[nodiscard]] const char* event_name(agent::EventKind kind);
// The protocol's name of a denial reason (TC_E* negated): "rate", "energy", ...
[[nodiscard]] const char* denial_name(unsigned reason);
// One event; `log_text` is the line a log event refers to (empty when no longer held).
void render_event(CborOut& out, const agent::Event& e, std::string_view log_text);

// Why an install was refused: the "reason" token of the error body and the detail of the
// install_refused event. Values below 32 are suit::Error's own; these follow the envelope checks.
enum class Refusal : uint8_t {
  invalid_body = 32,  // an unsigned install body that is not [image, manifest]
  invalid_manifest,   // the permissions manifest does not decode or validate (for this board)
  invalid_image,      // the image does not parse or verify
  no_slot,            // every container slot is taken
  agent_refused,      // the agent refused it (too big for a slot, data_bytes, storage...)
};
[[nodiscard]] const char* refusal_token(uint8_t reason);
// {"error": text, "reason": token}
void render_refusal(CborOut& out, std::string_view text, const char* token);

// The install body [image: bytes, manifest: bytes]; nullptr or the error text.
[[nodiscard]] const char* parse_install(std::span<const uint8_t> body,
                                        std::span<const uint8_t>& image,
                                        std::span<const uint8_t>& manifest_cbor);

// Install by reference: the body {"uri": text} names where the device fetches the install body
// (a SUIT envelope, or the development body) from. A map whose first key is the text "uri" is
// never an envelope (SUIT's keys are integers): is_reference_body() tells the two apart by that,
// parse_reference() checks the whole shape; nullptr or the error text.
inline constexpr std::size_t kMaxReferenceUri = 255;
[[nodiscard]] bool is_reference_body(std::span<const uint8_t> body);
[[nodiscard]] const char* parse_reference(std::span<const uint8_t> body, std::string_view& uri);

}  // namespace tc::mgmt
