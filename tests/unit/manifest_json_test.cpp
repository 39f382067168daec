// The host's JSON layer: manifest and board profile errors with JSON paths and suggestions,
// JSON <-> Manifest <-> CBOR round trips, and the shipped board and example manifests.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "manifest/board_json.hpp"
#include "manifest/codec.hpp"
#include "manifest/manifest_json.hpp"
#include "manifest/suggest.hpp"

namespace tc::test {
namespace {

namespace mj = manifest_json;

std::string read_data(const std::string& relative) {
  std::ifstream in(std::string(TC_SOURCE_DIR) + "/tests/data/" + relative);
  EXPECT_TRUE(in.good()) << relative;
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::vector<std::string> texts(const mj::JsonErrors& errors) {
  std::vector<std::string> out;
  for (const mj::JsonError& e : errors)
    out.push_back(e.text());
  return out;
}

// The first error of a manifest document, as "path: message".
std::string first_error(const std::string& text) {
  const mj::ManifestResult r = mj::parse_manifest(text);
  return r.errors.empty() ? "" : r.errors.front().text();
}

constexpr const char* kHead = R"("name": "m", "version": 1, "tenant": "t")";

std::string with(const std::string& fields) {
  return std::string("{") + kHead + ", " + fields + "}";
}

TEST(ManifestJson, MinimalManifestTakesTheDefaults) {
  const mj::ManifestResult r = mj::parse_manifest(std::string("{") + kHead + "}");
  ASSERT_TRUE(r.ok()) << texts(r.errors).front();
  EXPECT_EQ(r.manifest.name.view(), "m");
  EXPECT_EQ(r.manifest.memory, manifest::Memory{});
  EXPECT_EQ(r.manifest.timing, manifest::Timing{});
  EXPECT_EQ(r.manifest.endpoint_count, 0);
}

TEST(ManifestJson, RequiredFieldsAreNamed) {
  const mj::ManifestResult r = mj::parse_manifest(R"({"name": "m"})");
  EXPECT_EQ(texts(r.errors), (std::vector<std::string>{"$.version: missing required field",
                                                       "$.tenant: missing required field"}));
}

TEST(ManifestJson, IntegerErrorsNameTheBound) {
  EXPECT_EQ(first_error(with(R"("endpoints": [{"id": 1, "target": "sensor/a", "direction": "read"},
      {"id": 2, "target": "sensor/b", "direction": "read", "limits": {"calls_per_second": -1}}])")),
            "$.endpoints[1].limits.calls_per_second: expected a non-negative integer below 2^32");
  EXPECT_EQ(first_error(with(R"("failure": {"strikes": 256})")),
            "$.failure.strikes: expected a non-negative integer below 256");
  EXPECT_EQ(first_error(with(R"("timing": {"cpu_share_permille": 1.5})")),
            "$.timing.cpu_share_permille: expected a non-negative integer below 65536");
  EXPECT_EQ(first_error(with(R"("timing": {"fuel": true})")),
            "$.timing.fuel: expected a non-negative integer below 2^64");
}

TEST(ManifestJson, UnknownFieldsGetASuggestion) {
  EXPECT_EQ(first_error(with(R"("timing": {"loop_perod_ms": 1000})")),
            "$.timing.loop_perod_ms: unknown field (did you mean loop_period_ms?)");
  EXPECT_EQ(first_error(with(R"("colour": 1)")),
            "$.colour: unknown field (known fields: name, version, tenant, runtime, memory, "
            "timing, failure, endpoints, exports)");
  EXPECT_EQ(
      first_error(with(R"("endpoints": [{"id": 1, "target": "sensor/a", "direction": "raed"}])")),
      "$.endpoints[0].direction: expected one of read, write, read_write (did you mean read?)");
}

TEST(ManifestJson, SuggestionsNeedToBeClose) {
  const char* const names[] = {nullptr, "loop_period_ms", "fuel"};
  EXPECT_EQ(mj::suggest("loop_perod_ms", names), "loop_period_ms");
  EXPECT_EQ(mj::suggest("feul", names), "fuel");  // a swap counts as one edit
  EXPECT_EQ(mj::suggest("fool", names), "");      // 2 edits on 4 letters: too far
  EXPECT_EQ(mj::suggest("fuels", names), "fuel");
  EXPECT_EQ(mj::edit_distance("kitten", "sitting"), 3u);
}

TEST(ManifestJson, DuplicateFieldsAreRefusedWithTheirPath) {
  EXPECT_EQ(first_error(R"({"name": "a", "name": "b", "version": 1, "tenant": "t"})"),
            "$.name: duplicate field");
  EXPECT_EQ(
      first_error(with(R"("endpoints": [{"id": 1}, {"id": 2, "limits": {"min": 1, "min": 2}}])")),
      "$.endpoints[1].limits.min: duplicate field");
}

TEST(ManifestJson, SyntaxErrorsHaveALocation) {
  const std::string error = first_error(R"({"name": )");
  EXPECT_EQ(error.rfind("$: parse error at line 1, column 10", 0), 0u) << error;
}

// nlohmann reports a number no C++ type holds as out_of_range, not as a parse error (found by
// fuzz_platform_grant_fuzzer); it is a bad document like any other.
TEST(ManifestJson, NumbersTooLargeForAnyTypeAreAnError) {
  EXPECT_EQ(first_error(R"({"name": "a", "version": 1e999, "tenant": "t"})"),
            "$: number overflow parsing '1e999'");
  EXPECT_EQ(first_error("8e0332"), "$: number overflow parsing '8e0332'");
}

TEST(ManifestJson, ReadErrorsAndSemanticErrorsAreBothReported) {
  const mj::ManifestResult r = mj::parse_manifest(read_data("manifests/invalid/many-errors.json"));
  const std::vector<std::string> got = texts(r.errors);
  const std::vector<std::string> want = {
      "$.timing.max_loop_ms: expected a non-negative integer below 2^32",
      "$.name: only a-z, 0-9, '-', '_' and '.' allowed, starting with a-z or 0-9",
      "$.version: must be greater than 0",
      "$.memory.stack_bytes: must be a multiple of 8",
      "$.memory.data_bytes: above the maximum (262144)",
      "$.timing.fuel: must be greater than 0",
      "$.timing.cpu_share_permille: must be 1..1000 (permille)",
      "$.failure.strikes: must be greater than 0",
      "$.exports[0].path: bad export path (segments of a-z, 0-9, '-', '_' separated by '/')",
      "$.exports[0].methods: no valid methods",
      "$.exports[1].observable: observable needs GET"};
  EXPECT_EQ(got, want);
}

TEST(ManifestJson, BoundsComeInPairs) {
  EXPECT_EQ(
      first_error(with(R"("endpoints": [{"id": 1, "target": "actuator/a", "direction": "write",
      "limits": {"min": 1}}])")),
      "$.endpoints[0].limits.max: min and max go together");
}

TEST(ManifestJson, MethodsAreChecked) {
  EXPECT_EQ(first_error(with(R"("exports": [{"path": "x", "methods": ["GET", "GET"]}])")),
            "$.exports[0].methods[1]: duplicate method");
  EXPECT_EQ(first_error(with(R"("exports": [{"path": "x", "methods": ["get"]}])")),
            "$.exports[0].methods[0]: expected one of GET, POST, PUT, DELETE");
}

TEST(ManifestJson, ExamplesRoundTripThroughJsonAndCbor) {
  for (const char* name : {"delivery-ui", "transit-monitor", "radio-mapper", "minimal"}) {
    const mj::ManifestResult r =
        mj::parse_manifest(read_data(std::string("manifests/") + name + ".json"));
    ASSERT_TRUE(r.ok()) << name << ": " << texts(r.errors).front();
    // JSON -> Manifest -> JSON -> Manifest
    const mj::ManifestResult again = mj::parse_manifest(mj::to_json(r.manifest).dump());
    ASSERT_TRUE(again.ok()) << name;
    EXPECT_EQ(again.manifest, r.manifest) << name;
    // Manifest -> CBOR -> Manifest
    std::vector<uint8_t> bytes(manifest::kMaxEncodedSize);
    const Result<std::size_t> size = manifest::encode(r.manifest, bytes);
    ASSERT_TRUE(size.ok());
    manifest::Manifest decoded;
    ASSERT_TRUE(manifest::decode(std::span(bytes).first(*size), decoded).ok());
    EXPECT_EQ(decoded, r.manifest) << name;
  }
}

mj::BoardResult smartdronebox() {
  return mj::parse_board(read_data("boards/smartdronebox.json"));
}

TEST(BoardJson, TheSmartDroneBoxProfileParses) {
  const mj::BoardResult r = smartdronebox();
  ASSERT_TRUE(r.ok()) << texts(r.errors).front();
  EXPECT_EQ(r.board.model.view(), "smartdronebox-v1");
  EXPECT_EQ(r.board.capacities.max_containers, 4);
  const manifest::BoardResource* temperature = r.board.find("sensor/temperature");
  ASSERT_NE(temperature, nullptr);
  EXPECT_EQ(temperature->kind, manifest::ResourceKind::sensor);
  EXPECT_EQ(temperature->access, manifest::Direction::read);
  EXPECT_EQ(temperature->signal.shape, manifest::SignalShape::sine);
  const manifest::BoardResource* lock = r.board.find("actuator/lock");
  ASSERT_NE(lock, nullptr);
  EXPECT_EQ(lock->type, manifest::ValueType::boolean);
  EXPECT_EQ(lock->max_value, 1);
  EXPECT_EQ(lock->access, manifest::Direction::read_write);
  for (const char* name :
       {"actuator/display", "sensor/signature", "sensor/humidity", "sensor/orientation",
        "radio/scanner", "sensor/battery", "storage/flash"}) {
    EXPECT_NE(r.board.find(name), nullptr) << name;
  }
}

std::vector<std::string> board_errors(const std::string& resource) {
  return texts(mj::parse_board(R"({"model": "b", "resources": [)" + resource + "]}").errors);
}

TEST(BoardJson, ErrorsNameTheirPath) {
  EXPECT_EQ(board_errors(R"({"name": "sensor/t", "type": "int", "min": 5, "max": 1})"),
            (std::vector<std::string>{"$.resources[0].min: min above max"}));
  EXPECT_EQ(board_errors(R"({"name": "sensor/t", "type": "int", "max": 1})"),
            (std::vector<std::string>{"$.resources[0].min: missing required field"}));
  EXPECT_EQ(board_errors(R"({"name": "sensor/t", "type": "float", "min": 0, "max": 1})"),
            (std::vector<std::string>{"$.resources[0].type: expected one of int, bool, bytes"}));
  EXPECT_EQ(board_errors(R"({"name": "sensor/t", "type": "bool", "access": "write"})"),
            (std::vector<std::string>{"$.resources[0].access: sensors are read-only"}));
  EXPECT_EQ(board_errors(R"({"name": "sensor/t", "kind": "actuator", "type": "bool"})"),
            (std::vector<std::string>{"$.resources[0].kind: does not match the name's prefix"}));
  EXPECT_EQ(board_errors(R"({"name": "sensor/t", "type": "bytes"})"),
            (std::vector<std::string>{"$.resources[0].max_bytes: missing required field"}));
  EXPECT_EQ(
      board_errors(R"({"name": "sensor/t", "type": "int", "min": 0, "max": 10, "unti": "C"})"),
      (std::vector<std::string>{"$.resources[0].unti: unknown field (did you mean unit?)"}));
  EXPECT_EQ(board_errors(R"({"name": "sensor/t", "type": "int", "min": 0, "max": 10,
      "signal": {"shape": "sine", "value": 5, "amplitude": 6, "period_ms": 1000}})"),
            (std::vector<std::string>{
                "$.resources[0].signal.value: signal leaves the resource's range 0..10"}));
  EXPECT_EQ(
      board_errors(R"({"name": "sensor/t", "type": "bool"}, {"name": "sensor/t", "type": "bool"})"),
      (std::vector<std::string>{"$.resources[1].name: duplicate resource sensor/t"}));
  EXPECT_EQ(board_errors(R"({"name": "thing", "type": "bool"})")
                .front()
                .rfind("$.resources[0].name: expected KIND/NAME", 0),
            0u);
}

// The SUIT identity fields are optional; the shipped profile leaves them out so that tcctl and
// the device exercise the derived defaults.
TEST(BoardJson, VendorAndClassIdsAreOptional) {
  const mj::BoardResult plain = smartdronebox();
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain.board.has_vendor_id);
  EXPECT_FALSE(plain.board.has_class_id);

