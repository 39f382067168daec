// platform/sql against every store (platform_sql_support.hpp): values round-trip exactly,
// statements fail with the right kind, transactions commit, roll back and retry conflicts,
// migrations apply once (also from two replicas at the same time) and refuse a newer schema.
#include <gtest/gtest.h>

#include <limits>
#include <thread>

#include "platform_sql_support.hpp"
#include "sql/migrations.hpp"
#include "sql/placeholders.hpp"

namespace tc::platform::sql {
namespace {

using test::Backend;
using test::TestStore;

class SqlStore : public ::testing::TestWithParam<Backend> {
 protected:
  TestStore store{GetParam()};
  Database& db = store.db();

  void create_items() {
    db.acquire()->run_script(
        "CREATE TABLE items (id {serial}, name TEXT NOT NULL UNIQUE, n {int}, data {bytes})");
  }
};

TEST_P(SqlStore, ValuesRoundTripExactly) {
  create_items();
  const std::vector<uint8_t> bytes{0, 1, 0xff, 0, 0x7f};
  const std::string text = "O'Brien said \"?\" -- not a comment /* nor this */ \xc3\xa9";
  auto c = db.acquire();
  c->exec("INSERT INTO items (name, n, data) VALUES (?, ?, ?)",
          {text, std::numeric_limits<int64_t>::min(), Bytes{bytes}});
  c->exec("INSERT INTO items (name, n, data) VALUES (?, ?, ?)",
          {std::string("max"), std::numeric_limits<int64_t>::max(), Bytes{}});
  c->exec("INSERT INTO items (name, n, data) VALUES (?, ?, ?)",
          {std::string("nulls"), std::monostate{}, std::monostate{}});
  const Result r = c->exec("SELECT name, n, data FROM items ORDER BY id");
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r.text(0, 0), text);
  EXPECT_EQ(r.integer(0, 1), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(r.bytes(0, 2), bytes);
  EXPECT_EQ(r.integer(1, 1), std::numeric_limits<int64_t>::max());
  EXPECT_TRUE(r.bytes(1, 2).empty());
  EXPECT_FALSE(r.is_null(1, 2));
  EXPECT_TRUE(r.is_null(2, 1));
  EXPECT_TRUE(r.is_null(2, 2));
}

TEST_P(SqlStore, ReturningGivesTheNewIdAndChangesCountRows) {
  create_items();
  auto c = db.acquire();
  const Result a = c->exec("INSERT INTO items (name) VALUES (?) RETURNING id", {std::string("a")});
  const Result b = c->exec("INSERT INTO items (name) VALUES (?) RETURNING id", {std::string("b")});
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(b.integer(0, 0), a.integer(0, 0) + 1);
  EXPECT_EQ(c->exec("UPDATE items SET n = 5").affected(), 2);
  EXPECT_EQ(c->exec("SELECT count(*) FROM items WHERE n = ?", {int64_t{5}}).scalar(), 2);
  EXPECT_EQ(c->exec("SELECT n FROM items WHERE name = 'none'").scalar(), std::nullopt);
}

TEST_P(SqlStore, AUniqueViolationIsAConstraintError) {
  create_items();
  auto c = db.acquire();
  c->exec("INSERT INTO items (name) VALUES ('x')");
  try {
    c->exec("INSERT INTO items (name) VALUES ('x')");
    FAIL() << "the duplicate was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::constraint) << e.what();
  }
}

TEST_P(SqlStore, AWrongParameterCountIsRefusedBeforeTheServer) {
  create_items();
  try {
    db.acquire()->exec("SELECT * FROM items WHERE name = ? AND n = ?", {std::string("x")});
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::other);
    EXPECT_NE(std::string(e.what()).find("2 parameters, 1 given"), std::string::npos) << e.what();
  }
}

TEST_P(SqlStore, ABadStatementSaysWhatTheServerSaid) {
  try {
    db.acquire()->exec("SELECT * FROM no_such_table");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::other);
    EXPECT_NE(std::string(e.what()).find("no_such_table"), std::string::npos) << e.what();
  }
}

