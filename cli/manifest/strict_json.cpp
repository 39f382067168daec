#include "manifest/strict_json.hpp"

#include <set>
#include <string>
#include <vector>

namespace tc::manifest_json {
namespace {

using nlohmann::json;

// Follows the parser's events to know the path of each key and the keys seen per object.
class KeyTracker {
 public:
  explicit KeyTracker(JsonErrors& errors) : errors_(errors) {}

  bool on_event(json::parse_event_t event, const json& parsed) {
    switch (event) {
      case json::parse_event_t::object_start:
      case json::parse_event_t::array_start:
        frames_.push_back({event == json::parse_event_t::array_start, child_path(), {}, 0, {}});
        break;
      case json::parse_event_t::object_end:
      case json::parse_event_t::array_end:
        frames_.pop_back();
        break;
      case json::parse_event_t::key:
        on_key(parsed.get<std::string>());
        break;
      case json::parse_event_t::value:
        if (!frames_.empty() && frames_.back().array) ++frames_.back().next_index;
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool array = false;
    std::string path;
    std::set<std::string> keys;
    std::size_t next_index = 0;
    std::string last_key;
  };

  // The path of the value that starts now (an array element takes the next index).
  std::string child_path() {
    if (frames_.empty()) return "$";
    Frame& parent = frames_.back();
    if (parent.array) return parent.path + "[" + std::to_string(parent.next_index++) + "]";
    return parent.path + "." + parent.last_key;
  }

  void on_key(const std::string& key) {
    Frame& object = frames_.back();
    if (!object.keys.insert(key).second) {
      errors_.push_back({object.path + "." + key, "duplicate field"});
    }
    object.last_key = key;
  }

  JsonErrors& errors_;
  std::vector<Frame> frames_;
};

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string plain_message(const char* what) {
  std::string message = what;
  const std::size_t end = message.find("] ");
  return end == std::string::npos ? message : message.substr(end + 2);
}

}  // namespace

json parse_strict(std::string_view text, JsonErrors& errors) {
  const std::size_t before = errors.size();
  KeyTracker tracker(errors);
  try {
    json document = json::parse(text.begin(), text.end(),
                                [&tracker](int, json::parse_event_t event, json& parsed) {
                                  return tracker.on_event(event, parsed);
                                });
    if (errors.size() != before) return nullptr;
    return document;
  } catch (const json::exception& e) {
    // A syntax error, or a number too large for any C++ type (out_of_range 406: "1e999").
    errors.push_back({"$", plain_message(e.what())});
    return nullptr;
  }
}

}  // namespace tc::manifest_json
