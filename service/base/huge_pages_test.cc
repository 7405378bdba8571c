#include "service/base/huge_pages.h"

#include <cstdint>
#include <numeric>
#include <vector>

#include <gtest/gtest.h>

#include "absl/container/flat_hash_set.h"

namespace parley {
namespace {

TEST(BackWithHugePagesTest, ARangeWithoutAWholeHugePageIsLeftAlone) {
  std::vector<char> small(kHugePageBytes - 1, 'x');
  EXPECT_EQ(BackWithHugePages(small), 0u);
  EXPECT_EQ(BackWithHugePages(nullptr, 0), 0u);
  EXPECT_EQ(BackWithHugePages(small.data(), 0), 0u);
}

TEST(BackWithHugePagesTest, ContentsStayAsTheyWereAndAtMostTheWholePagesInsideAreBacked) {
  std::vector<uint32_t> big(3 * kHugePageBytes / sizeof(uint32_t) + 123);
  std::iota(big.begin(), big.end(), 7u);
  const size_t backed = BackWithHugePages(big);
  // The kernel may refuse (no transparent huge pages): 0. Otherwise the
  // whole 2 MB pages inside the vector, never more than it holds.
  EXPECT_EQ(backed % kHugePageBytes, 0u);
  EXPECT_LE(backed, big.size() * sizeof(uint32_t));
  if (backed != 0) {
    EXPECT_GE(backed, 2 * kHugePageBytes);  // 6 MB hold two whole pages
  }
  for (size_t i = 0; i < big.size(); ++i) ASSERT_EQ(big[i], 7u + i) << i;
}

TEST(HugePageAllocatorTest, LargeAllocationsAreAlignedToHugePagesAndSmallOnesWork) {
  HugePageAllocator<int32_t> alloc;
  int32_t* small = alloc.allocate(10);
  ASSERT_NE(small, nullptr);
  small[9] = 1;
  alloc.deallocate(small, 10);
  const size_t n = kHugePageBytes / sizeof(int32_t) + 1;  // just over 2 MB: two pages
  int32_t* large = alloc.allocate(n);
  ASSERT_NE(large, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(large) % kHugePageBytes, 0u);
  large[0] = 1;
  large[n - 1] = 2;
  EXPECT_EQ(large[0] + large[n - 1], 3);
  alloc.deallocate(large, n);
}

TEST(HugePageAllocatorTest, AHashSetGrowsThroughIt) {
  absl::flat_hash_set<int32_t, absl::Hash<int32_t>, std::equal_to<int32_t>,
                      HugePageAllocator<int32_t>>
      set;
  for (int32_t i = 0; i < 1000000; ++i) set.insert(i * 3);
  EXPECT_EQ(set.size(), 1000000u);
  EXPECT_TRUE(set.contains(2999997));
  EXPECT_FALSE(set.contains(2999998));
}

}  // namespace
}  // namespace parley
