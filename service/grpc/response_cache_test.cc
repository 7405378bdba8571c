#include "service/grpc/response_cache.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace parley {
namespace {

std::string Text(const std::optional<grpc::Slice>& slice) {
  if (!slice) return "<none>";
  return std::string(reinterpret_cast<const char*>(slice->begin()), slice->size());
}

TEST(ResponseCacheTest, GivesBackTheAnswerKeptForTheSameRequestOfTheSameIndex) {
  ResponseCache cache(1 << 20);
  EXPECT_EQ(Text(cache.Find(1, "id: india")), "<none>");
  cache.Insert(1, "id: india", grpc::Slice(std::string("India")));
  cache.Insert(1, "id: us", grpc::Slice(std::string("United States")));
  EXPECT_EQ(Text(cache.Find(1, "id: india")), "India");
  EXPECT_EQ(Text(cache.Find(1, "id: us")), "United States");
  EXPECT_EQ(Text(cache.Find(1, "id: india ")), "<none>");
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(cache.bytes(), std::string("id: indiaIndiaid: usUnited States").size() +
                               2 * ResponseCache::kEntryOverhead);
  EXPECT_EQ(cache.hits(), 2);  // the first and the last Finds found nothing
  EXPECT_EQ(cache.misses(), 2);
}

TEST(ResponseCacheTest, NeverGivesAnAnswerOfAnotherIndex) {
  ResponseCache cache(1 << 20);
  cache.Insert(1, "id: india", grpc::Slice(std::string("India, generation 1")));
  EXPECT_EQ(Text(cache.Find(2, "id: india")), "<none>");
  // A newer index's answer replaces what the older one gave...
  cache.Insert(2, "id: india", grpc::Slice(std::string("India, generation 2")));
  EXPECT_EQ(Text(cache.Find(2, "id: india")), "India, generation 2");
  EXPECT_EQ(Text(cache.Find(1, "id: india")), "<none>");
  // ...and an answer of the older index, computed by a call that started
  // before the reload, is not kept.
  cache.Insert(1, "id: india", grpc::Slice(std::string("India, generation 1")));
  EXPECT_EQ(Text(cache.Find(2, "id: india")), "India, generation 2");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ResponseCacheTest, HoldsNoMoreThanItsBound) {
  constexpr size_t kBound = 1 << 20;
  ResponseCache cache(kBound);
  const std::string answer(100, 'a');
  for (int i = 0; i < 10000; ++i) {
    cache.Insert(1, absl::StrCat("id: person-", i), grpc::Slice(answer));
    ASSERT_LE(cache.bytes(), kBound) << "after " << i;
  }
  EXPECT_GT(cache.size(), 0u);
  EXPECT_LT(cache.size(), 10000u);
  // What was kept last is there.
  EXPECT_EQ(Text(cache.Find(1, "id: person-9999")), answer);
}

TEST(ResponseCacheTest, TinyAnswersAreCountedWithWhatHoldsThem) {
  // Answers a read mask can make a few bytes long, under keys a client can
  // vary without end: each still costs the table and the allocations.
  constexpr size_t kBound = 1 << 20;
  ResponseCache cache(kBound);
  for (int i = 0; i < 100000; ++i) {
    cache.Insert(1, absl::StrCat("id: person-", i), grpc::Slice(std::string("x")));
  }
  EXPECT_LE(cache.bytes(), kBound);
  EXPECT_LE(cache.size(), kBound / ResponseCache::kEntryOverhead);
  EXPECT_GT(cache.size(), kBound / ResponseCache::kEntryOverhead / 4);
}

TEST(ResponseCacheTest, KeepsNoOverlongKeyNorAnswerLargerThanASixteenthOfAShard) {
  ResponseCache cache(16 << 20);  // shards of 1 MiB: answers up to 64 KiB
  const std::string long_key(ResponseCache::kMaxKeyBytes + 1, 'k');
  cache.Insert(1, long_key, grpc::Slice(std::string("x")));
  cache.Insert(1, "big", grpc::Slice(std::string(65 << 10, 'b')));
  cache.Insert(1, "fits", grpc::Slice(std::string(60 << 10, 'f')));
  EXPECT_EQ(Text(cache.Find(1, long_key)), "<none>");
  EXPECT_EQ(Text(cache.Find(1, "big")), "<none>");
  EXPECT_EQ(Text(cache.Find(1, "fits")).size(), size_t{60 << 10});
}

TEST(ResponseCacheTest, ThreadsReloadingAndAskingAtOnceOnlyEverGetTheirGenerationsAnswers) {
  // Four threads, each on a generation that grows as an index holder's
  // would, ask for and keep answers that name their generation and key;
  // whatever one finds must be the answer for its own generation and key.
  ResponseCache cache(256 << 10);  // small: shards are emptied often too
  std::atomic<uint64_t> newest{1};
  std::atomic<int> wrong{0}, found{0};
  auto answer = [](uint64_t generation, int key) {
    return absl::StrCat("generation ", generation, " answer ", key);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20000; ++i) {
        uint64_t generation = newest.load();
        if (t == 0 && i % 2000 == 1999) generation = ++newest;  // a reload
        const int key = (i * 7 + t) % 500;
        const std::string k = absl::StrCat("id: ", key);
        if (std::optional<grpc::Slice> kept = cache.Find(generation, k)) {
          ++found;
          if (Text(kept) != answer(generation, key)) ++wrong;
        } else {
          cache.Insert(generation, k, grpc::Slice(answer(generation, key)));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_GT(found.load(), 0);
}

TEST(ResponseCacheTest, ABoundOfZeroKeepsNothing) {
  ResponseCache cache(0);
  cache.Insert(1, "id: india", grpc::Slice(std::string("India")));
  EXPECT_EQ(Text(cache.Find(1, "id: india")), "<none>");
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.misses(), 1);  // every answer is built
}

}  // namespace
}  // namespace parley
