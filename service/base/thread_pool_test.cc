#include "service/base/thread_pool.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <vector>

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(ThreadPoolTest, RunsEveryClosureBeforeItIsDestroyed) {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(3);
    for (int i = 0; i < 1000; ++i) pool.Schedule([&ran] { ran.fetch_add(1); });
  }
  EXPECT_EQ(ran.load(), 1000);
}

TEST(ThreadPoolTest, OneThreadRunsClosuresInScheduleOrder) {
  std::vector<int> order;
  {
    ThreadPool pool(1);
    for (int i = 0; i < 100; ++i) pool.Schedule([&order, i] { order.push_back(i); });
  }
  ASSERT_EQ(order.size(), 100u);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(order[i], i);
}

TEST(ThreadPoolTest, TakesMoveOnlyClosures) {
  std::mutex mu;
  std::vector<int> seen;
  {
    ThreadPool pool(2);
    for (int i = 0; i < 50; ++i) {
      auto value = std::make_unique<int>(i);
      pool.Schedule([&, value = std::move(value)] {
        std::lock_guard<std::mutex> lock(mu);
        seen.push_back(*value);
      });
    }
  }
  EXPECT_EQ(seen.size(), 50u);
}

}  // namespace
}  // namespace parley
