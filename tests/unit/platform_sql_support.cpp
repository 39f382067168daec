#include "platform_sql_support.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

namespace tc::platform::test {

std::string backend_name(Backend b) {
  switch (b) {
    case Backend::sqlite_memory:
      return "SqliteMemory";
    case Backend::sqlite_file:
      return "SqliteFile";
    case Backend::postgres:
      return "Postgres";
  }
  return "?";
}

std::string store_name(const ::testing::TestParamInfo<Backend>& p) {
  return backend_name(p.param);
}

std::vector<Backend> all_backends() {
  return {Backend::sqlite_memory, Backend::sqlite_file, Backend::postgres};
}

std::string postgres_admin_uri() {
  const char* file = std::getenv("TC_TEST_PG_URI_FILE");
  if (file == nullptr) {
    ADD_FAILURE() << "TC_TEST_PG_URI_FILE is not set: run the test through ctest, which starts "
                     "PostgreSQL (fixture platform_pg_start)";
    return {};
  }
  std::ifstream in(file);
  std::string uri;
  std::getline(in, uri);
  if (uri.empty())
    ADD_FAILURE() << "no PostgreSQL URI in " << file << " (did platform_pg_start fail?)";
  return uri;
}

namespace {

std::string unique_suffix() {
  static std::atomic<int> counter{0};
  std::random_device random;
  return std::to_string(random()) + "_" + std::to_string(::getpid()) + "_" +
         std::to_string(counter++);
}

}  // namespace

TestStore::TestStore(Backend backend) : backend_(backend) {
  switch (backend) {
    case Backend::sqlite_memory:
      url_ = ":memory:";
      break;
    case Backend::sqlite_file:
      file_ = (std::filesystem::temp_directory_path() / ("tc-platform-" + unique_suffix() + ".db"))
                  .string();
      url_ = "sqlite:" + file_;
      break;
    case Backend::postgres: {
      const std::string admin = postgres_admin_uri();
      schema_ = "t_" + unique_suffix();
      auto db = sql::open_database(admin, 1);
      db->acquire()->run_script("CREATE SCHEMA " + schema_);
      url_ = admin + "?options=-csearch_path%3D" + schema_;
      break;
    }
  }
  db_ = sql::open_database(url_);
}

TestStore::~TestStore() {
  db_.reset();
  if (!file_.empty()) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(file_ + suffix, ignored);
  }
  if (!schema_.empty()) {
    try {
      sql::open_database(postgres_admin_uri(), 1)
          ->acquire()
          ->run_script("DROP SCHEMA " + schema_ + " CASCADE");
    } catch (const sql::Error& e) {
      ADD_FAILURE() << "dropping " << schema_ << ": " << e.what();
    }
  }
}

std::unique_ptr<sql::Database> TestStore::open_another() const {
  if (backend_ == Backend::sqlite_memory) {
    ADD_FAILURE() << "an in-memory SQLite database cannot be shared";
    return nullptr;
  }
  return sql::open_database(url_);
}

}  // namespace tc::platform::test
