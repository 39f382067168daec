#include "sim_resources.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace tc::native {

namespace {

int64_t clamp(const manifest::BoardResource& r, int64_t v) {
  if (r.type == manifest::ValueType::boolean) return v != 0 ? 1 : 0;
  if (r.min_value < r.max_value) return std::clamp(v, r.min_value, r.max_value);
  return v;
}

}  // namespace

SimResources::SimResources(const manifest::BoardProfile& board, const agent::Clock& clock,
                           uint64_t seed)
    : board_(board), clock_(clock), random_(seed), state_(board.resource_count) {
  for (uint8_t i = 0; i < board.resource_count; ++i) {
    const manifest::BoardResource& r = board.resources[i];
    state_[i].value = r.signal.shape != manifest::SignalShape::none
                          ? r.signal.value
                          : (r.type == manifest::ValueType::boolean ? 0 : r.min_value);
  }
}

uint32_t SimResources::count() const {
  return board_.resource_count;
}

agent::ResourceInfo SimResources::info(uint32_t index) const {
  agent::ResourceInfo info;
  if (index >= board_.resource_count) return info;
  const manifest::BoardResource& r = board_.resources[index];
  info.target = r.name.view();
  info.type =
      r.type == manifest::ValueType::bytes ? agent::ValueType::bytes : agent::ValueType::integer;
  info.readable = manifest::access_allows(r.access, manifest::Direction::read);
  info.writable = manifest::access_allows(r.access, manifest::Direction::write);
  if (r.type == manifest::ValueType::boolean) {
    info.min_value = 0;
    info.max_value = 1;
  } else if (r.type == manifest::ValueType::integer) {
    info.min_value = r.min_value;
    info.max_value = r.max_value;
  }
  info.energy_uj_per_use = r.energy_uj;
  if (r.max_bytes != 0) info.max_bytes = r.max_bytes;
  return info;
}

int64_t SimResources::sample(uint32_t index, uint64_t time_ms) {
  const manifest::BoardResource& r = board_.resources[index];
  State& s = state_[index];
  const manifest::Signal& sig = r.signal;
  if (s.written || sig.shape == manifest::SignalShape::none) return clamp(r, s.value);
  switch (sig.shape) {
    case manifest::SignalShape::constant:
      return clamp(r, sig.value);
    case manifest::SignalShape::sine: {
      if (sig.period_ms == 0) return clamp(r, sig.value);
      const double phase = 2.0 * std::numbers::pi * static_cast<double>(time_ms % sig.period_ms) /
                           static_cast<double>(sig.period_ms);
      return clamp(r,
                   sig.value + std::llround(static_cast<double>(sig.amplitude) * std::sin(phase)));
    }
    case manifest::SignalShape::square: {
      if (sig.period_ms == 0) return clamp(r, sig.value);
      const bool high = time_ms % sig.period_ms < sig.period_ms / 2;
      return clamp(r, high ? sig.value + sig.amplitude : sig.value - sig.amplitude);
    }
    case manifest::SignalShape::random_walk: {
      const int64_t step = std::max<int64_t>(sig.step, 0);
      std::uniform_int_distribution<int64_t> d(-step, step);
      s.value = clamp(r, s.value + d(random_));
      return s.value;
    }
    case manifest::SignalShape::none:
      break;
  }
  return clamp(r, s.value);
}

Result<int64_t> SimResources::read_value(uint32_t index) {
  if (index >= board_.resource_count) return Status(StatusCode::not_found, "no such resource");
  if (board_.resources[index].type == manifest::ValueType::bytes) {
    return Status(StatusCode::invalid_argument, "a bytes resource");
  }
  return sample(index, clock_.now_ms());
}

