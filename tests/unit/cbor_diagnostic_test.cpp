// Diagnostic notation (RFC 8949 section 8): the examples of the RFC, indefinite-length forms,
// escapes, bounded output.
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "cbor/diagnostic.hpp"

namespace tc::test {
namespace {

using cbor::Error;

std::vector<uint8_t> hex(std::string_view text) {
  std::vector<uint8_t> out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoul(std::string(text.substr(i, 2)), nullptr, 16)));
  return out;
}

std::string diag(std::string_view encoded) {
  char text[256];
  const Error e = cbor::diagnostic(hex(encoded), text);
  if (e != Error::ok) return std::string("error: ") + cbor::describe(e);
  return text;
}

TEST(CborDiagnostic, RfcExamples) {
  const std::pair<const char*, const char*> cases[] = {
      {"00", "0"},
      {"1bffffffffffffffff", "18446744073709551615"},
      {"3bffffffffffffffff", "-18446744073709551616"},
      {"3903e7", "-1000"},
      {"c249010000000000000000", "2(h'010000000000000000')"},
      {"f90000", "0.0"},
      {"f98000", "-0.0"},
      {"f93c00", "1.0"},
      {"fb3ff199999999999a", "1.1"},
      {"f93e00", "1.5"},
      {"f97bff", "65504.0"},
      {"fa47c35000", "100000.0"},
      {"fa7f7fffff", "3.4028234663852886e+38"},
      {"fb7e37e43c8800759c", "1.0e+300"},
      {"f90001", "5.960464477539063e-8"},
      {"f90400", "0.00006103515625"},
      {"f9c400", "-4.0"},
      {"fbc010666666666666", "-4.1"},
      {"f97c00", "Infinity"},
      {"f97e00", "NaN"},
      {"fbfff0000000000000", "-Infinity"},
      {"f4", "false"},
      {"f7", "undefined"},
      {"f0", "simple(16)"},
      {"f8ff", "simple(255)"},
      {"c074323031332d30332d32315432303a30343a30305a", "0(\"2013-03-21T20:04:00Z\")"},
      {"c1fb41d452d9ec200000", "1(1363896240.5)"},
      {"d74401020304", "23(h'01020304')"},
      {"40", "h''"},
      {"60", "\"\""},
      {"62225c", "\"\\\"\\\\\""},
      {"62c3bc", "\"\xc3\xbc\""},
      {"80", "[]"},
      {"8301820203820405", "[1, [2, 3], [4, 5]]"},
      {"a0", "{}"},
      {"a201020304", "{1: 2, 3: 4}"},
      {"a26161016162820203", "{\"a\": 1, \"b\": [2, 3]}"},
      {"826161a161626163", "[\"a\", {\"b\": \"c\"}]"},
      {"5f42010243030405ff", "(_ h'0102', h'030405')"},
      {"7f657374726561646d696e67ff", "(_ \"strea\", \"ming\")"},
      {"9fff", "[_ ]"},
      {"9f018202039f0405ffff", "[_ 1, [2, 3], [_ 4, 5]]"},
      {"83019f0203ff820405", "[1, [_ 2, 3], [4, 5]]"},
      {"bf61610161629f0203ffff", "{_ \"a\": 1, \"b\": [_ 2, 3]}"},
      {"bf6346756ef563416d7421ff", "{_ \"Fun\": true, \"Amt\": -2}"},
  };
  for (const auto& [encoded, want] : cases)
    EXPECT_EQ(diag(encoded), want) << encoded;
}

TEST(CborDiagnostic, EmptyIndefiniteStringsAndNesting) {
  EXPECT_EQ(diag("5fff"), "''_");
  EXPECT_EQ(diag("7fff"), "\"\"_");
  EXPECT_EQ(diag("c1c2c380"), "1(2(3([])))");
  EXPECT_EQ(diag("81a0"), "[{}]");
  EXPECT_EQ(diag("a1808180"), "{[]: [[]]}");
  EXPECT_EQ(diag("9f9f9fffffff"), "[_ [_ [_ ]]]");
  EXPECT_EQ(diag("bfbfff5fffff"), "{_ {_ }: ''_}");
  EXPECT_EQ(diag("63010a7f"), "\"\\u0001\\u000a\\u007f\"");
}

TEST(CborDiagnostic, Errors) {
  EXPECT_EQ(diag("0000"), std::string("error: ") + cbor::describe(Error::trailing_bytes));
  EXPECT_EQ(diag("8201"), std::string("error: ") + cbor::describe(Error::truncated));
  EXPECT_EQ(diag(""), std::string("error: ") + cbor::describe(Error::end_of_input));
  char text[8];
  EXPECT_EQ(cbor::diagnostic(hex("8301820203820405"), text), Error::buffer_full);
  EXPECT_STREQ(text, "[1, [2,");
}

TEST(CborDiagnostic, RendersOneItemInsideAContainer) {
  const auto bytes = hex("8382010281030405");
  cbor::Reader r(bytes);
  uint64_t n = 0;
  ASSERT_EQ(r.read_array_header(n), Error::ok);
  for (const char* want : {"[1, 2]", "[3]", "4"}) {
    char text[32];
    TextBuilder out(text);
    ASSERT_EQ(cbor::render_diagnostic(r, out), Error::ok);
    EXPECT_STREQ(out.c_str(), want);
  }
  EXPECT_EQ(r.depth(), 0u);
  EXPECT_EQ(r.finish(), Error::trailing_bytes);  // the 05 after the array
}

}  // namespace
}  // namespace tc::test
