#include "service/base/edit_distance.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(BoundedEditDistanceTest, CountsEditsAndStopsEarly) {
  EXPECT_EQ(BoundedEditDistance("chidambram", "chidambaram", 2), 1);
  EXPECT_EQ(BoundedEditDistance("kristicanegalo", "kristiecanegallo", 2), 2);
  EXPECT_EQ(BoundedEditDistance("napolitnao", "napolitano", 2), 1);  // transposition
  EXPECT_EQ(BoundedEditDistance("abc", "abc", 1), 0);
  EXPECT_EQ(BoundedEditDistance("krishna", "canegallo", 2), 3);  // capped at max + 1
  EXPECT_EQ(BoundedEditDistance("a", "abcd", 1), 2);
  EXPECT_EQ(BoundedAsciiEditDistance("napolitnao", "napolitano", 2), 1);
  EXPECT_EQ(BoundedAsciiEditDistance("krishna", "canegallo", 2), 3);
}

TEST(MaxEditsForTest, ShortWordsGetOneLongerTwo) {
  EXPECT_EQ(MaxEditsFor(2), 0);
  EXPECT_EQ(MaxEditsFor(4), 1);
  EXPECT_EQ(MaxEditsFor(5), 1);
  EXPECT_EQ(MaxEditsFor(6), 2);
}

// Full optimal-string-alignment distance, the reference for the banded one.
int FullOsaDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

TEST(BoundedEditDistanceTest, AgreesWithTheFullDistanceOnRandomStrings) {
  uint64_t state = 12345;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  };
  for (int trial = 0; trial < 20000; ++trial) {
    std::string a, b;
    const int alphabet = 2 + next() % 4;  // few letters: many near matches
    for (uint32_t i = 0, n = next() % 12; i < n; ++i) a.push_back('a' + next() % alphabet);
    for (uint32_t i = 0, n = next() % 12; i < n; ++i) b.push_back('a' + next() % alphabet);
    const int bound = next() % 4;
    const int expected = std::min(FullOsaDistance(a, b), bound + 1);
    ASSERT_EQ(BoundedEditDistance(a, b, bound), expected) << a << " / " << b << " k=" << bound;
  }
  // Long strings take the heap path.
  const std::string long_a(300, 'x');
  std::string long_b = long_a;
  long_b[150] = 'y';
  EXPECT_EQ(BoundedEditDistance(long_a, long_b, 2), 1);
}

TEST(BoundedEditDistanceTest, CountsCharactersNotBytes) {
  // Two bytes differ, one letter moved: a transposition.
  EXPECT_EQ(BoundedEditDistance("лавров", "лаврво", 2), 1);
  EXPECT_EQ(BoundedEditDistance("лавров", "лаврова", 1), 1);  // 2 bytes inserted
  EXPECT_EQ(BoundedEditDistance("习近平", "习近", 1), 1);     // 3 bytes deleted
  EXPECT_EQ(BoundedEditDistance("习近平", "习大大", 1), 2);   // two of three characters
  EXPECT_EQ(BoundedEditDistance("a\xF0\x9F\x98\x80"
                                "b",
                                "ab", 1),
            1);  // a 4-byte character
  EXPECT_EQ(BoundedEditDistance("ab",
                                "a\xF0\x9F\x98\x80"
                                "b",
                                1),
            1);
  EXPECT_EQ(BoundedEditDistance("mixed я", "mixed a", 1), 1);
  // Bytes that are not UTF-8 count one each.
  EXPECT_EQ(BoundedEditDistance("a\x80\x80"
                                "b",
                                "ab", 2),
            2);
  EXPECT_EQ(BoundedEditDistance("a\xD0"
                                "b",
                                "ab", 1),
            1);  // a lead byte cut off
}

