#include "platform/outbox.hpp"

#include <algorithm>

#include "common/json.hpp"

namespace tc::gw {
namespace {

constexpr std::string_view kGap = "gap";

std::string gap_data(int64_t dropped) {
  return json_text(Json{{"dropped", dropped}});
}

}  // namespace

Outbox::Outbox(Database& db, std::size_t capacity)
    : db_(db), capacity_(std::max<std::size_t>(capacity, 2)) {
  auto lock = db_.lock();
  Statement s = db_.prepare("SELECT COUNT(*) FROM platform_outbox");
  count_ = s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

int64_t Outbox::add(std::string_view kind, std::string_view data) {
  auto lock = db_.lock();
  Transaction t(db_);
  const int64_t id = add_locked(kind, data);
  t.commit();
  return id;
}

int64_t Outbox::add_locked(std::string_view kind, std::string_view data) {
  db_.prepare("INSERT INTO platform_outbox (kind, data) VALUES (?, ?)")
      .bind(1, kind)
      .bind(2, data)
      .run();
  const int64_t id = db_.last_insert_id();
  ++count_;
  while (count_ > capacity_)
    drop_oldest_locked();
  return id;
}

// The head becomes a gap item for one dropped item; a gap item at the head swallows the item
// after it.
void Outbox::drop_oldest_locked() {
  Statement s = db_.prepare("SELECT id, kind, data FROM platform_outbox ORDER BY id LIMIT 2");
  std::vector<OutboxItem> head;
  while (s.step())
    head.push_back({s.integer(0), s.text(1), s.text(2)});
  if (head.size() < 2) return;
  if (head[0].kind != kGap) {
    db_.prepare("UPDATE platform_outbox SET kind = ?, data = ? WHERE id = ?")
        .bind(1, kGap)
        .bind(2, gap_data(1))
        .bind(3, head[0].id)
        .run();
    return;
  }
  const Json gap = Json::parse(head[0].data, nullptr, false);
  const int64_t dropped = gap.is_object() ? gap.value("dropped", int64_t{0}) : 0;
  db_.prepare("DELETE FROM platform_outbox WHERE id = ?").bind(1, head[1].id).run();
  db_.prepare("UPDATE platform_outbox SET data = ? WHERE id = ?")
      .bind(1, gap_data(dropped + 1))
      .bind(2, head[0].id)
      .run();
  --count_;
}

std::vector<OutboxItem> Outbox::oldest(std::size_t max) const {
  auto lock = db_.lock();
  Statement s = db_.prepare("SELECT id, kind, data FROM platform_outbox ORDER BY id LIMIT ?");
  s.bind(1, static_cast<int64_t>(max));
  std::vector<OutboxItem> out;
  while (s.step())
    out.push_back({s.integer(0), s.text(1), s.text(2)});
  return out;
}

void Outbox::acknowledge(int64_t ack) {
  auto lock = db_.lock();
  db_.prepare("DELETE FROM platform_outbox WHERE id <= ?").bind(1, ack).run();
  Statement s = db_.prepare("SELECT COUNT(*) FROM platform_outbox");
  count_ = s.step() ? static_cast<std::size_t>(s.integer(0)) : 0;
}

std::string events_body(const std::vector<OutboxItem>& items) {
  Json list = Json::array();
  for (const OutboxItem& item : items) {
    Json data = Json::parse(item.data, nullptr, false);
    if (data.is_discarded()) data = Json::object();
    list.push_back({{"id", item.id}, {"kind", item.kind}, {"data", std::move(data)}});
  }
  return json_text(Json{{"items", std::move(list)}});
}

}  // namespace tc::gw
