// RFC 6690 CoRE Link Format writer (what /.well-known/core returns):
//   </sensors/temp>;rt="temperature-c";if="sensor";ct=60;sz=12;obs,</actuators/led>;...
// Writes into a bounded buffer. When a link does not fit, the writer stops writing (the output
// keeps only whole links) but keeps counting, so required() tells the caller how large a buffer
// the whole document needs, e.g. to serve it block-wise from a bigger buffer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "core/status.hpp"

namespace tc::coap {

struct Link {
  std::string_view path{};       // URI reference, e.g. "/sensors/temp"
  std::string_view rt{};         // resource type, "" to omit
  std::string_view if_{};        // interface description, "" to omit
  std::optional<uint16_t> ct{};  // content format
  std::optional<uint32_t> sz{};  // maximum size estimate
  bool obs = false;              // observable (RFC 7641 6)
};

class LinkFormatWriter {
 public:
  explicit LinkFormatWriter(std::span<char> out) : out_(out) {}

  // Appends one link (with its ',' separator). invalid_argument when the path is empty or holds
  // '>', a control character or a space; out_of_range when it does not fit (also for every later
  // link once one did not fit, so the output never has holes).
  [[nodiscard]] Status add(const Link& link);

  // The text written so far (whole links only).
  [[nodiscard]] std::string_view text() const { return {out_.data(), written_}; }
  // Bytes the whole document needs, counting the links that did not fit.
  [[nodiscard]] std::size_t required() const { return required_; }
  [[nodiscard]] bool complete() const { return written_ == required_; }

 private:
  std::span<char> out_;
  std::size_t written_ = 0;
  std::size_t required_ = 0;
  std::size_t links_ = 0;
};

}  // namespace tc::coap
