#include "commands/command_store.hpp"

namespace tc::gw {
namespace {

constexpr const char* kColumns =
    "id, device, kind, container, blob, status, attempts, created_at, updated_at, "
    "next_attempt_at, last_error, coap_code, result";

// A row with kColumns. Unknown kind/status text (a hand-edited database) reads as a failed
// start, which the queue leaves alone.
DeviceCommand read_row(const Statement& s) {
  DeviceCommand c;
  c.id = s.integer(0);
  c.device = s.text(1);
  c.kind = command_kind(s.text(2)).value_or(CommandKind::start);
  c.container = s.text(3);
  c.blob = s.text(4);
  c.status = command_status(s.text(5)).value_or(CommandStatus::failed);
  c.attempts = s.integer(6);
  c.created_ms = s.integer(7);
  c.updated_ms = s.integer(8);
  c.next_attempt_ms = s.integer(9);
  c.last_error = s.text(10);
  c.coap_code = s.text(11);
  if (!s.is_null(12)) {
    Json result = Json::parse(s.text(12), nullptr, false);
    if (!result.is_discarded()) c.result = std::move(result);
  }
  return c;
}

std::vector<DeviceCommand> read_rows(Statement& s) {
  std::vector<DeviceCommand> out;
  while (s.step())
    out.push_back(read_row(s));
  return out;
}

void bind_result(Statement& s, int index, const std::optional<Json>& result) {
  if (result) {
    s.bind(index, json_text(*result));
  } else {
    s.bind_null(index);
  }
}

}  // namespace

void CommandStore::insert(DeviceCommand& c) {
  auto lock = db_.lock();
  Statement s = db_.prepare(
      "INSERT INTO commands (device, kind, container, blob, status, attempts, created_at, "
      "updated_at, next_attempt_at, last_error, coap_code, result) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, c.device)
      .bind(2, name(c.kind))
      .bind(3, c.container)
      .bind(4, c.blob)
      .bind(5, name(c.status))
      .bind(6, c.attempts)
      .bind(7, c.created_ms)
      .bind(8, c.updated_ms)
      .bind(9, c.next_attempt_ms)
      .bind(10, c.last_error)
      .bind(11, c.coap_code);
  bind_result(s, 12, c.result);
  s.run();
  c.id = db_.last_insert_id();
}

void CommandStore::update(const DeviceCommand& c) {
  auto lock = db_.lock();
  Statement s = db_.prepare(
      "UPDATE commands SET status = ?, attempts = ?, updated_at = ?, next_attempt_at = ?, "
      "last_error = ?, coap_code = ?, result = ? WHERE id = ?");
  s.bind(1, name(c.status))
      .bind(2, c.attempts)
      .bind(3, c.updated_ms)
      .bind(4, c.next_attempt_ms)
      .bind(5, c.last_error)
      .bind(6, c.coap_code);
  bind_result(s, 7, c.result);
  s.bind(8, c.id).run();
}

std::optional<DeviceCommand> CommandStore::find(int64_t id) const {
  auto lock = db_.lock();
  Statement s = db_.prepare(std::string("SELECT ") + kColumns + " FROM commands WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return read_row(s);
}

std::vector<DeviceCommand> CommandStore::list(const CommandFilter& filter) const {
  auto lock = db_.lock();
  Statement s = db_.prepare(std::string("SELECT ") + kColumns +
                            " FROM commands WHERE (?1 = '' OR device = ?1) AND "
                            "(?2 = '' OR status = ?2) ORDER BY id DESC LIMIT ?3");
  s.bind(1, filter.device)
      .bind(2, filter.status ? name(*filter.status) : std::string_view())
      .bind(3, static_cast<int64_t>(filter.limit));
  return read_rows(s);
}

std::vector<DeviceCommand> CommandStore::unfinished() const {
  auto lock = db_.lock();
  Statement s = db_.prepare(std::string("SELECT ") + kColumns +
                            " FROM commands WHERE status IN ('queued', 'sending') ORDER BY id");
  return read_rows(s);
}

void CommandStore::prune(std::size_t keep) {
  auto lock = db_.lock();
  db_.prepare(
         "DELETE FROM commands WHERE status IN ('done', 'failed', 'cancelled') AND id NOT IN "
         "(SELECT id FROM commands WHERE status IN ('done', 'failed', 'cancelled') "
         "ORDER BY id DESC LIMIT ?)")
      .bind(1, static_cast<int64_t>(keep))
      .run();
}

}  // namespace tc::gw
