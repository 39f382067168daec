#include "manifest/json_reader.hpp"

#include "manifest/suggest.hpp"

namespace tc::manifest_json {
namespace {

// "256", "65536", "2^32", "2^64": the exclusive upper bound people recognise.
std::string bound_text(uint64_t max) {
  if (max == std::numeric_limits<uint64_t>::max()) return "2^64";
  if (max == std::numeric_limits<uint32_t>::max()) return "2^32";
  return std::to_string(max + 1);
}

bool is_known(std::span<const char* const> known, const std::string& name) {
  for (const char* k : known) {
    if (k != nullptr && name == k) return true;
  }
  return false;
}

}  // namespace

bool JsonReader::object(const json& value, const std::string& path,
                        std::span<const char* const> known) {
  if (!value.is_object()) {
    error(path, "expected an object");
    return false;
  }
  for (const auto& [name, _] : value.items()) {
    if (is_known(known, name)) continue;
    const std::string guess = suggest(name, known);
    error(child(path, name.c_str()), guess.empty()
                                         ? "unknown field (known fields: " + join(known) + ")"
                                         : "unknown field (did you mean " + guess + "?)");
  }
  return true;
}

const JsonReader::json* JsonReader::find(const json& object, const std::string& path,
                                         const char* name, Presence presence) {
  const auto it = object.find(name);
  if (it != object.end()) return &*it;
  if (presence == Presence::required) error(child(path, name), "missing required field");
  return nullptr;
}

bool JsonReader::unsigned_field(const json& object, const std::string& path, const char* name,
                                uint64_t max, uint64_t& out, Presence presence) {
  const json* value = find(object, path, name, presence);
  if (value == nullptr) return false;
  if (!value->is_number_unsigned() || value->get<uint64_t>() > max) {
    error(child(path, name), "expected a non-negative integer below " + bound_text(max));
    return false;
  }
  out = value->get<uint64_t>();
  return true;
}

bool JsonReader::integer_field(const json& object, const std::string& path, const char* name,
                               int64_t& out, Presence presence) {
  const json* value = find(object, path, name, presence);
  if (value == nullptr) return false;
  const bool fits = value->is_number_integer() &&
                    (!value->is_number_unsigned() ||
                     value->get<uint64_t>() <= uint64_t{std::numeric_limits<int64_t>::max()});
  if (!fits) {
    error(child(path, name), "expected an integer from -2^63 to 2^63-1");
    return false;
  }
  out = value->get<int64_t>();
  return true;
}

bool JsonReader::bool_field(const json& object, const std::string& path, const char* name,
                            bool& out) {
  const json* value = find(object, path, name, Presence::optional);
  if (value == nullptr) return false;
  if (!value->is_boolean()) {
    error(child(path, name), "expected true or false");
    return false;
  }
  out = value->get<bool>();
  return true;
}

bool JsonReader::string_field(const json& object, const std::string& path, const char* name,
                              std::size_t capacity, std::string& out, Presence presence) {
  const json* value = find(object, path, name, presence);
  if (value == nullptr) return false;
  if (!value->is_string() || value->get_ref<const std::string&>().size() > capacity) {
    error(child(path, name), "expected a string of at most " + std::to_string(capacity) + " bytes");
    return false;
  }
  out = value->get<std::string>();
  return true;
}

bool JsonReader::choice_field(const json& object, const std::string& path, const char* name,
                              std::span<const char* const> names, uint8_t& out, Presence presence) {
  std::string text;
  if (!string_field(object, path, name, 64, text, presence)) return false;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] != nullptr && text == names[i]) {
      out = static_cast<uint8_t>(i);
      return true;
    }
  }
  const std::string guess = suggest(text, names);
  error(child(path, name),
        "expected one of " + join(names) + (guess.empty() ? "" : " (did you mean " + guess + "?)"));
  return false;
}

}  // namespace tc::manifest_json
