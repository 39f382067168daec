// Errors as values for the device core: a small Status code and a Result<T> that holds either a
// value or a Status. No exceptions, no heap, trivially portable to freestanding targets.
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

namespace tc {

// Broad error classes shared by every runtime module; modules that need detail (the verifier, the
// image parser) carry their own reason enum next to the code.
enum class StatusCode : uint8_t {
  ok = 0,
  invalid_argument,    // malformed input: a bad image, packet, manifest
  out_of_range,        // a length or index beyond what the input or a buffer holds
  resource_exhausted,  // a fixed capacity is full
  permission_denied,   // policy refused it
  not_found,
  failed_precondition,  // the object is in the wrong state for the operation
  unimplemented,
  internal,
};

// A status: a code plus a static message (string literal, never owned).
class [[nodiscard]] Status {
 public:
  constexpr Status() = default;
  constexpr Status(StatusCode code, const char* message) : code_(code), message_(message) {}

  static constexpr Status Ok() { return {}; }

  [[nodiscard]] constexpr bool ok() const { return code_ == StatusCode::ok; }
  [[nodiscard]] constexpr StatusCode code() const { return code_; }
  [[nodiscard]] constexpr const char* message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::ok;
  const char* message_ = "ok";
};

// Either a T or a non-ok Status. T must be default-constructible so the storage stays trivial and
// the type works without placement-new tricks on small targets.
template <typename T>
class [[nodiscard]] Result {
  static_assert(std::is_default_constructible_v<T>, "Result<T> needs a default-constructible T");

 public:
  constexpr Result(T value) : value_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  constexpr Result(Status status) : status_(status) {}     // NOLINT(google-explicit-constructor)

  [[nodiscard]] constexpr bool ok() const { return status_.ok(); }
  [[nodiscard]] constexpr const Status& status() const { return status_; }
  [[nodiscard]] constexpr const T& value() const& { return value_; }
  [[nodiscard]] constexpr T& value() & { return value_; }
  [[nodiscard]] constexpr T&& value() && { return std::move(value_); }
  constexpr const T& operator*() const& { return value_; }
  constexpr T& operator*() & { return value_; }
  constexpr const T* operator->() const { return &value_; }
  constexpr T* operator->() { return &value_; }

 private:
  Status status_;
  T value_{};
};

}  // namespace tc
