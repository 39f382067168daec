// serialize(): options sorted and delta-encoded into a bounded buffer.
#include <array>

#include "coap/message.hpp"

namespace tc::coap {
namespace {

// A bounds-checked cursor: writes only inside `out` but counts every byte, so the same encoder
// both serializes and measures (with an empty span).
class Writer {
 public:
  explicit Writer(std::span<uint8_t> out) : out_(out) {}

  void put(uint8_t byte) {
    if (at_ < out_.size()) out_[at_] = byte;
    ++at_;
  }
  void put(std::span<const uint8_t> bytes) {
    for (uint8_t byte : bytes)
      put(byte);
  }
  [[nodiscard]] bool fits() const { return at_ <= out_.size(); }
  [[nodiscard]] std::size_t size() const { return at_; }

 private:
  std::span<uint8_t> out_;
  std::size_t at_ = 0;
};

uint8_t nibble(uint32_t value) {
  if (value < 13) return static_cast<uint8_t>(value);
  return value < 269 ? 13 : 14;
}

void put_extended(Writer& w, uint32_t value) {
  if (value < 13) return;
  if (value < 269) {
    w.put(static_cast<uint8_t>(value - 13));
    return;
  }
  w.put(static_cast<uint8_t>((value - 269) >> 8));
  w.put(static_cast<uint8_t>(value - 269));
}

void put_option(Writer& w, uint32_t delta, std::span<const uint8_t> value) {
  const auto length = static_cast<uint32_t>(value.size());
  w.put(static_cast<uint8_t>((nibble(delta) << 4) | nibble(length)));
  put_extended(w, delta);
  put_extended(w, length);
  w.put(value);
}

// Indexes of the options in ascending number order; insertion sort keeps equal numbers in order.
std::array<uint8_t, kMaxOptions> sorted_order(std::span<const Option> options) {
  std::array<uint8_t, kMaxOptions> order{};
  for (std::size_t i = 0; i < options.size(); ++i) {
    std::size_t j = i;
    while (j > 0 && options[order[j - 1]].number > options[i].number) {
      order[j] = order[j - 1];
      --j;
    }
    order[j] = static_cast<uint8_t>(i);
  }
  return order;
}

Status check(const Message& m) {
  if (static_cast<uint8_t>(m.type) > 3) return Status(StatusCode::invalid_argument, "bad type");
  if (m.code == Code::empty && (!m.token.empty() || !m.options().empty() || !m.payload.empty())) {
    return Status(StatusCode::invalid_argument, "empty message with token, options or payload");
  }
  for (const Option& option : m.options()) {
    if (option.value.size() > kMaxOptionLength) {
      return Status(StatusCode::invalid_argument, "option value too long");
    }
  }
  return Status::Ok();
}

void encode(const Message& m, Writer& w) {
  w.put(
      static_cast<uint8_t>((kVersion << 6) | (static_cast<uint8_t>(m.type) << 4) | m.token.size()));
  w.put(static_cast<uint8_t>(m.code));
  w.put(static_cast<uint8_t>(m.message_id >> 8));
  w.put(static_cast<uint8_t>(m.message_id));
  w.put(m.token.bytes());
  const std::span<const Option> options = m.options();
  const std::array<uint8_t, kMaxOptions> order = sorted_order(options);
  uint32_t previous = 0;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const Option& option = options[order[i]];
    put_option(w, to_u16(option.number) - previous, option.value);
    previous = to_u16(option.number);
  }
  if (m.payload.empty()) return;
  w.put(kPayloadMarker);
  w.put(m.payload);
}

}  // namespace

Result<std::size_t> serialize(const Message& message, std::span<uint8_t> out) {
  const Status valid = check(message);
  if (!valid.ok()) return valid;
  Writer w(out);
  encode(message, w);
  if (!w.fits()) return Status(StatusCode::out_of_range, "CoAP message does not fit");
  return w.size();
}

std::array<uint8_t, kHeaderSize> empty_message(Type type, uint16_t message_id) {
  Message m;
  m.type = type;
  m.code = Code::empty;
  m.message_id = message_id;
  std::array<uint8_t, kHeaderSize> bytes{};
  Writer w(bytes);
  encode(m, w);
  return bytes;
}

Result<std::size_t> serialized_size(const Message& message) {
  const Status valid = check(message);
  if (!valid.ok()) return valid;
  Writer w({});
  encode(message, w);
  return w.size();
}

}  // namespace tc::coap
