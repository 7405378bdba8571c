#include "service/base/string_arena.h"

#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace parley {
namespace {

TEST(StringArenaTest, CopiesStayValidAcrossBlocksAndMoves) {
  StringArena arena;
  std::vector<std::string> originals;
  std::vector<absl::string_view> copies;
  // Enough strings for several blocks, and one longer than a block.
  for (int i = 0; i < 40000; ++i) originals.push_back("name number " + std::to_string(i));
  originals.push_back(std::string(300 * 1024, 'x'));
  originals.push_back("after the long one");
  for (const std::string& s : originals) copies.push_back(arena.Add(s));
  StringArena moved = std::move(arena);
  ASSERT_EQ(copies.size(), originals.size());
  for (size_t i = 0; i < originals.size(); ++i) {
    EXPECT_EQ(copies[i], originals[i]) << i;
    EXPECT_NE(copies[i].data(), originals[i].data());
  }
  EXPECT_GE(moved.bytes_reserved(), 300u * 1024 + 40000u * 12);
  // The moved-from arena starts again with blocks of its own.
  EXPECT_EQ(arena.bytes_reserved(), 0u);  // NOLINT(bugprone-use-after-move)
  const absl::string_view again = arena.Add("after the move");
  EXPECT_EQ(again, "after the move");
  EXPECT_EQ(copies.back(), originals.back());
}

TEST(StringArenaTest, TheSameStringTwiceInARowIsOneCopy) {
  StringArena arena;
  const absl::string_view a = arena.Add("Janet Napolitano");
  const absl::string_view b = arena.Add(std::string("Janet Napolitano"));
  const absl::string_view c = arena.Add("Napolitano");
  EXPECT_EQ(a.data(), b.data());
  EXPECT_NE(c.data(), a.data());
  EXPECT_EQ(c, "Napolitano");
  EXPECT_TRUE(arena.Add("").empty());
}

}  // namespace
}  // namespace parley
