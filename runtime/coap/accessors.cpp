#include "coap/accessors.hpp"

#include "coap/observe.hpp"

namespace tc::coap {
namespace {

Status absent() {
  return Status(StatusCode::not_found, "option absent");
}

// True when an option of the same number appears earlier in the message.
bool repeated(const Message& message, const Option& option) {
  return message.find(option.number) != &option;
}

}  // namespace

Result<uint32_t> get_uint(const Message& message, OptionNumber number) {
  const Option* option = message.find(number);
  if (option == nullptr) return absent();
  const OptionSpec* spec = find_spec(number);
  return decode_uint(option->value, spec != nullptr ? spec->max_length : kMaxUintLength);
}

Result<Block> get_block(const Message& message, OptionNumber number) {
  const Option* option = message.find(number);
  if (option == nullptr) return absent();
  return decode_block(option->value);
}

Result<uint32_t> get_observe(const Message& message) {
  const Option* option = message.find(OptionNumber::observe);
  if (option == nullptr) return absent();
  return decode_observe(option->value);
}

Result<ContentFormat> get_format(const Message& message, OptionNumber number) {
  const Option* option = message.find(number);
  if (option == nullptr) return absent();
  const Result<uint32_t> value = decode_uint(option->value, 2);
  if (!value.ok()) return value.status();
  return static_cast<ContentFormat>(*value);
}

const Option* first_bad_critical_option(const Message& message) {
  for (const Option& option : message.options()) {
    if (!is_critical(option.number)) continue;
    const OptionSpec* spec = find_spec(option.number);
    if (spec == nullptr || !length_ok(*spec, option.value.size())) return &option;
    if (!spec->repeatable && repeated(message, option)) return &option;
  }
  return nullptr;
}

}  // namespace tc::coap
