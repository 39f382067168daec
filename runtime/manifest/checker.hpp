// Internal to the validators: records the first error, forwards every error to a sink, and
// keeps the path of the field being checked.
#pragma once

#include "manifest/error.hpp"
#include "manifest/validate.hpp"

namespace tc::manifest::detail {

class Checker {
 public:
  Checker(ErrorSink sink, void* context) : sink_(sink), context_(context) {}

  // Reports `reason` at the current path; always false, so rules read `return c.fail(...)`.
  bool fail(Reason reason) {
    ManifestError error;
    error.reason = reason;
    error.path = path_;
    if (first_.ok()) first_ = error;
    if (sink_ == nullptr || !sink_(context_, error)) stopped_ = true;
    return false;
  }
  [[nodiscard]] bool stopped() const { return stopped_; }
  [[nodiscard]] const ManifestError& first() const { return first_; }
  FieldPath& path() { return path_; }

 private:
  ErrorSink sink_;
  void* context_;
  ManifestError first_;
  FieldPath path_;
  bool stopped_ = false;
};

// Pushes a path segment for the scope's lifetime.
class Field {
 public:
  Field(Checker& checker, const char* name) : path_(checker.path()) { path_.push(name); }
  Field(Checker& checker, uint16_t index) : path_(checker.path()) { path_.push_index(index); }
  ~Field() { path_.pop(); }
  Field(const Field&) = delete;
  Field& operator=(const Field&) = delete;

 private:
  FieldPath& path_;
};

}  // namespace tc::manifest::detail
