#include "service/base/sort_prefix.h"

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

}  // namespace
}  // namespace parley
