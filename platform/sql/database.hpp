// The platform's database: a pool of connections to one store, opened from a URL.
//   "postgresql://..." or "postgres://..."  PostgreSQL (libpq URI), `pool_size` connections;
//   "sqlite:PATH", a plain PATH, ":memory:"  SQLite, one connection (SQLite has one writer, and
//                                            one connection avoids busy waits between our own
//                                            threads).
// A thread leases a connection for one unit of work; transact() runs a unit as a transaction and
// runs it again when it lost a conflict with a concurrent one (another replica, another thread).
//
//   auto tenants = transact(db, [&](Connection& c) { return c.exec("SELECT ...").size(); });
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "sql/connection.hpp"
#include "sql/sql_error.hpp"

namespace tc::platform::sql {

class Database;

// A connection leased from the pool; returned when the lease ends (replaced if it broke).
class Lease {
 public:
  Lease(Database& db, std::unique_ptr<Connection> c) : db_(&db), c_(std::move(c)) {}
  ~Lease();
  Lease(Lease&& other) noexcept = default;
  Lease& operator=(Lease&&) = delete;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  Connection& operator*() const { return *c_; }
  Connection* operator->() const { return c_.get(); }

 private:
  Database* db_;
  std::unique_ptr<Connection> c_;
};

class Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;

  Database(Dialect dialect, Factory factory, std::size_t pool_size);
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Waits for a free connection; opens one when fewer than pool_size exist. A thread that already
  // holds every connection would wait for itself forever: that throws instead (ErrorKind::other).
  [[nodiscard]] Lease acquire();
  [[nodiscard]] Dialect dialect() const { return dialect_; }
  // A description without credentials, for logs: "sqlite:/var/lib/x.db", "postgresql://host/db".
  [[nodiscard]] const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }

 private:
  friend class Lease;
  void give_back(std::unique_ptr<Connection> c);

  const Dialect dialect_;
  const Factory factory_;
  const std::size_t pool_size_;
  std::string name_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
  std::multiset<std::thread::id> holders_;  // one entry per lease out
};

// Opens the store `url` names (see the header comment); throws sql::Error when it cannot.
[[nodiscard]] std::unique_ptr<Database> open_database(std::string_view url,
                                                      std::size_t pool_size = 8);

// How many times transact() runs a unit that keeps losing conflicts before giving up.
inline constexpr int kTransactionAttempts = 8;

namespace detail {
void rollback_quietly(Connection& c);
void commit(Connection& c);
void backoff(int attempt);
}  // namespace detail

// Runs fn(Connection&) between begin() and COMMIT, on one leased connection; on ErrorKind::retry
// rolls back and runs it again (a short randomised pause between attempts); any other failure
// rolls back and propagates. fn must not keep effects outside the database between attempts.
template <class Fn>
auto transact(Database& db, Fn&& fn) -> decltype(fn(std::declval<Connection&>())) {
  for (int attempt = 1;; ++attempt) {
    Lease c = db.acquire();
    try {
      c->begin();
      if constexpr (std::is_void_v<decltype(fn(*c))>) {
        fn(*c);
        detail::commit(*c);
        return;
      } else {
        auto result = fn(*c);
        detail::commit(*c);
        return result;
      }
    } catch (const Error& e) {
      detail::rollback_quietly(*c);
      if (e.kind() != ErrorKind::retry || attempt == kTransactionAttempts) throw;
    } catch (...) {
      detail::rollback_quietly(*c);
      throw;
    }
    detail::backoff(attempt);
  }
}

}  // namespace tc::platform::sql
