// The document of GET /api/v1/gateway/desired (docs/api/platform-link.md) and its revision.
//
// The revision is a digest of the document itself (the first 16 hex digits of the SHA-256 of its
// `devices` as compact JSON), not a counter: it changes exactly when the document does, whoever
// wrote the desired rows (a deployment, an operator, a migration), with nothing to keep in step
// in each of those writers' transactions, and replicas compute the same value. A document that
// returns to an earlier content gets the earlier revision, which is right: the gateway holding
// it already holds that document.
#pragma once

#include <string>
#include <vector>

#include "fleet/desired_store.hpp"
#include "http/json.hpp"

namespace tc::platform {

struct DesiredDocument {
  std::string revision;
  http::Json body;  // {"revision", "devices": {name: {"containers": [...]}}}
};

[[nodiscard]] DesiredDocument desired_document(const std::vector<DesiredDevice>& devices);

}  // namespace tc::platform
