// An error in a JSON document, located by its JSON path ("$.endpoints[1].limits.min").
#pragma once

#include <string>
#include <vector>

namespace tc::manifest_json {

struct JsonError {
  std::string path;
  std::string message;

  [[nodiscard]] std::string text() const { return path + ": " + message; }
  friend bool operator==(const JsonError&, const JsonError&) = default;
};

using JsonErrors = std::vector<JsonError>;

}  // namespace tc::manifest_json
