#include "identity/names.hpp"

namespace tc::platform {
namespace {

bool lower_or_digit(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string check_name(std::string_view what, std::string_view name) {
  const std::string w(what);
  if (name.empty()) return w + " is empty";
  if (name.size() > kMaxNameLength) {
    return w + " is " + std::to_string(name.size()) + " characters long; at most " +
           std::to_string(kMaxNameLength);
  }
  for (const char c : name) {
    if (!lower_or_digit(c) && c != '-') {
      return w + " may contain only a-z, 0-9 and '-'";
    }
  }
  if (!lower_or_digit(name.front())) return w + " must start with a letter or a digit";
  if (name.back() == '-') return w + " must not end with '-'";
  return {};
}

}  // namespace tc::platform