TEST_P(SqlStore, WrongTypesAreNamedByCell) {
  create_items();
  db.acquire()->exec("INSERT INTO items (name, n) VALUES ('x', 1)");
  const Result r = db.acquire()->exec("SELECT name, n FROM items");
  EXPECT_THROW((void)r.integer(0, 0), Error);
  EXPECT_THROW((void)r.text(0, 1), Error);
  EXPECT_THROW((void)r.text(0, 7), Error);
  EXPECT_THROW((void)r.text(3, 0), Error);
}

TEST_P(SqlStore, TransactCommitsOrRollsBackEverything) {
  create_items();
  transact(db, [](Connection& c) {
    c.exec("INSERT INTO items (name) VALUES ('kept')");
    c.exec("INSERT INTO items (name) VALUES ('kept too')");
  });
  EXPECT_THROW(transact(db,
                        [](Connection& c) {
                          c.exec("INSERT INTO items (name) VALUES ('lost')");
                          c.exec("INSERT INTO items (name) VALUES ('kept')");  // duplicate
                        }),
               Error);
  EXPECT_THROW(transact(db,
                        [](Connection& c) {
                          c.exec("INSERT INTO items (name) VALUES ('lost too')");
                          throw std::runtime_error("the handler failed");
                        }),
               std::runtime_error);
  const auto names = transact(
      db, [](Connection& c) { return c.exec("SELECT name FROM items ORDER BY name").size(); });
  EXPECT_EQ(names, 2u);
}

// Four threads add 1 to the same row 25 times each, read-modify-write: only transactions that
// retry their conflicts (PostgreSQL's serialization failures) end with exactly 100.
TEST_P(SqlStore, ConcurrentReadModifyWriteLosesNoUpdate) {
  create_items();
  db.acquire()->exec("INSERT INTO items (name, n) VALUES ('counter', 0)");
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 25; ++i) {
        transact(db, [](Connection& c) {
          const int64_t n = c.exec("SELECT n FROM items WHERE name = 'counter'").integer(0, 0);
          c.exec("UPDATE items SET n = ? WHERE name = 'counter'", {n + 1});
        });
      }
    });
  }
  for (auto& t : threads)
    t.join();
  EXPECT_EQ(db.acquire()->exec("SELECT n FROM items WHERE name = 'counter'").scalar(), 100);
}

constexpr Migration kSteps[] = {
    {1, "items", "CREATE TABLE items (id {serial}, name TEXT NOT NULL UNIQUE)"},
    {2, "labels",
     "CREATE TABLE labels (item {int} NOT NULL REFERENCES items(id), label TEXT NOT NULL);"
     "INSERT INTO items (name) VALUES ('seeded')"},
};

TEST_P(SqlStore, MigrationsApplyOnceInOrder) {
  const MigrationOutcome first = migrate(db, std::span(kSteps).first(1));
  EXPECT_EQ(first.from, 0);
  EXPECT_EQ(first.to, 1);
  const MigrationOutcome second = migrate(db, kSteps);
  EXPECT_EQ(second.from, 1);
  EXPECT_EQ(second.to, 2);
  const MigrationOutcome again = migrate(db, kSteps);
  EXPECT_EQ(again.from, 2);
  EXPECT_EQ(db.acquire()->exec("SELECT count(*) FROM items").scalar(), 1);
}

TEST_P(SqlStore, ANewerSchemaIsRefused) {
  migrate(db, kSteps);
  try {
    migrate(db, std::span(kSteps).first(1));
    FAIL() << "an older platform accepted a newer schema";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("version 2, newer than this platform's 1"),
              std::string::npos)
        << e.what();
  }
}

TEST_P(SqlStore, AFailingStepChangesNothing) {
  migrate(db, std::span(kSteps).first(1));
  const Migration broken[] = {
      kSteps[0],
      {2, "broken", "CREATE TABLE half (x {int}); INSERT INTO nowhere VALUES (1)"},
  };
  EXPECT_THROW(migrate(db, broken), Error);
  auto c = db.acquire();
  EXPECT_EQ(c->exec("SELECT version FROM schema_version").scalar(), 1);
  EXPECT_THROW(c->exec("SELECT * FROM half"), Error);
}

