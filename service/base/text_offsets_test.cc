#include "service/base/text_offsets.h"

#include <gtest/gtest.h>

#include "parley/v1/resources.pb.h"

namespace parley {
namespace {

TEST(OffsetConverterTest, CountsCodePointsAndUtf16Units) {
  // "é" is 2 bytes, "चि" 6 bytes (2 code points), "😀" 4 bytes (a surrogate pair).
  const std::string text = "é चि 😀 x";
  OffsetConverter converter(text);
  EXPECT_EQ(converter.At(0).code_point, 0);
  EXPECT_EQ(converter.At(2).code_point, 1);  // after "é"
  const UnicodeOffset after_devanagari = converter.At(9);
  EXPECT_EQ(after_devanagari.code_point, 4);
  EXPECT_EQ(after_devanagari.utf16, 4);
  const UnicodeOffset after_emoji = converter.At(14);
  EXPECT_EQ(after_emoji.code_point, 6);
  EXPECT_EQ(after_emoji.utf16, 7);
  // Going back starts again; past the end clamps.
  EXPECT_EQ(converter.At(1).code_point, 0);  // inside "é": its start
  EXPECT_EQ(converter.At(1000).code_point, 8);
  EXPECT_EQ(converter.At(1000).utf16, 9);
}

TEST(OffsetConverterTest, SetsEveryOffsetOfASpan) {
  const std::string text = "Shri चिदंबरम met Napolitano";
  v1::Evidence evidence;
  const size_t start = text.find("Napolitano");
  evidence.set_start_offset(static_cast<int32_t>(start));
  evidence.set_end_offset(static_cast<int32_t>(start + 10));
  SetUnicodeOffsets(text, &evidence);
  EXPECT_EQ(evidence.start_code_point(), 17);
  EXPECT_EQ(evidence.end_code_point(), 27);
  EXPECT_EQ(evidence.start_utf16(), 17);
  EXPECT_EQ(evidence.end_utf16(), 27);
}

TEST(OffsetConverterTest, InvalidBytesCountOneEach) {
  const std::string text =
      "a\xff\xfe"
      "b";
  OffsetConverter converter(text);
  EXPECT_EQ(converter.At(4).code_point, 4);
}

}  // namespace
}  // namespace parley
