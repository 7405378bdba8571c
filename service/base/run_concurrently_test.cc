#include "service/base/run_concurrently.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <new>
#include <stdexcept>
#include <thread>

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(RunConcurrentlyTest, RunsEveryTaskOnceTheFirstOnTheCallingThread) {
  const std::thread::id caller = std::this_thread::get_id();
  std::thread::id first, second, third;
  int runs[3] = {0, 0, 0};
  RunConcurrently({[&] {
                     first = std::this_thread::get_id();
                     ++runs[0];
                   },
                   [&] {
                     second = std::this_thread::get_id();
                     ++runs[1];
                   },
                   [&] {
                     third = std::this_thread::get_id();
                     ++runs[2];
                   }});
  EXPECT_EQ(runs[0], 1);
  EXPECT_EQ(runs[1], 1);
  EXPECT_EQ(runs[2], 1);
  EXPECT_EQ(first, caller);
  EXPECT_NE(second, caller);
  EXPECT_NE(third, caller);
  EXPECT_NE(second, third);
}

// The tasks run at once: each waits until the other has started (with a
// bound, so that a sequential run fails the test instead of hanging it).
TEST(RunConcurrentlyTest, TasksRunAtTheSameTime) {
  std::mutex mu;
  std::condition_variable cv;
  int started = 0;
  bool both_seen[2] = {false, false};
  auto task = [&](int i) {
    std::unique_lock<std::mutex> lock(mu);
    ++started;
    cv.notify_all();
    both_seen[i] = cv.wait_for(lock, std::chrono::seconds(30), [&] { return started == 2; });
  };
  RunConcurrently({[&] { task(0); }, [&] { task(1); }});
  EXPECT_TRUE(both_seen[0]);
  EXPECT_TRUE(both_seen[1]);
}

// An exception comes back to the caller, after the other task has finished
// (it still writes to the caller's variables when the first one throws).
TEST(RunConcurrentlyTest, AnExceptionIsRethrownAfterEveryTaskHasFinished) {
  std::atomic<bool> other_finished{false};
  auto throws = [] { throw std::bad_alloc(); };
  auto slow = [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    other_finished = true;
  };
  // Thrown on the calling thread, and on a thread of its own, while another
  // thread still sleeps.
  EXPECT_THROW(RunConcurrently({throws, slow}), std::bad_alloc);
  EXPECT_TRUE(other_finished);
  other_finished = false;
  EXPECT_THROW(RunConcurrently({[] {}, throws, slow}), std::bad_alloc);
  EXPECT_TRUE(other_finished);
}

// The first in list order, not the first thrown: the first task throws
// last.
TEST(RunConcurrentlyTest, OfTwoExceptionsTheFirstTasksComesBack) {
  auto first = [] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    throw std::runtime_error("first");
  };
  auto second = [] { throw std::logic_error("second"); };
  try {
    RunConcurrently({first, second});
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "first");
  }
}

TEST(RunConcurrentlyTest, NoTasksAndOneTask) {
  RunConcurrently(absl::Span<const absl::FunctionRef<void()>>());
  int runs = 0;
  RunConcurrently({[&] { ++runs; }});
  EXPECT_EQ(runs, 1);
}

}  // namespace
}  // namespace parley
