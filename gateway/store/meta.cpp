#include "store/meta.hpp"

namespace tc::gw {

int64_t Meta::get(std::string_view key, int64_t fallback) const {
  auto lock = db_.lock();
  Statement s = db_.prepare("SELECT value FROM meta WHERE key = ?");
  s.bind(1, key);
  return s.step() ? s.integer(0) : fallback;
}

void Meta::set(std::string_view key, int64_t value) {
  auto lock = db_.lock();
  db_.prepare(
         "INSERT INTO meta (key, value) VALUES (?, ?) "
         "ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, value)
      .run();
}

}  // namespace tc::gw
