// Fuzzes the CoAP message parser. Whatever parses must serialize back to the same bytes (the
// option header encoding is canonical), re-parse to an equal message, and survive every typed
// accessor; a one-byte-short output buffer must fail cleanly.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "coap/accessors.hpp"
#include "coap/block.hpp"
#include "coap/message.hpp"
#include "coap/observe.hpp"
#include "coap/uri.hpp"

namespace {

void check(bool condition) {
  if (!condition) std::abort();
}

void walk_options(const tc::coap::Message& m) {
  for (const tc::coap::Option& option : m.options()) {
    (void)tc::coap::decode_uint(option.value);
    (void)tc::coap::decode_block(option.value);
    (void)tc::coap::decode_observe(option.value);
    (void)tc::coap::get_uint(m, option.number);
  }
  (void)tc::coap::get_block(m, tc::coap::OptionNumber::block1);
  (void)tc::coap::get_block(m, tc::coap::OptionNumber::block2);
  (void)tc::coap::get_observe(m);
  (void)tc::coap::get_format(m, tc::coap::OptionNumber::content_format);
  (void)tc::coap::get_format(m, tc::coap::OptionNumber::accept);
  (void)tc::coap::first_bad_critical_option(m);
  (void)tc::coap::path_equals(m, "/a/b");
  (void)tc::coap::query_value(m, "rt");
  char path[64];
  (void)tc::coap::join_path(m, path);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, std::size_t size) {
  const std::vector<uint8_t> input(data, data + size);  // exact size: ASan sees overreads
  tc::coap::Message message;
  if (tc::coap::parse(input, message) != tc::coap::ParseReason::ok) return 0;
  walk_options(message);

  std::vector<uint8_t> out(size);
  const tc::Result<std::size_t> written = tc::coap::serialize(message, out);
  check(written.ok() && *written == size && out == input);
  check(tc::coap::serialized_size(message).ok() && *tc::coap::serialized_size(message) == size);
  check(tc::coap::serialize(message, std::span<uint8_t>(out).first(size - 1)).status().code() ==
        tc::StatusCode::out_of_range);

  tc::coap::Message again;
  check(tc::coap::parse(out, again) == tc::coap::ParseReason::ok);
  check(again == message);
  return 0;
}
