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