Status SimResources::write_value(uint32_t index, int64_t value) {
  if (index >= board_.resource_count) return {StatusCode::not_found, "no such resource"};
  const manifest::BoardResource& r = board_.resources[index];
  if (r.type == manifest::ValueType::bytes)
    return {StatusCode::invalid_argument, "a bytes resource"};
  State& s = state_[index];
  s.value = clamp(r, value);
  s.written = true;
  s.history.push_back({clock_.now_ms(), s.value});
  while (s.history.size() > kHistory)
    s.history.pop_front();
  return Status::Ok();
}

Result<uint32_t> SimResources::read_bytes(uint32_t index, std::span<uint8_t> out) {
  if (index >= board_.resource_count) return Status(StatusCode::not_found, "no such resource");
  const manifest::BoardResource& r = board_.resources[index];
  if (r.type != manifest::ValueType::bytes)
    return Status(StatusCode::invalid_argument, "not bytes");
  State& s = state_[index];
  std::size_t limit = out.size();
  if (r.max_bytes != 0) limit = std::min<std::size_t>(limit, r.max_bytes);
  if (!s.last_bytes.empty()) {
    const std::size_t n = std::min(limit, s.last_bytes.size());
    std::copy_n(s.last_bytes.begin(), n, out.begin());
    return static_cast<uint32_t>(n);
  }
  if (r.kind == manifest::ResourceKind::radio) {
    // Scan records of 8 bytes: a 6-byte station address, RSSI (dBm, int8), channel (1..13).
    std::uniform_int_distribution<int> stations(2, 8);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> rssi(-95, -35);
    std::uniform_int_distribution<int> channel(1, 13);
    const std::size_t records =
        std::min<std::size_t>(static_cast<std::size_t>(stations(random_)), limit / 8);
    for (std::size_t k = 0; k < records; ++k) {
      uint8_t* rec = out.data() + k * 8;
      rec[0] = 0x02;  // locally administered
      for (int b = 1; b < 6; ++b)
        rec[b] = static_cast<uint8_t>(byte(random_));
      rec[6] = static_cast<uint8_t>(static_cast<int8_t>(rssi(random_)));
      rec[7] = static_cast<uint8_t>(channel(random_));
    }
    return static_cast<uint32_t>(records * 8);
  }
  // Other byte sensors (a signature pad): a short trace of (x, y) samples moving smoothly.
  std::uniform_int_distribution<int> delta(-3, 3);
  const std::size_t n = std::min<std::size_t>(limit, 64) & ~std::size_t{1};
  int x = 128, y = 128;
  for (std::size_t k = 0; k + 1 < n; k += 2) {
    x = std::clamp(x + delta(random_), 0, 255);
    y = std::clamp(y + delta(random_), 0, 255);
    out[k] = static_cast<uint8_t>(x);
    out[k + 1] = static_cast<uint8_t>(y);
  }
  return static_cast<uint32_t>(n);
}

Result<uint32_t> SimResources::write_bytes(uint32_t index, std::span<const uint8_t> in) {
  if (index >= board_.resource_count) return Status(StatusCode::not_found, "no such resource");
  const manifest::BoardResource& r = board_.resources[index];
  if (r.type != manifest::ValueType::bytes)
    return Status(StatusCode::invalid_argument, "not bytes");
  std::size_t n = in.size();
  if (r.max_bytes != 0) n = std::min<std::size_t>(n, r.max_bytes);
  State& s = state_[index];
  s.last_bytes.assign(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(n));
  s.history.push_back({clock_.now_ms(), static_cast<int64_t>(n)});  // bytes: the count written
  while (s.history.size() > kHistory)
    s.history.pop_front();
  return static_cast<uint32_t>(n);
}

std::size_t SimResources::writes(uint32_t index, std::span<mgmt::ResourceWrite> out) const {
  if (index >= state_.size()) return 0;
  const auto& h = state_[index].history;
  const std::size_t n = std::min(out.size(), h.size());
  std::copy(h.end() - static_cast<std::ptrdiff_t>(n), h.end(), out.begin());
  return n;
}

}  // namespace tc::native
