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

}  // namespace
}  // namespace parley
