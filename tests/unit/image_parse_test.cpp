// The .tcx parser: a valid image round-trips into its sections, and each malformation is refused
// with its own reason; truncation at every length is refused.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "image/image.hpp"

namespace tc::test {
namespace {

using image::ImageReason;

void put32(std::vector<uint8_t>& b, std::size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i)
    b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

struct Layout {
  std::vector<std::pair<std::string, uint32_t>> entries = {{"tc_start", 0}, {"tc_loop", 1}};
  uint32_t text = 16;
  uint32_t rodata = 5;
  uint32_t data = 3;
  uint32_t bss = 40;
};

std::vector<uint8_t> make_image(const Layout& l) {
  const std::size_t start = image::text_offset(static_cast<uint16_t>(l.entries.size()));
  std::vector<uint8_t> b(start + l.text + l.rodata + l.data, 0);
  std::memcpy(b.data(), image::kMagic, 4);
  b[4] = image::kImageVersion;
  b[6] = static_cast<uint8_t>(l.entries.size());
  put32(b, 8, l.text);
  put32(b, 12, l.rodata);
  put32(b, 16, l.data);
  put32(b, 20, l.bss);
  put32(b, 24, 128);
  for (std::size_t i = 0; i < l.entries.size(); ++i) {
    const std::size_t at = image::kHeaderSize + i * image::kEntrySize;
    std::memcpy(b.data() + at, l.entries[i].first.data(), l.entries[i].first.size());
    put32(b, at + image::kEntryNameSize, l.entries[i].second);
  }
  for (std::size_t i = start; i < b.size(); ++i)
    b[i] = static_cast<uint8_t>(i);
  return b;
}

ImageReason parse(const std::vector<uint8_t>& bytes) {
  image::ImageView view;
  return image::parse(bytes, view);
}

TEST(ImageParse, ValidImageExposesSectionsAndEntries) {
  const std::vector<uint8_t> bytes = make_image({});
  image::ImageView view;
  ASSERT_EQ(image::parse(bytes, view), ImageReason::ok);
  const std::size_t start = image::text_offset(2);
  EXPECT_EQ(view.text.data(), bytes.data() + start);
  EXPECT_EQ(view.text.size(), 16u);
  EXPECT_EQ(view.rodata.data(), bytes.data() + start + 16);
  EXPECT_EQ(view.rodata.size(), 5u);
  EXPECT_EQ(view.data.size(), 3u);
  EXPECT_EQ(view.bss_size, 40u);
  EXPECT_EQ(view.stack_size, 128u);
  ASSERT_EQ(view.entry_count, 2);
  EXPECT_EQ(view.entry(1).name, "tc_loop");
  uint32_t pc = 99;
  EXPECT_TRUE(view.find_entry("tc_loop", pc));
  EXPECT_EQ(pc, 1u);
  EXPECT_FALSE(view.find_entry("tc_stop", pc));
  EXPECT_FALSE(view.find_entry("tc_loo", pc));
}

TEST(ImageParse, NoEntriesIsValid) {
  Layout l;
  l.entries.clear();
  EXPECT_EQ(parse(make_image(l)), ImageReason::ok);
}

TEST(ImageParse, EveryTruncationIsRefused) {
  const std::vector<uint8_t> bytes = make_image({});
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    const std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(n));
    EXPECT_EQ(parse(cut), ImageReason::truncated) << n;
  }
}

TEST(ImageParse, TrailingBytesAreRefused) {
  std::vector<uint8_t> bytes = make_image({});
  bytes.push_back(0);
  EXPECT_EQ(parse(bytes), ImageReason::size_mismatch);
}

TEST(ImageParse, HeaderFieldsAreChecked) {
  const std::vector<uint8_t> good = make_image({});
  auto with = [&](std::size_t at, uint8_t value) {
    std::vector<uint8_t> b = good;
    b[at] = value;
    return parse(b);
  };
  EXPECT_EQ(with(0, 'X'), ImageReason::bad_magic);
  EXPECT_EQ(with(4, 2), ImageReason::unsupported_version);
  EXPECT_EQ(with(5, 1), ImageReason::reserved_not_zero);
  EXPECT_EQ(with(31, 1), ImageReason::reserved_not_zero);
  EXPECT_EQ(with(6, 17), ImageReason::too_many_entries);
  EXPECT_EQ(with(8, 12), ImageReason::bad_text_size);
  EXPECT_EQ(with(15, 2), ImageReason::section_too_large);
}

TEST(ImageParse, ZeroTextIsRefused) {
  Layout l;
  l.text = 0;
  EXPECT_EQ(parse(make_image(l)), ImageReason::bad_text_size);
}

TEST(ImageParse, EntryNamesAreChecked) {
  for (const std::string& name :
       {std::string(""), std::string("has space"), std::string(15, 'x') + "y"}) {
    Layout l;
    l.entries = {{name, 0}};
    EXPECT_EQ(parse(make_image(l)), ImageReason::bad_entry_name) << name;
  }
  Layout l;
  std::vector<uint8_t> b = make_image(l);
  b[image::kHeaderSize + 12] = 'z';  // a byte after the NUL of "tc_start"
  EXPECT_EQ(parse(b), ImageReason::bad_entry_name);
}

TEST(ImageParse, DuplicateEntriesAreRefused) {
  Layout l;
  l.entries = {{"tc_loop", 0}, {"tc_loop", 1}};
  EXPECT_EQ(parse(make_image(l)), ImageReason::duplicate_entry);
}

TEST(ImageParse, EntriesMustPointIntoText) {
  Layout l;
  l.entries = {{"tc_start", 2}};  // text has two instructions: 0 and 1
  EXPECT_EQ(parse(make_image(l)), ImageReason::entry_out_of_range);
}

TEST(ImageParse, PaddingMustBeZero) {
  Layout l;
  l.entries = {{"tc_start", 0}};  // 32 + 20 = 52: four bytes of padding before text
  std::vector<uint8_t> b = make_image(l);
  b[53] = 1;
  EXPECT_EQ(parse(b), ImageReason::reserved_not_zero);
}

TEST(ImageParse, EveryReasonHasADescription) {
  for (int r = 0; r <= static_cast<int>(ImageReason::size_mismatch); ++r) {
    EXPECT_STRNE(image::describe(static_cast<ImageReason>(r)), "unknown image error");
  }
}

}  // namespace
}  // namespace tc::test