  const mj::BoardResult r = mj::parse_board(R"({"model": "b", "resources": [],
      "vendor_id": "FA6B4A53-D5AD-5FDF-BE9D-E663E4D41FFE",
      "class_id": "1492af14-2569-5e48-bf42-9b2d51f2ab45"})");
  ASSERT_TRUE(r.ok()) << texts(r.errors).front();
  ASSERT_TRUE(r.board.has_vendor_id);
  ASSERT_TRUE(r.board.has_class_id);
  const uint8_t vendor[] = {0xfa, 0x6b, 0x4a, 0x53, 0xd5, 0xad, 0x5f, 0xdf,
                            0xbe, 0x9d, 0xe6, 0x63, 0xe4, 0xd4, 0x1f, 0xfe};
  const uint8_t cls[] = {0x14, 0x92, 0xaf, 0x14, 0x25, 0x69, 0x5e, 0x48,
                         0xbf, 0x42, 0x9b, 0x2d, 0x51, 0xf2, 0xab, 0x45};
  EXPECT_TRUE(std::equal(std::begin(vendor), std::end(vendor), std::begin(r.board.vendor_id)));
  EXPECT_TRUE(std::equal(std::begin(cls), std::end(cls), std::begin(r.board.class_id)));

  const mj::BoardResult vendor_only = mj::parse_board(
      R"({"model": "b", "resources": [], "vendor_id": "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe"})");
  ASSERT_TRUE(vendor_only.ok());
  EXPECT_TRUE(vendor_only.board.has_vendor_id);
  EXPECT_FALSE(vendor_only.board.has_class_id);
}

