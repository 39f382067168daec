#include "sql/database.hpp"

#include <chrono>
#include <random>
#include <thread>

#include "sql/postgres_connection.hpp"
#include "sql/sqlite_connection.hpp"

namespace tc::platform::sql {

Lease::~Lease() {
  if (c_ != nullptr) db_->give_back(std::move(c_));
}

Database::Database(Dialect dialect, Factory factory, std::size_t pool_size)
    : dialect_(dialect), factory_(std::move(factory)), pool_size_(pool_size == 0 ? 1 : pool_size) {}

Lease Database::acquire() {
  const std::thread::id me = std::this_thread::get_id();
  std::unique_lock lock(mutex_);
  if (idle_.empty() && open_ == pool_size_ && holders_.count(me) == pool_size_) {
    throw Error(ErrorKind::other, "this thread already holds every connection of " + name_ +
                                      ": end its lease before taking another");
  }
  freed_.wait(lock, [&] { return !idle_.empty() || open_ < pool_size_; });
  holders_.insert(me);
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return {*this, std::move(c)};
  }
  ++open_;
  lock.unlock();
  try {
    return {*this, factory_()};
  } catch (...) {
    const std::scoped_lock relock(mutex_);
    --open_;
    holders_.erase(holders_.find(me));
    freed_.notify_one();
    throw;
  }
}

void Database::give_back(std::unique_ptr<Connection> c) {
  const std::scoped_lock lock(mutex_);
  // A lease ends on the thread that took it (leases are not handed between threads).
  const auto held = holders_.find(std::this_thread::get_id());
  if (held != holders_.end()) holders_.erase(held);
  if (c->healthy()) {
    idle_.push_back(std::move(c));
  } else {
    --open_;  // dropped: the next acquire opens a fresh one
  }
  freed_.notify_one();
}

std::unique_ptr<Database> open_database(std::string_view url, std::size_t pool_size) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    std::string uri(url);
    auto db = std::make_unique<Database>(
        Dialect::postgres, [uri] { return std::make_unique<PostgresConnection>(uri); }, pool_size);
    // Drop the user and password from the name shown in logs.
    const std::size_t scheme = url.find("://") + 3;
    const std::size_t at = url.find('@', scheme);
    db->set_name(at == std::string_view::npos
                     ? uri
                     : std::string(url.substr(0, scheme)) + std::string(url.substr(at + 1)));
    (void)db->acquire();  // fail now, with the server's message, not at the first request
    return db;
  }
  std::string file(url.starts_with("sqlite:") ? url.substr(7) : url);
  if (file.empty()) throw Error(ErrorKind::connection, "no database file given");
  auto db = std::make_unique<Database>(
      Dialect::sqlite, [file] { return std::make_unique<SqliteConnection>(file); }, 1);
  db->set_name("sqlite:" + file);
  (void)db->acquire();
  return db;
}

namespace detail {

void rollback_quietly(Connection& c) {
  try {
    c.run_script("ROLLBACK");
  } catch (const Error&) {
    // No transaction open, or the connection broke: nothing to undo here either way.
  }
}

void commit(Connection& c) {
  c.run_script("COMMIT");
}

void backoff(int attempt) {
  thread_local std::minstd_rand random{std::random_device{}()};
  const int ceiling_ms = 2 << std::min(attempt, 6);
  std::uniform_int_distribution<int> pause(1, ceiling_ms);
  std::this_thread::sleep_for(std::chrono::milliseconds(pause(random)));
}

}  // namespace detail
}  // namespace tc::platform::sql
