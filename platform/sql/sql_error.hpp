// Why a statement failed. The platform's request handlers turn `constraint` into 409 and retry a
// transaction that failed as `retry` (PostgreSQL's serialization failure or deadlock, SQLite's
// busy database); anything else is a fault of the store (500), with the database's message.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace tc::platform::sql {

enum class ErrorKind : uint8_t {
  constraint,  // a unique, foreign-key or check constraint refused the change
  retry,       // a conflict with a concurrent transaction: run the transaction again
  connection,  // the server cannot be reached or the connection broke
  other,       // a bad statement, a full disk, a corrupt file...
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace tc::platform::sql