std::vector<std::string> identity_errors(const std::string& field, const std::string& value) {
  return texts(
      mj::parse_board(R"({"model": "b", "resources": [], ")" + field + R"(": )" + value + "}")
          .errors);
}

TEST(BoardJson, MalformedUuidsNameTheirPath) {
  const std::string expected =
      ": expected a UUID: 32 hex digits grouped 8-4-4-4-12, such as "
      "fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe";
  for (const char* bad : {R"("fa6b4a53d5ad5fdfbe9de663e4d41ffe")",       // no hyphens
                          R"("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ff")",    // one digit short
                          R"("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe0")",  // one digit long
                          R"("fa6b4a5-3d5ad-5fdf-be9d-e663e4d41ffe")",   // hyphen misplaced
                          R"("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffg")",   // not hex
                          R"("")", "42", "null"}) {
    EXPECT_EQ(identity_errors("vendor_id", bad),
              (std::vector<std::string>{"$.vendor_id" + expected}))
        << bad;
  }
  EXPECT_EQ(identity_errors("class_id", R"("board-a")"),
            (std::vector<std::string>{"$.class_id" + expected}));
  EXPECT_EQ(identity_errors("vendorid", R"("fa6b4a53-d5ad-5fdf-be9d-e663e4d41ffe")"),
            (std::vector<std::string>{"$.vendorid: unknown field (did you mean vendor_id?)"}));
}

