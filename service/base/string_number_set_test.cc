#include "service/base/string_number_set.h"

#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace parley {
namespace {

// Reads the strings through a vector's buffer, as the owners do.
struct NameOf {
  const std::string* names = nullptr;
  absl::string_view operator()(int32_t n) const { return names[n]; }
};

TEST(StringNumberSetTest, FindsEachNumberByItsString) {
  const std::vector<std::string> names = {"napolitano", "chidambaram", "", "krishna"};
  StringNumberSet<NameOf> set(NameOf{names.data()});
  set.Reserve(names.size());
  for (int32_t n = 0; n < static_cast<int32_t>(names.size()); ++n) set.Insert(n);
  EXPECT_EQ(set.size(), 4u);
  EXPECT_EQ(set.Find("napolitano"), 0);
  EXPECT_EQ(set.Find("krishna"), 3);
  EXPECT_EQ(set.Find(""), 2);
  EXPECT_EQ(set.Find("krishn"), -1);
  EXPECT_EQ(set.Find("Krishna"), -1);
}

TEST(StringNumberSetTest, AMovedSetStillFindsThroughTheSameBuffer) {
  std::vector<std::string> names;
  for (int i = 0; i < 1000; ++i) names.push_back("name-" + std::to_string(i));
  StringNumberSet<NameOf> set(NameOf{names.data()});
  set.Reserve(names.size());
  for (int32_t n = 0; n < 1000; ++n) set.Insert(n);
  std::vector<std::string> moved_names = std::move(names);  // the buffer stays put
  StringNumberSet<NameOf> moved = std::move(set);
  for (int32_t n = 0; n < 1000; ++n) EXPECT_EQ(moved.Find(moved_names[n]), n);
  EXPECT_EQ(moved.Find("name-1000"), -1);
}

TEST(StringNumberSetTest, AnEmptySetFindsNothing) {
  const StringNumberSet<NameOf> set;
  EXPECT_EQ(set.Find("anything"), -1);
  EXPECT_EQ(set.size(), 0u);
}

}  // namespace
}  // namespace parley
