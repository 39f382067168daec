// The stores every platform test runs against: SQLite in memory, SQLite in a file, and the real
// PostgreSQL server of the test run (its URI in $TC_TEST_PG_URI_FILE, written by
// scripts/pg-test-server). Each PostgreSQL store is a fresh schema of its own, so tests that
// ctest runs in parallel never see each other's tables; it is dropped with the store.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sql/database.hpp"

namespace tc::platform::test {

enum class Backend { sqlite_memory, sqlite_file, postgres };

std::string backend_name(Backend b);
// For INSTANTIATE_TEST_SUITE_P: the backend's name as the test's suffix.
std::string store_name(const ::testing::TestParamInfo<Backend>& p);
// For GoogleTest's messages: the backend's name instead of its bytes.
inline void PrintTo(Backend b, std::ostream* out) {
  *out << backend_name(b);
}
std::vector<Backend> all_backends();

// A fresh, empty store of that kind for one test.
class TestStore {
 public:
  explicit TestStore(Backend backend);
  ~TestStore();
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  // The URL a second Database (a second platform replica) opens to share the same data.
  [[nodiscard]] const std::string& url() const { return url_; }
  [[nodiscard]] sql::Database& db() { return *db_; }
  [[nodiscard]] std::unique_ptr<sql::Database> open_another() const;

 private:
  Backend backend_;
  std::string url_;
  std::string schema_;  // postgres
  std::string file_;    // sqlite_file
  std::unique_ptr<sql::Database> db_;
};

// The PostgreSQL server's URI, or a clear test failure when the fixture did not start one.
std::string postgres_admin_uri();

}  // namespace tc::platform::test
