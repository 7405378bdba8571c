// The index being served, swapped atomically on reload.
//
// Every call takes a Snapshot (the Lookup of one index generation) and keeps
// it to the end, so a reload never changes an answer half-way; the old index
// is freed when its last call finishes. Reload() builds the new index from
// disk on the calling thread, outside any lock readers take; a failed reload
// changes nothing and is recorded.
//
// Thread-safety: all methods are thread-safe. Reloads are serialized.
#ifndef PARLEY_SERVICE_LOOKUP_INDEX_HOLDER_H_
#define PARLEY_SERVICE_LOOKUP_INDEX_HOLDER_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/lookup/lookup.h"

namespace parley {

class IndexHolder {
 public:
  // data_dir is what Reload() reads.
  explicit IndexHolder(std::string data_dir) : data_dir_(std::move(data_dir)) {}

  // The lookup serving now (generation >= 1), or nullptr before the first
  // Install().
  std::shared_ptr<const Lookup> Current() const;

  // Serves index from now on as the next generation; returns it.
  uint64_t Install(std::shared_ptr<const Index> index);

  // Rebuilds the index from data_dir and installs it. On failure the current
  // index stays and the error is recorded (see FillReloadInfo).
  [[nodiscard]] absl::StatusOr<uint64_t> Reload();

  // Writes articles/<file_name> into data_dir atomically, rebuilds the index
  // and installs it. Errors: ALREADY_EXISTS if the file exists or the current
  // index has a document document_id; FAILED_PRECONDITION if the corpus does
  // not load with the article (the file is removed again, nothing changes);
  // INTERNAL/NOT_FOUND if the file cannot be written.
  [[nodiscard]] absl::StatusOr<uint64_t> AddArticle(absl::string_view document_id,
                                                    absl::string_view file_name,
                                                    absl::string_view contents);

  // Adds generation and the last reload's time, outcome and error to info.
  void FillReloadInfo(v1::IndexInfo* info) const;

  const std::string& data_dir() const { return data_dir_; }

 private:
  const std::string data_dir_;
  std::shared_ptr<const Lookup> current_;  // std::atomic_load/store only
  // Loads data_dir and installs it, recording the outcome.
  // REQUIRES: reload_mu_ held.
  [[nodiscard]] absl::StatusOr<uint64_t> ReloadLocked();

  // std::mutex rather than absl::Mutex: Debian's Abseil is not built with
  // ThreadSanitizer annotations, and this class is tested under TSan.
  std::mutex reload_mu_;        // one reload or ingestion at a time
  mutable std::mutex info_mu_;  // guards the fields below
  uint64_t generation_ = 0;
  int64_t reloads_ = 0;
  int64_t reload_failures_ = 0;
  absl::Time last_reload_time_ = absl::InfinitePast();
  std::string last_reload_error_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_INDEX_HOLDER_H_
