#include "platform/desired_store.hpp"

namespace tc::gw {

std::optional<DesiredState> DesiredStore::load() const {
  std::string text;
  {
    auto lock = db_.lock();
    Statement s = db_.prepare("SELECT document FROM platform_desired WHERE id = 1");
    if (!s.step()) return std::nullopt;
    text = s.text(0);
  }
  return parse_desired(text).state;
}

void DesiredStore::save(const std::string& revision, const std::string& text, int64_t now_ms) {
  auto lock = db_.lock();
  db_.prepare(
         "INSERT INTO platform_desired (id, revision, document, accepted_at) VALUES (1, ?, ?, ?) "
         "ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, "
         "document = excluded.document, accepted_at = excluded.accepted_at")
      .bind(1, revision)
      .bind(2, text)
      .bind(3, now_ms)
      .run();
}

}  // namespace tc::gw