TEST_P(SqlStore, StepsOutOfOrderAreRefused) {
  const Migration gap[] = {kSteps[1]};
  EXPECT_THROW(migrate(db, gap), Error);
}

INSTANTIATE_TEST_SUITE_P(Stores, SqlStore, ::testing::ValuesIn(test::all_backends()),
                         test::store_name);

// Two replicas starting at once on one database apply each step exactly once.
class SharedStore : public ::testing::TestWithParam<Backend> {};

TEST_P(SharedStore, ReplicasMigratingTogetherApplyEachStepOnce) {
  TestStore store(GetParam());
  auto other = store.open_another();
  ASSERT_NE(other, nullptr);
  std::thread replica([&] { migrate(*other, kSteps); });
  migrate(store.db(), kSteps);
  replica.join();
  auto c = store.db().acquire();
  EXPECT_EQ(c->exec("SELECT count(*) FROM items WHERE name = 'seeded'").scalar(), 1);
  EXPECT_EQ(c->exec("SELECT version FROM schema_version").scalar(), 2);
}

INSTANTIATE_TEST_SUITE_P(Stores, SharedStore,
                         ::testing::Values(Backend::sqlite_file, Backend::postgres),
                         test::store_name);

// A second lease on the thread that holds the only SQLite connection would wait forever.
TEST(SqlPool, ANestedLeaseOnAFullPoolFailsInsteadOfHanging) {
  TestStore store(Backend::sqlite_memory);
  const Lease held = store.db().acquire();
  try {
    (void)store.db().acquire();
    FAIL() << "a second lease was handed out";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("already holds every connection"), std::string::npos);
  }
}

TEST(SqlOpen, AnUnreachableServerIsAConnectionError) {
  try {
    (void)open_database("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2");
    FAIL() << "connected to nothing";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::connection);
    EXPECT_NE(std::string(e.what()).find("cannot connect to PostgreSQL"), std::string::npos);
  }
}

TEST(SqlOpen, AFileInAMissingDirectoryIsAConnectionError) {
  try {
    (void)open_database("sqlite:/nonexistent-dir/x/platform.db");
    FAIL() << "opened";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::connection);
    EXPECT_NE(std::string(e.what()).find("/nonexistent-dir/x/platform.db"), std::string::npos);
  }
}

TEST(SqlOpen, TheLogNameHasNoCredentials) {
  TestStore store(Backend::postgres);
  auto db = open_database(test::postgres_admin_uri());
  EXPECT_EQ(db->name().find("tc@"), std::string::npos) << db->name();
  EXPECT_EQ(db->name().rfind("postgresql://127.0.0.1:", 0), 0u) << db->name();
}

TEST(Placeholders, QuestionMarksOutsideLiteralsAndCommentsAreNumbered) {
  const Numbered n = to_numbered(
      "SELECT '?', \"a?\", x FROM t -- what?\nWHERE a = ? /* ? */ AND b = 'it''s ?' AND c = ?");
  EXPECT_EQ(n.parameters, 2u);
  EXPECT_EQ(n.sql,
            "SELECT '?', \"a?\", x FROM t -- what?\nWHERE a = $1 /* ? */ AND b = 'it''s ?' AND c "
            "= $2");
}

TEST(Placeholders, UnterminatedLiteralsRunToTheEnd) {
  EXPECT_EQ(to_numbered("SELECT ? 'open ?").parameters, 1u);
  EXPECT_EQ(to_numbered("SELECT ? /* open ?").parameters, 1u);
  EXPECT_EQ(to_numbered("SELECT ? -- ?").parameters, 1u);
  EXPECT_EQ(to_numbered("").parameters, 0u);
}

TEST(SchemaMarkers, AreSpelledPerDialect) {
  const std::string_view s = "CREATE TABLE t (id {serial}, n {int}, b {bytes}, s TEXT)";
  EXPECT_EQ(translate_schema(s, Dialect::sqlite),
            "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER, b BLOB, s TEXT)");
  EXPECT_EQ(translate_schema(s, Dialect::postgres),
            "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, n BIGINT, b BYTEA, s TEXT)");
}

}  // namespace
}  // namespace tc::platform::sql