TEST(CodePointCountTest, CountsCharacters) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("лавров"), 6u);
  EXPECT_EQ(CodePointCount("习近平"), 3u);
  EXPECT_EQ(CodePointCount("a\xF0\x9F\x98\x80"
                           "b"),
            3u);
  EXPECT_EQ(CodePointCount("\x80\x80"), 2u);          // stray continuation bytes
  EXPECT_EQ(CodePointCount("\xE0\xA4"), 1u);          // a cut-off character
  EXPECT_EQ(CodePointCount("\xC3\xA9\x80\x80"), 3u);  // a lead byte takes what it announces
  // A three-character CJK name gets one edit (9 bytes would have got two).
  EXPECT_EQ(MaxEditsFor(CodePointCount("习近平")), 1);
}

TEST(LongestCodePointTest, BytesOfTheWidestCharacter) {
  EXPECT_EQ(LongestCodePoint(""), 0);
  EXPECT_EQ(LongestCodePoint("abc"), 1);
  EXPECT_EQ(LongestCodePoint("ab я"), 2);
  EXPECT_EQ(LongestCodePoint("я平"), 3);
  EXPECT_EQ(LongestCodePoint("a\xF0\x9F\x98\x80"), 4);
}

// The banded distance over characters agrees with the full one over the
// decoded characters, on strings mixing 1-, 2-, 3- and 4-byte letters.
TEST(BoundedEditDistanceTest, AgreesWithTheFullDistanceOnRandomUtf8Strings) {
  const std::vector<std::string> letters = {"a", "b", "я", "ж", "平", "近", "\xF0\x9F\x98\x80"};
  uint64_t state = 2024;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  };
  for (int trial = 0; trial < 20000; ++trial) {
    std::string a, b, a_units, b_units;  // the units: one byte per letter
    for (uint32_t i = 0, n = next() % 10; i < n; ++i) {
      const uint32_t l = next() % letters.size();
      a += letters[l];
      a_units.push_back(static_cast<char>('A' + l));
    }
    for (uint32_t i = 0, n = next() % 10; i < n; ++i) {
      const uint32_t l = next() % letters.size();
      b += letters[l];
      b_units.push_back(static_cast<char>('A' + l));
    }
    const int bound = next() % 4;
    const int expected = std::min(FullOsaDistance(a_units, b_units), bound + 1);
    ASSERT_EQ(BoundedEditDistance(a, b, bound), expected) << a << " / " << b << " k=" << bound;
  }
}

// "Did you mean": the one closest candidate, in whatever order they come;
// none when two are equally close or none is within the edits.
TEST(ClosestWithinTest, OffersTheOneClosestCandidateOrNone) {
  auto closest = [](absl::string_view typed, int max_edits,
                    std::initializer_list<absl::string_view> candidates) {
    ClosestWithin c(typed, max_edits);
    for (absl::string_view candidate : candidates) c.Offer(candidate);
    return std::string(c.found());
  };
  EXPECT_EQ(closest("anna-mueller", 2, {"anna-muller", "anna-mueller-2x", "ana"}), "anna-muller");
  // Fewer edits win, before or after a farther one, and after a tie.
  EXPECT_EQ(closest("kwatra", 2, {"kwatraxx", "kwatr"}), "kwatr");
  EXPECT_EQ(closest("kwatra", 2, {"kwatr", "kwatraxx"}), "kwatr");
  EXPECT_EQ(closest("kwatra", 2, {"kwatraxx", "kwatrayy", "kwatr"}), "kwatr");
  // Two equally close: no guess, also when a farther one comes after.
  EXPECT_EQ(closest("kwatra", 2, {"kwatrx", "kwatry"}), "");
  EXPECT_EQ(closest("kwatra", 2, {"kwatrx", "kwatry", "kwatraxx"}), "");
  // Nothing within the edits, or nothing offered.
  EXPECT_EQ(closest("kwatra", 1, {"kwatraxx", "canegallo"}), "");
  EXPECT_EQ(closest("kwatra", 2, {}), "");
  // Characters, not bytes: one edit in Cyrillic is within one.
  EXPECT_EQ(closest("Лаврав", 1, {"Лавров", "Лавровы"}), "Лавров");
}

}  // namespace
}  // namespace parley
