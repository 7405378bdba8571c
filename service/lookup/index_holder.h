// The index being served, swapped atomically when the corpus changes.
//
// Every call takes a Snapshot (the Lookup of one index generation) and keeps
// it to the end, so a swap never changes an answer half-way; the old index
// is freed when its last call finishes. What builds the indexes and writes
// the corpus is a CorpusSource (corpus_source.h): the data directory or the
// shared store; the holder only serves what they install and records how
// it went.
//
// Thread-safety: all methods are thread-safe.
#ifndef PARLEY_SERVICE_LOOKUP_INDEX_HOLDER_H_
#define PARLEY_SERVICE_LOOKUP_INDEX_HOLDER_H_

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "service/lookup/lookup.h"

namespace parley {

class IndexHolder {
 public:
  IndexHolder() = default;
  IndexHolder(const IndexHolder&) = delete;
  IndexHolder& operator=(const IndexHolder&) = delete;
  // Stops the huge-page thread (Install), after the index it is on.
  ~IndexHolder();

  // The lookup serving now (generation >= 1), or nullptr before the first
  // Install().
  std::shared_ptr<const Lookup> Current() const;

  // Serves index from now on as the next generation, built from the
  // corpus's version corpus_version (0: the generation). Returns the
  // generation. The index is then backed with huge pages (Index::
  // BackWithHugePages) on a thread of the holder's, so that neither SERVING
  // nor the caller waits; an index replaced before its turn is skipped.
  uint64_t Install(std::shared_ptr<const Index> index, int64_t corpus_version = 0);

  // Records a reload, successful or not (error empty when it succeeded).
  void RecordReload(const absl::Status& outcome);

  // Where the corpus comes from, for IndexInfo: "directory" (the default)
  // or "postgresql", with a description (the data directory or the
  // store's URI without password).
  void SetSource(std::string store, std::string description);
  // Whether the store can be reached now, and why not.
  void SetStoreState(bool reachable, std::string error);

  // Adds generation, the last reload's time, outcome and error, and the
  // store's name, reachability and corpus version to info.
  void FillReloadInfo(v1::IndexInfo* info) const;

 private:
  std::shared_ptr<const Lookup> current_;  // std::atomic_load/store only
  // std::mutex rather than absl::Mutex: Debian's Abseil is not built with
  // ThreadSanitizer annotations, and this class is tested under TSan.
  mutable std::mutex info_mu_;  // guards the fields below and Install's swap
  // The huge-page thread: started by the first Install; takes the newest
  // index not yet backed. (A thread that cannot be started: no huge pages.)
  void BackWithHugePagesLoop();
  std::mutex huge_pages_mu_;  // guards the two below
  std::shared_ptr<const Index> huge_pages_next_;
  bool huge_pages_stop_ = false;
  std::condition_variable huge_pages_cv_;
  std::thread huge_pages_thread_;
  uint64_t generation_ = 0;
  int64_t reloads_ = 0;
  int64_t reload_failures_ = 0;
  absl::Time last_reload_time_ = absl::InfinitePast();
  std::string last_reload_error_;
  std::string store_ = "directory";
  std::string description_;
  bool store_reachable_ = true;
  std::string store_error_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_INDEX_HOLDER_H_
