#include "service/base/small_int_set.h"

#include <set>

#include <gtest/gtest.h>

namespace parley {
namespace {

// Agrees with std::set through the move from the inline array to the hash
// set, with repeats on both sides of it.
TEST(SmallIntSetTest, AgreesWithASetBeforeAndAfterItOverflows) {
  SmallIntSet set;
  std::set<int32_t> reference;
  uint32_t state = 12345;
  for (int i = 0; i < 400; ++i) {
    state = state * 1103515245u + 12345u;
    const int32_t value = static_cast<int32_t>((state >> 16) % 150) - 20;  // negatives too
    EXPECT_EQ(set.Contains(value), reference.count(value) == 1) << i;
    EXPECT_EQ(set.Insert(value), reference.insert(value).second) << i;
    EXPECT_EQ(set.size(), reference.size()) << i;
  }
  EXPECT_GT(reference.size(), SmallIntSet::kInline);
  for (int32_t v = -25; v < 135; ++v) EXPECT_EQ(set.Contains(v), reference.count(v) == 1) << v;
}

TEST(SmallIntSetTest, TheFirstInlineNumbersStayInline) {
  SmallIntSet set;
  for (int32_t v = 0; v < static_cast<int32_t>(SmallIntSet::kInline); ++v) {
    EXPECT_TRUE(set.Insert(v * 7));
  }
  EXPECT_FALSE(set.Insert(0));
  EXPECT_FALSE(set.Insert(7 * (SmallIntSet::kInline - 1)));
  EXPECT_TRUE(set.Insert(-1));  // the one that overflows
  EXPECT_FALSE(set.Insert(14));
  EXPECT_EQ(set.size(), SmallIntSet::kInline + 1);
}

}  // namespace
}  // namespace parley
