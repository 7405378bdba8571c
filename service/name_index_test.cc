#include "name_index.h"

#include <gtest/gtest.h>

#include "normalize.h"

namespace parley {
namespace {

TEST(BoundedEditDistanceTest, CountsEditsAndStopsEarly) {
  EXPECT_EQ(BoundedEditDistance("chidambram", "chidambaram", 2), 1);
  EXPECT_EQ(BoundedEditDistance("kristicanegalo", "kristiecanegallo", 2), 2);
  EXPECT_EQ(BoundedEditDistance("napolitnao", "napolitano", 2), 1);  // transposition
  EXPECT_EQ(BoundedEditDistance("abc", "abc", 1), 0);
  EXPECT_EQ(BoundedEditDistance("krishna", "canegallo", 2), 3);      // capped at max + 1
  EXPECT_EQ(BoundedEditDistance("a", "abcd", 1), 2);
}

TEST(MaxEditsForTest, ShortWordsGetOneLongerTwo) {
  EXPECT_EQ(MaxEditsFor(2), 0);
  EXPECT_EQ(MaxEditsFor(4), 1);
  EXPECT_EQ(MaxEditsFor(5), 1);
  EXPECT_EQ(MaxEditsFor(6), 2);
}

class NameIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_.Add(0, v1::MATCH_KIND_EXACT_NAME, "Kristie Canegallo", NameKey("Kristie Canegallo"));
    index_.Add(0, v1::MATCH_KIND_WORD, "Kristie Canegallo", "canegallo");
    index_.Add(1, v1::MATCH_KIND_EXACT_NAME, "S. M. Krishna", NameKey("S. M. Krishna"));
    index_.Add(1, v1::MATCH_KIND_WORD, "S. M. Krishna", "krishna");
    index_.Add(2, v1::MATCH_KIND_EXACT_NAME, "United States", NameKey("United States"));
    index_.Add(2, v1::MATCH_KIND_ALIAS, "US", NameKey("US"));
    index_.Add(3, v1::MATCH_KIND_EXACT_NAME, "US-CERT", NameKey("US-CERT"));
    index_.Build();
  }
  NameIndex index_;
};

TEST_F(NameIndexTest, ExactAliasPrefixAndFuzzy) {
  auto us = index_.Find("us");
  ASSERT_EQ(us.count(2), 1u);
  EXPECT_EQ(us.at(2).kind, v1::MATCH_KIND_ALIAS);
  EXPECT_EQ(us.at(3).kind, v1::MATCH_KIND_PREFIX);
  auto typo = index_.Find(NameKey("Kristi Canegalo"));
  ASSERT_EQ(typo.count(0), 1u);
  EXPECT_EQ(typo.at(0).kind, v1::MATCH_KIND_FUZZY);
  EXPECT_EQ(typo.at(0).distance, 2);
  auto surname = index_.Find("canegalo");  // 8 bytes: two edits allowed
  ASSERT_EQ(surname.count(0), 1u);
  EXPECT_EQ(surname.at(0).distance, 1);
  auto prefix = index_.Find("kri");
  EXPECT_EQ(prefix.size(), 2u);
  EXPECT_TRUE(index_.Find("zzzzzz").empty());
}

TEST_F(NameIndexTest, TheBestMatchPerEntityWins) {
  auto exact = index_.Find(NameKey("S M Krishna"));
  ASSERT_EQ(exact.count(1), 1u);
  EXPECT_EQ(exact.at(1).kind, v1::MATCH_KIND_EXACT_NAME);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// Full optimal-string-alignment distance, the reference for the banded one.
int FullOsaDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1,
                          d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
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