TEST(BoardJson, ManifestsAreCheckedAgainstTheBoard) {
  const mj::BoardResult board = smartdronebox();
  ASSERT_TRUE(board.ok());
  const auto check = [&](const char* file) {
    return texts(mj::parse_manifest(read_data(file), &board.board).errors);
  };
  EXPECT_TRUE(check("manifests/delivery-ui.json").empty());
  EXPECT_TRUE(check("manifests/transit-monitor.json").empty());
  EXPECT_EQ(check("manifests/invalid/sensor-write.json"),
            (std::vector<std::string>{
                "$.endpoints[0].direction: direction not allowed by the resource"}));
  EXPECT_EQ(check("manifests/invalid/unknown-resource.json"),
            (std::vector<std::string>{"$.endpoints[0].target: no such resource on the board"}));
  EXPECT_EQ(
      check("manifests/invalid/lock-bounds.json"),
      (std::vector<std::string>{"$.endpoints[0].limits.max: bounds outside the resource's range"}));
  const mj::ManifestResult big = mj::parse_manifest(
      with(R"("memory": {"stack_bytes": 8192, "data_bytes": 16384, "storage_bytes": 131072})"),
      &board.board);
  EXPECT_EQ(texts(big.errors),
            (std::vector<std::string>{"$.memory.data_bytes: above the board's capacity",
                                      "$.memory.storage_bytes: above the board's capacity"}));
}

}  // namespace
}  // namespace tc::test
