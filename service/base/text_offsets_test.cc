#include "service/base/text_offsets.h"

#include <random>
#include <string>
#include <vector>

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

// The converter reads eight ASCII bytes at a time where it can: checked
// against a walk of one character at a time, on text where ASCII runs of
// every length meet multi-byte characters and invalid bytes, at every
// offset, asked for in order and at random.
TEST(OffsetConverterTest, AgreesWithAWalkOfOneCharacterAtATime) {
  const std::vector<std::string> pieces = {
      "a",    "Bc",       "defghij", "klmnopqrs",        "é", "चि", "😀",
      "\xff", "\xe0\xa4", " ",       "0123456789abcdefg"};
  std::mt19937 random(17);
  for (int round = 0; round < 200; ++round) {
    std::string text;
    const int count = static_cast<int>(random() % 40);
    for (int i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    // The reference: character by character from the start.
    std::vector<UnicodeOffset> expected(text.size() + 1);
    UnicodeOffset at;
    size_t byte = 0;
    for (size_t b = 0; b <= text.size(); ++b) {
      while (byte < b) {
        const unsigned char lead = static_cast<unsigned char>(text[byte]);
        const size_t length = lead < 0xC0   ? 1
                              : lead < 0xE0 ? 2
                              : lead < 0xF0 ? 3
                              : lead < 0xF8 ? 4
                                            : 1;
        if (byte + length > b) break;
        byte += length;
        at.code_point += 1;
        at.utf16 += length == 4 ? 2 : 1;
      }
      expected[b] = at;
    }
    OffsetConverter in_order(text);
    for (size_t b = 0; b <= text.size(); b += 1 + random() % 11) {
      const UnicodeOffset got = in_order.At(b);
      ASSERT_EQ(got.code_point, expected[b].code_point) << text << " at " << b;
      ASSERT_EQ(got.utf16, expected[b].utf16) << text << " at " << b;
    }
    OffsetConverter at_random(text);
    for (int i = 0; i < 20; ++i) {
      const size_t b = random() % (text.size() + 1);
      const UnicodeOffset got = at_random.At(b);
      ASSERT_EQ(got.code_point, expected[b].code_point) << text << " at " << b;
      ASSERT_EQ(got.utf16, expected[b].utf16) << text << " at " << b;
    }
  }
}

}  // namespace
}  // namespace parley
