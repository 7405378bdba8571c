// RunConcurrently: a few tasks at once, the first on the calling thread and
// each other on a thread of its own, joined before it returns. The index
// build splits its big steps this way (two halves of the entities, the
// articles beside the knowledge base's parse).
//
// Errors: an exception from a task (a bad_alloc) is rethrown on the calling
// thread once every task has finished: never while another task may still
// use what the caller owns. Of several, the first task's in list order.
// A thread that cannot be started (std::system_error, std::bad_alloc) is not
// an error: its task runs on the calling thread once the first task and the
// threads listed before it have finished (later ones may still run).
//
// Thread-safety: the tasks run at the same time; what they share is theirs
// to guard.
#ifndef PARLEY_SERVICE_BASE_RUN_CONCURRENTLY_H_
#define PARLEY_SERVICE_BASE_RUN_CONCURRENTLY_H_

#include <initializer_list>

#include "absl/functional/function_ref.h"
#include "absl/types/span.h"

namespace parley {

void RunConcurrently(absl::Span<const absl::FunctionRef<void()>> tasks);

inline void RunConcurrently(std::initializer_list<absl::FunctionRef<void()>> tasks) {
  RunConcurrently(absl::MakeConstSpan(tasks.begin(), tasks.size()));
}

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_RUN_CONCURRENTLY_H_
