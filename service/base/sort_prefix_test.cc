#include "service/base/sort_prefix.h"

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(SortPrefixTest, NumbersOrderAsTheStringsWhereTheyDiffer) {
  const std::vector<std::string> sorted = {"",    "a", "ab",   "abc",      "abcdefgh", "abcdefghz",
                                           "abd", "b", "\x7f", "\xc3\xa9", "\xff\xff"};
  for (size_t i = 0; i + 1 < sorted.size(); ++i) {
    EXPECT_LE(SortPrefix(sorted[i]), SortPrefix(sorted[i + 1])) << i;
  }
  // Strings alike in their first 8 bytes get one number: the strings decide.
  EXPECT_EQ(SortPrefix("abcdefgh"), SortPrefix("abcdefghz"));
  EXPECT_LT(SortPrefix("abc"), SortPrefix("abd"));
  EXPECT_LT(SortPrefix("ab"), SortPrefix("ab\x01"));
  EXPECT_EQ(SortPrefix("ab"), SortPrefix(std::string("ab\0", 3)));  // a NUL is padding
  // The next 8 bytes.
  EXPECT_LT(SortPrefix("abcdefghij", 8), SortPrefix("abcdefghik", 8));
  EXPECT_EQ(SortPrefix("abcdefghij", 8), SortPrefix("ij"));
  EXPECT_EQ(SortPrefix("abc", 8), 0u);
}

// Against std::string's order, on strings made to agree in their first 16
// bytes often (a shared stem), with NULs, and sizes on both sides of 16;
// the strings are read only when the prefixes and sizes cannot decide.
TEST(SortPrefixTest, CompareBySortPrefixOrdersAsTheStrings) {
  const std::vector<std::string> stems = {"", "priya sharma", "priya sharma kum",
                                          std::string(17, 'a'), std::string("ab\0c", 4)};
  const std::string letters = std::string("ab\0\xff", 4);
  std::mt19937 random(5);
  std::vector<std::string> strings;
  for (int i = 0; i < 400; ++i) {
    std::string s = stems[random() % stems.size()];
    const int extra = static_cast<int>(random() % 6);
    for (int j = 0; j < extra; ++j) s += letters[random() % letters.size()];
    strings.push_back(s);
  }
  int strings_read = 0;
  for (const std::string& a : strings) {
    for (const std::string& b : strings) {
      const uint64_t pa[2] = {SortPrefix(a), SortPrefix(a, 8)};
      const uint64_t pb[2] = {SortPrefix(b), SortPrefix(b, 8)};
      bool read = false;
      const int c = CompareBySortPrefix(
          pa, a.size(),
          [&] {
            read = true;
            return absl::string_view(a);
          },
          pb, b.size(), [&] { return absl::string_view(b); });
      const int expected = a.compare(b);
      ASSERT_EQ(c < 0, expected < 0) << a << " / " << b;
      ASSERT_EQ(c == 0, expected == 0) << a << " / " << b;
      if (read) {
        ++strings_read;
        ASSERT_GT(a.size(), 16u);
        ASSERT_GT(b.size(), 16u);
        ASSERT_EQ(a.substr(0, 16), b.substr(0, 16));
      }
    }
  }
  EXPECT_GT(strings_read, 0);  // the tails were compared somewhere
}

}  // namespace
}  // namespace parley
