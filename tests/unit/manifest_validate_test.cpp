// Semantic validation: one test per rule, each broken on an otherwise valid manifest, plus the
// board check and the collection of every error.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "manifest/validate.hpp"

namespace tc::test {
namespace {

using manifest::Direction;
using manifest::Manifest;
using manifest::Reason;
using manifest::TargetKind;

Manifest valid() {
  Manifest m;
  (void)m.name.assign("transit-monitor");
  (void)m.tenant.assign("deliveryco");
  m.version = 1;
  m.endpoint_count = 2;
  m.endpoints[0].id = 1;
  (void)m.endpoints[0].target.assign("sensor/temperature");
  m.endpoints[1].id = 2;
  (void)m.endpoints[1].target.assign("actuator/backlight");
  m.endpoints[1].direction = Direction::write;
  m.endpoints[1].limits.has_bounds = true;
  m.endpoints[1].limits.max_value = 100;
  m.export_count = 1;
  (void)m.exports[0].path.assign("state");
  m.exports[0].methods = manifest::kMethodGet;
  return m;
}

std::string path_of(const manifest::ManifestError& e) {
  char text[96];
  TextBuilder out(text);
  e.path.render(out);
  return text;
}

#define EXPECT_INVALID(m, reason_, path_)                    \
  do {                                                       \
    const manifest::ManifestError e = manifest::validate(m); \
    EXPECT_EQ(e.reason, reason_) << path_of(e);              \
    EXPECT_EQ(path_of(e), path_);                            \
  } while (0)

TEST(ManifestValidate, TheBaseManifestIsValid) {
  EXPECT_TRUE(manifest::validate(valid()).ok());
}

TEST(ManifestValidate, NamesAreNonEmptyAndSafe) {
  Manifest m = valid();
  m.name = {};
  EXPECT_INVALID(m, Reason::empty, "name");
  for (const char* bad : {"Upper", "-lead", "sp ace", "sl/ash", "ü"}) {
    (void)m.name.assign(bad);
    EXPECT_INVALID(m, Reason::bad_characters, "name");
  }
  (void)m.name.assign("ok.name_1-2");
  EXPECT_TRUE(manifest::validate(m).ok());
  m = valid();
  (void)m.tenant.assign("Tenant");
  EXPECT_INVALID(m, Reason::bad_characters, "tenant");
}

TEST(ManifestValidate, VersionAndRuntime) {
  Manifest m = valid();
  m.version = 0;
  EXPECT_INVALID(m, Reason::must_be_positive, "version");
  m = valid();
  m.runtime = static_cast<manifest::Runtime>(9);
  EXPECT_INVALID(m, Reason::unknown_value, "runtime");
}

TEST(ManifestValidate, MemorySizes) {
  Manifest m = valid();
  m.memory.stack_bytes = 1020;
  EXPECT_INVALID(m, Reason::not_multiple_of_8, "memory.stack_bytes");
  m.memory.stack_bytes = 32;
  EXPECT_INVALID(m, Reason::too_small, "memory.stack_bytes");
  m.memory.stack_bytes = manifest::kMaxStackBytes + 8;
  EXPECT_INVALID(m, Reason::too_large, "memory.stack_bytes");
  m = valid();
  m.memory.data_bytes = 12;
  EXPECT_INVALID(m, Reason::not_multiple_of_8, "memory.data_bytes");
  m.memory.data_bytes = manifest::kMaxDataBytes + 8;
  EXPECT_INVALID(m, Reason::too_large, "memory.data_bytes");
  m = valid();
  m.memory.storage_bytes = manifest::kMaxStorageBytes + 1;
  EXPECT_INVALID(m, Reason::too_large, "memory.storage_bytes");
}

TEST(ManifestValidate, Timing) {
  Manifest m = valid();
  m.timing.max_loop_ms = 0;
  EXPECT_INVALID(m, Reason::must_be_positive, "timing.max_loop_ms");
  m = valid();
  m.timing.max_event_ms = manifest::kMaxDeadlineMs + 1;
  EXPECT_INVALID(m, Reason::too_large, "timing.max_event_ms");
  m = valid();
  m.timing.loop_period_ms = 10;  // below max_loop_ms (20)
  EXPECT_INVALID(m, Reason::period_below_deadline, "timing.loop_period_ms");
  m = valid();
  m.timing.fuel = 0;
  EXPECT_INVALID(m, Reason::must_be_positive, "timing.fuel");
  for (uint16_t share : {0, 1001}) {
    m = valid();
    m.timing.cpu_share_permille = share;
    EXPECT_INVALID(m, Reason::bad_share, "timing.cpu_share_permille");
  }
  m = valid();
  m.timing.cpu_window_ms = 0;
  EXPECT_INVALID(m, Reason::must_be_positive, "timing.cpu_window_ms");
}

TEST(ManifestValidate, FailurePolicy) {
  Manifest m = valid();
  m.failure.strikes = 0;
  EXPECT_INVALID(m, Reason::must_be_positive, "failure.strikes");
  m = valid();
  m.failure.backoff_ms = 0;
  EXPECT_INVALID(m, Reason::must_be_positive, "failure.backoff_ms");
}

TEST(ManifestValidate, EndpointIdsAreUnique) {
  Manifest m = valid();
  m.endpoints[1].id = 1;
  EXPECT_INVALID(m, Reason::duplicate_id, "endpoints[1].id");
}

TEST(ManifestValidate, TargetSyntax) {
  const std::pair<const char*, TargetKind> good[] = {
      {"sensor/temperature", TargetKind::resource}, {"ml/anomaly-2", TargetKind::resource},
      {"channel/alerts", TargetKind::channel},      {"coap://gw:5683/a/b", TargetKind::remote},
      {"coaps://[fe80::1]/x", TargetKind::remote},  {"https://example.org", TargetKind::remote}};
  for (const auto& [target, kind] : good) {
    Manifest m = valid();
    (void)m.endpoints[0].target.assign(target);
    m.endpoints[0].kind = kind;
    EXPECT_TRUE(manifest::validate(m).ok()) << target;
  }
  for (const char* bad : {"", "sensor", "sensor/", "sensor/Temp", "gpio/1", "channel/", "ftp://x/y",
                          "coap://", "coap://host:99999/", "coap://h/a b", "sensor/a/b"}) {
    Manifest m = valid();
    (void)m.endpoints[0].target.assign(bad);
    EXPECT_INVALID(m, Reason::bad_target, "endpoints[0].target");
  }
}

TEST(ManifestValidate, KindMustFollowTheTarget) {
  Manifest m = valid();
  m.endpoints[0].kind = TargetKind::channel;
  EXPECT_INVALID(m, Reason::kind_mismatch, "endpoints[0].target");
}

TEST(ManifestValidate, Direction) {
  Manifest m = valid();
  m.endpoints[0].direction = static_cast<Direction>(0);
  EXPECT_INVALID(m, Reason::unknown_value, "endpoints[0].direction");
}

TEST(ManifestValidate, Bounds) {
  Manifest m = valid();
  m.endpoints[1].limits.min_value = 101;
  EXPECT_INVALID(m, Reason::min_above_max, "endpoints[1].limits.min");
  m = valid();
  m.endpoints[1].direction = Direction::read;
  EXPECT_INVALID(m, Reason::bounds_without_write, "endpoints[1].limits.min");
  m.endpoints[1].direction = Direction::read_write;
  EXPECT_TRUE(manifest::validate(m).ok());
}

TEST(ManifestValidate, BudgetsNeedAWindow) {
  Manifest m = valid();
  m.endpoints[0].limits.window_ms = 0;
  EXPECT_TRUE(manifest::validate(m).ok());  // no budget, no window needed
  m.endpoints[0].limits.energy_per_window_uj = 100;
  EXPECT_INVALID(m, Reason::window_required, "endpoints[0].limits.window_ms");
  m.endpoints[0].limits.energy_per_window_uj = 0;
  m.endpoints[0].limits.bytes_per_window = 100;
  EXPECT_INVALID(m, Reason::window_required, "endpoints[0].limits.window_ms");
}

TEST(ManifestValidate, Exports) {
  Manifest m = valid();
  for (const char* bad : {"", "/x", "x/", "a//b", "A", "a b"}) {
    (void)m.exports[0].path.assign(bad);
    EXPECT_INVALID(m, Reason::bad_path, "exports[0].path");
  }
  m = valid();
  m.export_count = 2;
  m.exports[1] = m.exports[0];
  EXPECT_INVALID(m, Reason::duplicate_path, "exports[1].path");
  m = valid();
  m.exports[0].methods = 0;
  EXPECT_INVALID(m, Reason::no_methods, "exports[0].methods");
  m.exports[0].methods = 16;
  EXPECT_INVALID(m, Reason::unknown_value, "exports[0].methods");
  m = valid();
  m.exports[0].methods = manifest::kMethodPut;
  m.exports[0].observable = true;
  EXPECT_INVALID(m, Reason::observe_without_get, "exports[0].observable");
}

TEST(ManifestValidate, CountsBeyondCapacity) {
  Manifest m = valid();
  m.endpoint_count = manifest::kMaxEndpoints + 1;
  EXPECT_INVALID(m, Reason::too_many_items, "endpoints");
}

TEST(ManifestValidate, ValidateAllReportsEveryField) {
  Manifest m = valid();
  m.version = 0;
  m.timing.fuel = 0;
  m.endpoints[1].id = 1;
  std::vector<std::string> paths;
  const auto sink = [](void* context, const manifest::ManifestError& e) {
    static_cast<std::vector<std::string>*>(context)->push_back(path_of(e));
    return true;
  };
  const manifest::ManifestError first = manifest::validate_all(m, sink, &paths);
  EXPECT_EQ(path_of(first), "version");
  EXPECT_EQ(paths, (std::vector<std::string>{"version", "timing.fuel", "endpoints[1].id"}));
  // A sink that says stop gets one.
  paths.clear();
  const auto stop = [](void* context, const manifest::ManifestError& e) {
    static_cast<std::vector<std::string>*>(context)->push_back(path_of(e));
    return false;
  };
  (void)manifest::validate_all(m, stop, &paths);
  EXPECT_EQ(paths.size(), 1u);
}

manifest::BoardProfile board() {
  manifest::BoardProfile b;
  (void)b.model.assign("test-board");
  b.capacities.memory_per_container_bytes = 4096;
  b.capacities.storage_total_bytes = 1024;
  b.resource_count = 3;
  (void)b.resources[0].name.assign("sensor/temperature");
  b.resources[0].min_value = -40;
  b.resources[0].max_value = 85;
  (void)b.resources[1].name.assign("actuator/backlight");
  b.resources[1].kind = manifest::ResourceKind::actuator;
  b.resources[1].access = Direction::read_write;
  b.resources[1].max_value = 100;
  (void)b.resources[2].name.assign("actuator/display");
  b.resources[2].kind = manifest::ResourceKind::actuator;
  b.resources[2].type = manifest::ValueType::bytes;
  b.resources[2].access = Direction::write;
  return b;
}

#define EXPECT_BOARD_INVALID(m, reason_, path_)                                     \
  do {                                                                              \
    const manifest::ManifestError e = manifest::validate_against_board(m, board()); \
    EXPECT_EQ(e.reason, reason_) << path_of(e);                                     \
    EXPECT_EQ(path_of(e), path_);                                                   \
  } while (0)

TEST(ManifestBoard, TheBaseManifestFits) {
  EXPECT_TRUE(manifest::validate_against_board(valid(), board()).ok());
}

TEST(ManifestBoard, ResourcesMustExist) {
  Manifest m = valid();
  (void)m.endpoints[0].target.assign("sensor/pressure");
  EXPECT_BOARD_INVALID(m, Reason::unknown_resource, "endpoints[0].target");
  // Channels and remotes are not the board's business.
  (void)m.endpoints[0].target.assign("channel/x");
  m.endpoints[0].kind = TargetKind::channel;
  EXPECT_TRUE(manifest::validate_against_board(m, board()).ok());
}

TEST(ManifestBoard, SensorsAreReadOnly) {
  Manifest m = valid();
  m.endpoints[0].direction = Direction::read_write;
  EXPECT_BOARD_INVALID(m, Reason::direction_not_allowed, "endpoints[0].direction");
  m = valid();
  (void)m.endpoints[1].target.assign("actuator/display");
  m.endpoints[1].direction = Direction::read;
  m.endpoints[1].limits.has_bounds = false;
  EXPECT_BOARD_INVALID(m, Reason::direction_not_allowed, "endpoints[1].direction");
}

TEST(ManifestBoard, BoundsInsideTheResourceRange) {
  Manifest m = valid();
  m.endpoints[1].limits.max_value = 101;
  EXPECT_BOARD_INVALID(m, Reason::bounds_outside_resource, "endpoints[1].limits.max");
  m = valid();
  m.endpoints[1].limits.min_value = -1;
  EXPECT_BOARD_INVALID(m, Reason::bounds_outside_resource, "endpoints[1].limits.min");
  m = valid();
  (void)m.endpoints[1].target.assign("actuator/display");
  EXPECT_BOARD_INVALID(m, Reason::bounds_not_numeric, "endpoints[1].limits.min");
}

TEST(ManifestBoard, MemoryAndStorageFit) {
  Manifest m = valid();
  m.memory.stack_bytes = 2048;
  m.memory.data_bytes = 4096;
  EXPECT_BOARD_INVALID(m, Reason::over_board_capacity, "memory.data_bytes");
  m = valid();
  m.memory.storage_bytes = 2048;
  EXPECT_BOARD_INVALID(m, Reason::over_board_capacity, "memory.storage_bytes");
}

}  // namespace
}  // namespace tc::test
