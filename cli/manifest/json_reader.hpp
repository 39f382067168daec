// Typed reads of JSON fields into the device's value types, collecting every error with its JSON
// path instead of stopping at the first. Shared by the manifest and board profile readers.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "manifest/json_error.hpp"
#include "manifest/manifest.hpp"

namespace tc::manifest_json {

enum class Presence : uint8_t { optional, required };

class JsonReader {
 public:
  using json = nlohmann::json;

  explicit JsonReader(JsonErrors& errors) : errors_(errors) {}

  void error(std::string path, std::string message) {
    errors_.push_back({std::move(path), std::move(message)});
  }
  [[nodiscard]] std::size_t error_count() const { return errors_.size(); }

  // Whether `value` is an object; reports each unknown field (with a suggestion) too.
  bool object(const json& value, const std::string& path, std::span<const char* const> known);

  // Each read below leaves `out` unchanged when the field is absent (reported if required) or
  // wrong, and returns true only when it stored a value.
  bool unsigned_field(const json& object, const std::string& path, const char* name, uint64_t max,
                      uint64_t& out, Presence presence = Presence::optional);
  template <typename T>
  bool unsigned_field(const json& object, const std::string& path, const char* name, T& out,
                      Presence presence = Presence::optional) {
    uint64_t value = out;
    if (!unsigned_field(object, path, name, std::numeric_limits<T>::max(), value, presence)) {
      return false;
    }
    out = static_cast<T>(value);
    return true;
  }
  bool integer_field(const json& object, const std::string& path, const char* name, int64_t& out,
                     Presence presence = Presence::optional);
  bool bool_field(const json& object, const std::string& path, const char* name, bool& out);
  bool string_field(const json& object, const std::string& path, const char* name,
                    std::size_t capacity, std::string& out, Presence presence);
  template <std::size_t N>
  bool text_field(const json& object, const std::string& path, const char* name,
                  manifest::FixedString<N>& out, Presence presence = Presence::optional) {
    std::string text;
    if (!string_field(object, path, name, manifest::FixedString<N>::kCapacity, text, presence)) {
      return false;
    }
    if (out.assign(text)) return true;
    error(path + "." + name, "must not contain a NUL character");
    return false;
  }
  // A string that must be one of names[1..] (names[0] unused); out is its index.
  bool choice_field(const json& object, const std::string& path, const char* name,
                    std::span<const char* const> names, uint8_t& out,
                    Presence presence = Presence::optional);

  // The field if present; reports it missing when required.
  const json* find(const json& object, const std::string& path, const char* name,
                   Presence presence);

 private:
  JsonErrors& errors_;
};

// "$.a" + ".b"; "$" alone for the document.
[[nodiscard]] inline std::string child(const std::string& path, const char* name) {
  return path + "." + name;
}
[[nodiscard]] inline std::string element(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

}  // namespace tc::manifest_json
