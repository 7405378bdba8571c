// The corpus of a data directory (--data), the embedded default: Reload()
// reads it again; a write changes its files atomically (one file at a
// time, each replaced whole), rebuilds, and puts the old files back if the
// corpus does not load with the new ones. The change feed is kept in
// memory from the first index this process served (version = generation)
// and bounded; older versions are FAILED_PRECONDITION.
//
// Thread-safety: all methods are thread-safe; writes and reloads are
// serialized.
#ifndef PARLEY_SERVICE_LOOKUP_DIRECTORY_SOURCE_H_
#define PARLEY_SERVICE_LOOKUP_DIRECTORY_SOURCE_H_

#include <deque>
#include <mutex>
#include <string>

#include "service/lookup/corpus_source.h"
#include "service/lookup/index_holder.h"

namespace parley {

class DirectorySource : public CorpusSource {
 public:
  // Changes the feed keeps at most (whole versions are dropped, oldest first).
  static constexpr size_t kMaxFeedChanges = 100000;

  // REQUIRES: holder outlives this.
  DirectorySource(std::string data_dir, IndexHolder* holder)
      : data_dir_(std::move(data_dir)), holder_(holder) {}

  absl::StatusOr<int64_t> Reload() override;
  absl::StatusOr<int64_t> ChangeFiles(absl::string_view what, const FilePlanner& plan) override;
  absl::StatusOr<ChangeFeed> ChangesSince(int64_t since) override;

  const std::string& data_dir() const { return data_dir_; }

 private:
  // Loads data_dir, installs it and adds its changes to the feed.
  // REQUIRES: write_mu_ held.
  absl::StatusOr<int64_t> ReloadLocked();

  const std::string data_dir_;
  IndexHolder* const holder_;
  std::mutex write_mu_;  // one reload or write at a time
  std::mutex feed_mu_;   // guards the two below and installs (a version with its changes)
  std::deque<v1::Change> feed_;
  int64_t feed_start_ = 1;  // the feed has the changes after this version
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_DIRECTORY_SOURCE_H_
