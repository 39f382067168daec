#include "agent/record.hpp"

#include <cstring>

namespace tc::agent {

Key::Key(std::string_view prefix, std::string_view name, std::string_view suffix) {
  append(prefix);
  append(name);
  if (!suffix.empty()) {
    append("/");
    append(suffix);
  }
}

void Key::append(std::string_view part) {
  if (part.size() > sizeof text_ - size_) {
    ok_ = false;
    return;
  }
  std::memcpy(text_ + size_, part.data(), part.size());
  size_ += part.size();
}

bool is_key_text(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace tc::agent
