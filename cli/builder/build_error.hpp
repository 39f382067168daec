// The one error type of the image builder: a message meant for the container author.
#pragma once

#include <stdexcept>
#include <string>

namespace tc::builder {

class BuildError : public std::runtime_error {
 public:
  explicit BuildError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace tc::builder
