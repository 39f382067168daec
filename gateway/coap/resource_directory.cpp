#include "coap/resource_directory.hpp"

#include <algorithm>

#include "coap/decimal.hpp"
#include "coap/response_code.hpp"

namespace tc::gw {
namespace {

RdAnswer error_answer(uint8_t wire_code, std::string diagnostic) {
  RdAnswer answer;
  answer.code = wire_code;
  answer.diagnostic = std::move(diagnostic);
  return answer;
}

// "/rd/<id>" with <id> as this directory writes it: no sign, no leading zero.
std::optional<uint64_t> parse_id(std::string_view id) {
  if (id.starts_with('0')) return std::nullopt;
  return parse_decimal(id, UINT64_MAX);
}

}  // namespace

std::chrono::seconds ResourceDirectory::clamp_lifetime(std::optional<uint32_t> lt) const {
  const std::chrono::seconds asked = lt ? std::chrono::seconds(*lt) : kDefaultLifetime;
  return std::clamp(asked, limits_.min_lifetime, limits_.max_lifetime);
}

std::map<uint64_t, ResourceDirectory::Entry>::iterator ResourceDirectory::find(
    std::string_view id) {
  const std::optional<uint64_t> number = parse_id(id);
  return number ? entries_.find(*number) : entries_.end();
}

void ResourceDirectory::erase(std::map<uint64_t, Entry>::iterator it) {
  by_endpoint_.erase(it->second.registration.endpoint);
  entries_.erase(it);
}

RdAnswer ResourceDirectory::register_endpoint(const RegistrationQuery& query, std::string links,
                                              const IpEndpoint& source, Clock::time_point now) {
  uint64_t id = 0;
  if (const auto known = by_endpoint_.find(query.endpoint); known != by_endpoint_.end()) {
    id = known->second;  // a re-registration keeps its location (RFC 9176 5.3)
  } else {
    if (entries_.size() >= limits_.max_registrations) {
      return error_answer(code::kServiceUnavailable, "the resource directory is full (" +
                                                         std::to_string(limits_.max_registrations) +
                                                         " registrations)");
    }
    id = next_id_++;
    by_endpoint_.emplace(query.endpoint, id);
  }
  Entry& entry = entries_[id];
  entry.base_explicit = query.base.has_value();
  entry.base = query.base.value_or(source);
  entry.source = source;
  Registration& r = entry.registration;
  r.endpoint = query.endpoint;
  r.sector = query.sector;
  r.base = format_coap_uri(entry.base);
  r.lifetime = clamp_lifetime(query.lifetime);
  r.location = "/rd/" + std::to_string(id);
  r.links = std::move(links);
  entry.expires = now + r.lifetime;

  RdAnswer answer;
  answer.code = code::kCreated;
  answer.change = RdChange::registered;
  answer.registration = r;
  return answer;
}

RdAnswer ResourceDirectory::update(std::string_view id, const UpdateQuery& query,
                                   const IpEndpoint& source, Clock::time_point now) {
  const auto it = find(id);
  if (it == entries_.end()) {
    return error_answer(code::kNotFound, "no registration at /rd/" + std::string(id.substr(0, 20)) +
                                             " (expired or removed): register again");
  }
  Entry& entry = it->second;
  const IpEndpoint old_base = entry.base;
  if (query.base) {
    entry.base = *query.base;
    entry.base_explicit = true;
  } else if (!entry.base_explicit) {
    entry.base = source;  // the implicit base follows the device (RFC 9176 5.3.1)
  }
  entry.source = source;
  Registration& r = entry.registration;
  if (query.lifetime) r.lifetime = clamp_lifetime(query.lifetime);
  r.base = format_coap_uri(entry.base);
  entry.expires = now + r.lifetime;

  RdAnswer answer;
  answer.code = code::kChanged;
  answer.change = entry.base == old_base ? RdChange::refreshed : RdChange::registered;
  answer.registration = r;
  return answer;
}

RdAnswer ResourceDirectory::remove(std::string_view id) {
  const auto it = find(id);
  if (it == entries_.end()) {
    return error_answer(code::kNotFound, "no registration at /rd/" + std::string(id.substr(0, 20)));
  }
  RdAnswer answer;
  answer.code = code::kDeleted;
  answer.change = RdChange::removed;
  answer.registration = it->second.registration;
  erase(it);
  return answer;
}

std::vector<std::string> ResourceDirectory::expire(Clock::time_point now) {
  std::vector<std::string> expired;
  for (auto it = entries_.begin(); it != entries_.end();) {
    const auto next = std::next(it);
    if (it->second.expires <= now) {
      expired.push_back(it->second.registration.endpoint);
      erase(it);
    }
    it = next;
  }
  return expired;
}

std::string ResourceDirectory::endpoint_at(const IpEndpoint& peer) const {
  for (const auto& [id, entry] : entries_) {
    if (entry.base == peer) return entry.registration.endpoint;
  }
  for (const auto& [id, entry] : entries_) {
    if (entry.source == peer) return entry.registration.endpoint;
  }
  const std::string* only = nullptr;
  for (const auto& [id, entry] : entries_) {
    if (entry.base.host != peer.host) continue;
    if (only != nullptr) return {};  // several devices on that host: ambiguous
    only = &entry.registration.endpoint;
  }
  return only != nullptr ? *only : std::string();
}

std::vector<Registration> ResourceDirectory::registrations() const {
  std::vector<Registration> out;
  out.reserve(entries_.size());
  for (const auto& [id, entry] : entries_)
    out.push_back(entry.registration);
  return out;
}

std::string ResourceDirectory::lookup_endpoints(std::string_view ep, std::string_view d) const {
  std::string out;
  for (const auto& [id, entry] : entries_) {
    const Registration& r = entry.registration;
    if (!ep.empty() && r.endpoint != ep) continue;
    if (!d.empty() && r.sector != d) continue;
    if (!out.empty()) out += ',';
    out += "<" + r.location + ">;ep=\"" + r.endpoint + "\"";
    if (!r.sector.empty()) out += ";d=\"" + r.sector + "\"";
    out += ";base=\"" + r.base + "\";lt=" + std::to_string(r.lifetime.count()) + ";rt=core.rd-ep";
  }
  return out;
}

}  // namespace tc::gw
