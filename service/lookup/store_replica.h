// A replica of the shared store's corpus (--database): builds its index
// from one consistent snapshot of the store, then follows it, rebuilding
// in the background and swapping whenever a commit notifies (or a poll
// finds a newer version, should a notification be lost).
//
// Faults: while the store cannot be reached the follower retries with
// backoff (100 ms doubling to max_backoff); the holder keeps serving the
// last index (none before the first: health stays NOT_SERVING) and its
// IndexInfo says the store is unreachable and why; writes get UNAVAILABLE.
// When the store is back the replica catches up. A corpus version that
// does not build is recorded as a failed reload and the old index stays.
//
// Writes (ChangeFiles) run in the store's write transaction: planned
// against the corpus of the locked version, checked by building the index
// with the change, committed with the change feed rows (the difference
// between the two indexes), then installed here at once; the other
// replicas follow on the notification.
//
// Thread-safety: all methods are thread-safe. Start() once.
#ifndef PARLEY_SERVICE_LOOKUP_STORE_REPLICA_H_
#define PARLEY_SERVICE_LOOKUP_STORE_REPLICA_H_

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "service/lookup/corpus_source.h"
#include "service/lookup/index_holder.h"
#include "service/store/postgres_store.h"

namespace parley {

// Builds the index of a corpus given as files: articles and knowledge base
// from memory, lexicons written into a directory of their own under
// cache_dir ("" = the system's temporary directory) and removed after.
// Problems name the files as "store:<path>".
[[nodiscard]] absl::StatusOr<std::unique_ptr<const Index>> BuildIndexFromFiles(
    const std::vector<CorpusFile>& files, const std::string& cache_dir);

class StoreReplica : public CorpusSource {
 public:
  struct Options {
    std::string cache_dir;  // see BuildIndexFromFiles
    // How long one wait for a notification lasts; the version is read
    // after each.
    absl::Duration wait_slice = absl::Seconds(1);
    absl::Duration max_backoff = absl::Seconds(5);
    // Where the follower says what it does ("" never passed).
    std::function<void(const std::string& message)> log;
  };

  // REQUIRES: holder outlives this.
  StoreReplica(std::unique_ptr<PostgresStore> store, IndexHolder* holder, Options options);
  ~StoreReplica() override;  // Stop()

  // Starts the follower thread; on_first_index runs on it once the first
  // index is installed.
  void Start(std::function<void()> on_first_index);
  // Stops the follower (within about a wait_slice). Idempotent.
  void Stop();

  absl::StatusOr<int64_t> Reload() override;
  absl::StatusOr<int64_t> ChangeFiles(absl::string_view what, const FilePlanner& plan) override;
  absl::StatusOr<ChangeFeed> ChangesSince(int64_t since) override;

 private:
  void Follow(std::function<void()> on_first_index);
  // Builds and installs the store's newest version if it is newer than
  // the one served (or always, when force).
  absl::Status CatchUp(bool force);
  // Whether current was built from head: the same version, and its content
  // hash is head's, or it was built from head itself (installed_from_). The
  // second, because the hash's definition may change between releases (it
  // did on 2026-12-07): a head written by an older release keeps its hash
  // until the next write, and a replica must not rebuild on every wake-up.
  bool Serves(const Lookup* current, const StoreHead& head) const;
  void Installed(const StoreHead& head);
  void Log(const std::string& message) const {
    if (options_.log) options_.log(message);
  }
  // Sleeps d unless stopped first; returns whether still running.
  bool SleepUnlessStopped(absl::Duration d);

  std::unique_ptr<PostgresStore> store_;
  IndexHolder* const holder_;
  const Options options_;
  std::mutex build_mu_;  // one build or write at a time
  // The last version that did not build, and why: built again only when
  // forced (Reload) or after another version. Guarded by build_mu_.
  StoreHead failed_head_{-1, ""};
  absl::Status failed_status_;
  // The head the index served was built from (CatchUp) or written as
  // (ChangeFiles).
  mutable std::mutex installed_mu_;
  StoreHead installed_from_{-1, ""};  // guarded by installed_mu_
  std::mutex stop_mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread follower_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_STORE_REPLICA_H_
