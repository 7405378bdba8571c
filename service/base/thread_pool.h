// A fixed set of worker threads that run closures in the order they were
// scheduled. The gRPC layer hands it the calls that may take long (mention
// linking of megabytes of text, document search), so that they never hold
// one of gRPC's own threads while cheap calls wait behind them.
//
// Thread-safety: Schedule() may be called from any thread. The destructor
// runs every closure already scheduled, then joins the workers.
#ifndef PARLEY_SERVICE_BASE_THREAD_POOL_H_
#define PARLEY_SERVICE_BASE_THREAD_POOL_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/functional/any_invocable.h"

namespace parley {

class ThreadPool {
 public:
  // REQUIRES: threads >= 1.
  explicit ThreadPool(int threads);
  ~ThreadPool();

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  void Schedule(absl::AnyInvocable<void() &&> work);

 private:
  void Work();

  // std::mutex rather than absl::Mutex: see index_holder.h (TSan).
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<absl::AnyInvocable<void() &&>> queue_;  // guarded by mu_
  bool stopping_ = false;                            // guarded by mu_
  std::vector<std::thread> workers_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_THREAD_POOL_H_
