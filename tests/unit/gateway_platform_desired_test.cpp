// The platform's desired-state document (gateway/platform/desired_state): what is accepted, and
// every reason a document is rejected whole.
#include <gtest/gtest.h>

#include <string>

#include "common/container_name.hpp"
#include "common/json.hpp"
#include "platform/desired_state.hpp"

namespace tc::gw {
namespace {

const std::string kDigest(64, 'a');

Json container(const std::string& name = "thermo") {
  return {
      {"name", name}, {"sequence", 7}, {"digest", kDigest}, {"size", 1834}, {"state", "running"}};
}

Json document(const Json& containers) {
  return {{"revision", "41"}, {"devices", {{"d1", {{"containers", containers}}}}}};
}

std::string rejection(const Json& doc) {
  const DesiredParse p = parse_desired(json_text(doc));
  EXPECT_FALSE(p.state.has_value());
  return p.error;
}

TEST(PlatformDesired, AcceptsTheSpecExample) {
  const DesiredParse p = parse_desired(json_text(document(Json::array({container()}))));
  ASSERT_TRUE(p.state) << p.error;
  EXPECT_EQ(p.state->revision, "41");
  ASSERT_EQ(p.state->devices.count("d1"), 1U);
  const DesiredContainer& c = p.state->devices.at("d1").at(0);
  EXPECT_EQ(c, (DesiredContainer{"thermo", 7, kDigest, 1834, DesiredRun::running}));
}

TEST(PlatformDesired, AcceptsStoppedEmptyListsAndNoDevices) {
  Json stopped = container();
  stopped["state"] = "stopped";
  Json doc = document(Json::array({stopped}));
  doc["devices"]["d2"] = {{"containers", Json::array()}};
  const DesiredParse p = parse_desired(json_text(doc));
  ASSERT_TRUE(p.state) << p.error;
  EXPECT_EQ(p.state->devices.at("d1").at(0).state, DesiredRun::stopped);
  EXPECT_TRUE(p.state->devices.at("d2").empty());
  EXPECT_TRUE(parse_desired(R"({"revision":"1","devices":{}})").state);
}

TEST(PlatformDesired, RejectsWhatIsNotJsonOrNotAnObject) {
  EXPECT_EQ(parse_desired("{").error, "the document is not JSON");
  EXPECT_EQ(parse_desired("").error, "the document is not JSON");
  EXPECT_NE(parse_desired("[]").error.find("JSON object"), std::string::npos);
}

TEST(PlatformDesired, RejectsTopLevelFields) {
  EXPECT_NE(rejection({{"devices", Json::object()}}).find("'revision' is missing"),
            std::string::npos);
  EXPECT_NE(rejection({{"revision", 41}, {"devices", Json::object()}}).find("string"),
            std::string::npos);
  EXPECT_NE(rejection({{"revision", ""}, {"devices", Json::object()}}).find("empty"),
            std::string::npos);
  EXPECT_NE(rejection({{"revision", "1"}}).find("'devices' is missing"), std::string::npos);
  EXPECT_NE(rejection({{"revision", "1"}, {"devices", Json::array()}}).find("object"),
            std::string::npos);
}

TEST(PlatformDesired, RejectsDeviceEntries) {
  EXPECT_NE(rejection({{"revision", "1"}, {"devices", {{"d1", 3}}}}).find("devices.d1"),
            std::string::npos);
  EXPECT_NE(rejection({{"revision", "1"}, {"devices", {{"d1", Json::object()}}}})
                .find("'containers' is missing"),
            std::string::npos);
  EXPECT_NE(
      rejection({{"revision", "1"}, {"devices", {{"d1", {{"containers", 1}}}}}}).find("array"),
      std::string::npos);
  EXPECT_NE(rejection({{"revision", "1"}, {"devices", {{"", {{"containers", Json::array()}}}}}})
                .find("empty"),
            std::string::npos);
  EXPECT_NE(rejection(document(Json::array({1}))).find("must be an object"), std::string::npos);
}

// Each field missing, then of the wrong type: rejected with the field's name.
TEST(PlatformDesired, RejectsEveryMissingOrMistypedField) {
  for (const char* field : {"name", "sequence", "digest", "size", "state"}) {
    Json c = container();
    c.erase(field);
    EXPECT_NE(rejection(document(Json::array({c}))).find(std::string("'") + field + "'"),
              std::string::npos)
        << field;
    c[field] = Json::array();
    EXPECT_NE(rejection(document(Json::array({c}))).find(std::string("'") + field + "'"),
              std::string::npos)
        << field;
  }
}

TEST(PlatformDesired, RejectsBadValues) {
  const auto with = [](const char* field, const Json& value) {
    Json c = container();
    c[field] = value;
    return rejection(document(Json::array({c})));
  };
  EXPECT_NE(with("sequence", -1).find("unsigned"), std::string::npos);
  EXPECT_NE(with("sequence", 1.5).find("unsigned"), std::string::npos);
  EXPECT_NE(with("digest", std::string(63, 'a')).find("64"), std::string::npos);
  EXPECT_NE(with("digest", std::string(64, 'A')).find("64"), std::string::npos);
  EXPECT_NE(with("digest", std::string(63, 'a') + "g").find("64"), std::string::npos);
  EXPECT_NE(with("size", 0).find("'size'"), std::string::npos);
  EXPECT_NE(with("size", kMaxEnvelopeSize + 1).find("'size'"), std::string::npos);
  EXPECT_NE(with("state", "paused").find("running"), std::string::npos);
  for (const char* name : {"", "Thermo", "-x", "a b", "x/y", "abcdefghijklmnopqrstuvwxyz123456"}) {
    EXPECT_NE(with("name", name).find("container name"), std::string::npos) << name;
  }
}

TEST(PlatformDesired, RejectsADuplicateName) {
  EXPECT_NE(rejection(document(Json::array({container(), container()}))).find("twice"),
            std::string::npos);
}

// One bad container rejects the whole document, the good devices included.
TEST(PlatformDesired, RejectsWhole) {
  Json doc = document(Json::array({container()}));
  doc["devices"]["d2"] = {{"containers", Json::array({container("BAD")})}};
  EXPECT_FALSE(parse_desired(json_text(doc)).state);
}

TEST(PlatformDesired, ContainerNames) {
  EXPECT_TRUE(is_container_name("a"));
  EXPECT_TRUE(is_container_name("address-display_2.x"));
  EXPECT_TRUE(is_container_name(std::string(31, 'z')));
  EXPECT_FALSE(is_container_name(std::string(32, 'z')));
  EXPECT_FALSE(is_container_name(".hidden"));
}

}  // namespace
}  // namespace tc::gw
