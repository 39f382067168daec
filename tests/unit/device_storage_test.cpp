// FileStorage (ports/native): atomic put, a crash between write and rename, list and remove.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "native_ports.hpp"

namespace {

using tc::native::FileStorage;

std::filesystem::path fresh_dir(const char* name) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("tc-device-test-" + std::string(name) + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  return dir;
}

std::string read_all(FileStorage& s, std::string_view key) {
  const tc::Result<uint32_t> size = s.size(key);
  if (!size.ok()) return "<absent>";
  std::string out(*size, '\0');
  const tc::Result<uint32_t> n =
      s.read(key, 0, {reinterpret_cast<uint8_t*>(out.data()), out.size()});
  EXPECT_TRUE(n.ok());
  return out;
}

tc::Status put(FileStorage& s, std::string_view key, std::string_view a, std::string_view b = {}) {
  const tc::agent::Bytes parts[] = {{reinterpret_cast<const uint8_t*>(a.data()), a.size()},
                                    {reinterpret_cast<const uint8_t*>(b.data()), b.size()}};
  return s.put(key, parts);
}

class Keys final : public tc::agent::KeyVisitor {
 public:
  bool visit(std::string_view key, uint32_t size) override {
    found[std::string(key)] = size;
    return true;
  }
  std::map<std::string, uint32_t> found;
};

TEST(DeviceStorage, PutConcatenatesPartsAndReadsAtOffsets) {
  const auto dir = fresh_dir("put");
  FileStorage s(dir);
  ASSERT_TRUE(s.ok()) << s.error();
  ASSERT_TRUE(put(s, "c/app", "head", "-body").ok());
  EXPECT_EQ(read_all(s, "c/app"), "head-body");
  uint8_t part[4];
  const tc::Result<uint32_t> n = s.read("c/app", 5, part);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 4u);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(part), 4), "body");
  EXPECT_EQ(s.size("nothing").status().code(), tc::StatusCode::not_found);
  std::filesystem::remove_all(dir);
}

TEST(DeviceStorage, CrashBeforeRenameKeepsTheOldValue) {
  const auto dir = fresh_dir("crash");
  {
    FileStorage s(dir);
    ASSERT_TRUE(put(s, "s/app", "old").ok());
    s.crash_before_rename = true;
    EXPECT_FALSE(put(s, "s/app", "new value").ok());
    EXPECT_EQ(read_all(s, "s/app"), "old");  // the temporary is never visible
    Keys keys;
    ASSERT_TRUE(s.list("", keys).ok());
    EXPECT_EQ(keys.found.size(), 1u);
  }
  // "Reboot": the temporary left behind is cleaned up, the old value is intact.
  FileStorage again(dir);
  EXPECT_EQ(read_all(again, "s/app"), "old");
  for (const auto& e : std::filesystem::directory_iterator(dir / ""))
    EXPECT_FALSE(e.path().string().ends_with(".tmp")) << e.path();
  ASSERT_TRUE(put(again, "s/app", "new").ok());
  EXPECT_EQ(read_all(again, "s/app"), "new");
  std::filesystem::remove_all(dir);
}

TEST(DeviceStorage, ListByPrefixAndRemove) {
  const auto dir = fresh_dir("list");
  FileStorage s(dir);
  ASSERT_TRUE(put(s, "k/app/a.b", "12").ok());
  ASSERT_TRUE(put(s, "k/app/c_d-e", "345").ok());
  ASSERT_TRUE(put(s, "k/other/x", "6").ok());
  ASSERT_TRUE(put(s, "c/app", "rec").ok());
  Keys keys;
  ASSERT_TRUE(s.list("k/app/", keys).ok());
  EXPECT_EQ(keys.found, (std::map<std::string, uint32_t>{{"k/app/a.b", 2}, {"k/app/c_d-e", 3}}));
  ASSERT_TRUE(s.remove("k/app/a.b").ok());
  EXPECT_EQ(s.remove("k/app/a.b").code(), tc::StatusCode::not_found);
  Keys all;
  ASSERT_TRUE(s.list("", all).ok());
  EXPECT_EQ(all.found.size(), 3u);
  EXPECT_GT(s.free_bytes(), 0u);
  std::filesystem::remove_all(dir);
}

TEST(DeviceStorage, FileNamesRoundTrip) {
  for (const std::string key : {"c/app", "k/a/b.c", "s/x_y-z", "%weird/../key"}) {
    const std::string file = FileStorage::file_name(key);
    EXPECT_EQ(file.find('/'), std::string::npos);
    EXPECT_NE(file.substr(0, 1), ".");
    std::string back;
    ASSERT_TRUE(FileStorage::key_of(file, back));
    EXPECT_EQ(back, key);
  }
}

TEST(DeviceStorage, UnwritableDirectoryIsReported) {
  const auto dir = fresh_dir("unwritable");
  std::filesystem::create_directories(dir);
  const auto file = dir / "file";
  { std::ofstream(file) << "x"; }
  FileStorage s(file / "sub");
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.error().find("cannot create"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
