#include "service/base/run_concurrently.h"

#include <exception>
#include <optional>
#include <thread>
#include <vector>

namespace parley {

void RunConcurrently(absl::Span<const absl::FunctionRef<void()>> tasks) {
  if (tasks.empty()) return;
  std::vector<std::exception_ptr> errors(tasks.size());
  auto run = [&](size_t i) {
    try {
      tasks[i]();
    } catch (...) {
      errors[i] = std::current_exception();
    }
  };
  // Every thread is joined before this returns, also when a later one
  // fails to start: a std::thread destroyed unjoined would end the process.
  std::vector<std::optional<std::thread>> threads(tasks.size());
  for (size_t i = 1; i < tasks.size(); ++i) {
    try {
      threads[i].emplace(run, i);
    } catch (...) {
      // No thread (std::system_error, or std::bad_alloc for its state):
      // the task runs here below. Leaving now would destroy the running
      // threads unjoined, which ends the process.
    }
  }
  run(0);
  for (size_t i = 1; i < tasks.size(); ++i) {
    if (threads[i]) {
      threads[i]->join();
    } else {
      run(i);
    }
  }
  for (const std::exception_ptr& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace parley
