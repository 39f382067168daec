// RFC 8949 appendix A, as ../shared/vectors/cbor/appendix_a.json holds it: every case decodes
// and matches its JSON value (`decoded`) or its diagnostic notation (`diagnostic`), and cases
// marked `roundtrip` re-encode to the same bytes with the writer.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cbor/diagnostic.hpp"
#include "cbor/reader.hpp"
#include "cbor/writer.hpp"

namespace tc::test {
namespace {

using cbor::Error;
using cbor::Item;
using cbor::Type;
using nlohmann::json;

// JSON integers beyond 64 bits would become doubles and lose digits; keep their exact text as
// the string "integer:<digits>" instead, which is what decode_json makes of bignums.
class ExactIntegers : public nlohmann::detail::json_sax_dom_parser<json> {
 public:
  explicit ExactIntegers(json& result) : json_sax_dom_parser(result, true) {}
  bool number_float(double value, const std::string& text) {
    if (text.find_first_of(".eE") != std::string::npos) {
      return json_sax_dom_parser::number_float(value, text);
    }
    std::string exact = "integer:" + text;
    return json_sax_dom_parser::string(exact);
  }
};

json load_vectors() {
  std::ifstream in(std::string(TC_VECTORS_DIR) + "/cbor/appendix_a.json");
  json root;
  ExactIntegers sax(root);
  json::sax_parse(in, &sax);
  return root;
}

std::vector<uint8_t> from_hex(const std::string& text) {
  std::vector<uint8_t> out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoul(text.substr(i, 2), nullptr, 16)));
  return out;
}

// Decimal digits of a big-endian unsigned magnitude, plus one if asked (for -1 - n).
std::string decimal(std::vector<uint8_t> magnitude, bool plus_one) {
  if (plus_one) {
    std::size_t i = magnitude.size();
    while (i > 0 && ++magnitude[i - 1] == 0)
      --i;
    if (i == 0) magnitude.insert(magnitude.begin(), 1);
  }
  std::string digits;
  for (;;) {
    bool zero = true;
    unsigned remainder = 0;
    for (uint8_t& b : magnitude) {
      const unsigned cur = remainder * 256 + b;
      b = static_cast<uint8_t>(cur / 10);
      remainder = cur % 10;
      zero = zero && b == 0;
    }
    digits.insert(digits.begin(), static_cast<char>('0' + remainder));
    if (zero) return digits;
  }
}

std::vector<uint8_t> big_endian(uint64_t v) {
  std::vector<uint8_t> out(8);
  for (int i = 7; i >= 0; --i, v >>= 8)
    out[static_cast<std::size_t>(i)] = static_cast<uint8_t>(v);
  return out;
}

std::optional<json> decode_json(cbor::Reader& r);

// The content of an indefinite-length string: its chunks, joined.
std::optional<std::string> join_chunks(cbor::Reader& r) {
  std::string joined;
  Item chunk;
  while (r.next(chunk) == Error::ok && chunk.type != Type::break_code)
    joined.append(reinterpret_cast<const char*>(chunk.data.data()), chunk.data.size());
  if (r.error() != Error::ok) return std::nullopt;
  return joined;
}

std::optional<json> decode_container(cbor::Reader& r, const Item& head) {
  json out = head.type == Type::array ? json::array() : json::object();
  const uint64_t items = head.indefinite ? cbor::kIndefinite : head.argument;
  for (uint64_t i = 0; i < items; ++i) {
    if (head.indefinite && r.at_break()) break;
    std::optional<json> element = decode_json(r);
    if (!element) return std::nullopt;
    if (head.type == Type::array) {
      out.push_back(*element);
      continue;
    }
    // A map: element is the key, which JSON wants as a string, once.
    std::optional<json> value = decode_json(r);
    if (!element->is_string() || !value || out.contains(element->get<std::string>())) {
      return std::nullopt;
    }
    out[element->get<std::string>()] = *value;
  }
  if (head.indefinite && r.read_break() != Error::ok) return std::nullopt;
  return out;
}

std::optional<json> decode_bignum(cbor::Reader& r, bool negative) {
  std::span<const uint8_t> bytes;
  if (r.read_bytes(bytes) != Error::ok) return std::nullopt;
  const std::string digits = decimal({bytes.begin(), bytes.end()}, negative);
  return json("integer:" + std::string(negative ? "-" : "") + digits);
}

// One item as the JSON value appendix A gives for it; nullopt if JSON has no such value
// (those cases come with diagnostic notation instead).
std::optional<json> decode_json(cbor::Reader& r) {
  Item item;
  if (r.next(item) != Error::ok) return std::nullopt;
  switch (item.type) {
    case Type::unsigned_int:
      return json(item.argument);
    case Type::negative_int:
      if (item.argument <= static_cast<uint64_t>(INT64_MAX)) {
        return json(-1 - static_cast<int64_t>(item.argument));
      }
      return json("integer:-" + decimal(big_endian(item.argument), true));
    case Type::byte_string:
      return std::nullopt;
    case Type::text_string:
      if (item.indefinite) {
        const std::optional<std::string> joined = join_chunks(r);
        return joined ? std::optional<json>(*joined) : std::nullopt;
      }
      return json(std::string(item.text()));
    case Type::array:
    case Type::map:
      return decode_container(r, item);
    case Type::tag:
      if (item.argument == 2 || item.argument == 3) return decode_bignum(r, item.argument == 3);
      return std::nullopt;
    case Type::simple:
      if (item.is_simple(cbor::kSimpleNull)) return json(nullptr);
      if (item.is_simple(cbor::kSimpleTrue)) return json(true);
      if (item.is_simple(cbor::kSimpleFalse)) return json(false);
      return std::nullopt;
    case Type::floating:
      if (!std::isfinite(item.float_value())) return std::nullopt;
      return json(item.float_value());
    case Type::break_code:
      return std::nullopt;
  }
  return std::nullopt;
}

// Equality that also tells integers from floats and 0.0 from -0.0.
bool same(const json& a, const json& b) {
  if (a.type() != b.type()) return false;
  if (a.is_number_float()) {
    return std::bit_cast<uint64_t>(a.get<double>()) == std::bit_cast<uint64_t>(b.get<double>());
  }
  if (a.is_array() || a.is_object()) {
    if (a.size() != b.size()) return false;
    auto i = a.begin();
    for (auto j = b.begin(); j != b.end(); ++i, ++j) {
      if (a.is_object() && i.key() != j.key()) return false;
      if (!same(*i, *j)) return false;
    }
    return true;
  }
  return a == b;
}

std::vector<uint8_t> reencode(const std::vector<uint8_t>& bytes) {
  std::vector<uint8_t> out(bytes.size() + 16);
  cbor::Writer w(out);
  cbor::Reader r(bytes);
  Item item;
  while (r.next(item) == Error::ok)
    w.write(item);
  EXPECT_EQ(w.error(), Error::ok);
  out.resize(w.size());
  return out;
}

std::string render(const std::vector<uint8_t>& bytes) {
  char text[512];
  const Error e = cbor::diagnostic(bytes, text);
  return e == Error::ok ? std::string(text) : std::string("error: ") + cbor::describe(e);
}

// Cases of the file that RFC 8949 no longer allows: the file follows RFC 7049's appendix A.
struct Rejected {
  const char* hex;
  Error error;
};
constexpr Rejected kRejected[] = {
    // simple(24): RFC 8949 3.3 makes two-byte simple values below 32 not well-formed, and
    // appendix F.1 lists f8 18 among its examples.
    {"f818", Error::bad_simple_value},
};

const Rejected* rejected(const std::string& hex) {
  for (const Rejected& r : kRejected) {
    if (hex == r.hex) return &r;
  }
  return nullptr;
}

TEST(CborAppendixA, AllCases) {
  const json cases = load_vectors();
  ASSERT_TRUE(cases.is_array());
  ASSERT_FALSE(cases.empty());
  int refused = 0, decoded = 0, by_value = 0, by_text = 0, marked = 0, exact = 0,
      unmarked_exact = 0;
  for (const json& c : cases) {
    const std::string hex = c.at("hex").get<std::string>();
    const std::vector<uint8_t> bytes = from_hex(hex);
    SCOPED_TRACE(hex);
    if (const Rejected* r = rejected(hex)) {
      char text[64];
      EXPECT_EQ(cbor::diagnostic(bytes, text), r->error);
      ++refused;
      continue;
    }
    const std::string text = render(bytes);
    ASSERT_EQ(text.rfind("error:", 0), std::string::npos) << text;
    ++decoded;
    if (c.contains("decoded")) {
      cbor::Reader r(bytes);
      const std::optional<json> value = decode_json(r);
      ASSERT_TRUE(value.has_value());
      EXPECT_EQ(r.finish(), Error::ok);
      EXPECT_TRUE(same(*value, c.at("decoded"))) << value->dump() << " vs " << c.at("decoded");
      ++by_value;
    } else {
      EXPECT_EQ(text, c.at("diagnostic").get<std::string>());
      ++by_text;
    }
    const std::vector<uint8_t> again = reencode(bytes);
    EXPECT_EQ(render(again), text) << "the re-encoding means the same";
    if (c.at("roundtrip").get<bool>()) {
      ++marked;
      EXPECT_EQ(again, bytes) << "preferred serialization reproduces the input";
      if (again == bytes) ++exact;
    } else if (again == bytes) {
      ++unmarked_exact;
    }
  }
  std::cout << "RFC 8949 appendix A: " << cases.size() << " cases, " << decoded << " decoded ("
            << by_value << " checked against the JSON value, " << by_text
            << " against diagnostic notation), " << refused
            << " refused as RFC 8949 requires (f818, simple(24) of RFC 7049); " << exact << " of "
            << marked << " roundtrip cases re-encode byte for byte, and " << unmarked_exact
            << " of the others (indefinite lengths are kept); unsupported: none\n";
  EXPECT_EQ(decoded + refused, static_cast<int>(cases.size()));
  EXPECT_EQ(refused, static_cast<int>(std::size(kRejected)));
}

}  // namespace
}  // namespace tc::test
