// Moving a corpus between a data directory and the shared store, for
// parley-server --migrate, --import and --export.
//
// Thread-safety: each function opens its own connection.
#ifndef PARLEY_SERVICE_LOOKUP_STORE_TRANSFER_H_
#define PARLEY_SERVICE_LOOKUP_STORE_TRANSFER_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "service/index/index.h"

namespace parley {

// Connects to the store at uri and applies its migrations.
// Errors: INVALID_ARGUMENT for a bad URI, UNAVAILABLE when unreachable.
[[nodiscard]] absl::Status MigrateStore(const std::string& uri);

struct ImportResult {
  int64_t version = 0;  // the store's corpus version with the import
  size_t files = 0;
  size_t changes = 0;  // change-feed rows it made
  std::string content_sha256;
};

// Checks the corpus in data_dir completely (as --check: every problem
// listed, nothing written when there is one), then replaces the store's
// corpus with it in one transaction, with the change feed of what that
// changed (cache_dir as in BuildIndexFromFiles, used when the store
// already had a corpus). Errors: INVALID_ARGUMENT listing the corpus's
// problems; UNAVAILABLE when the store is unreachable.
[[nodiscard]] absl::StatusOr<ImportResult> ImportCorpus(const std::string& data_dir,
                                                        const std::string& uri,
                                                        const std::string& cache_dir);

// The index of the store's corpus as it is now (--check --database): every
// problem listed, as for a directory. Errors: as BuildIndexFromFiles;
// FAILED_PRECONDITION for an empty store; UNAVAILABLE when unreachable.
[[nodiscard]] absl::StatusOr<std::unique_ptr<const Index>> CheckStore(const std::string& uri,
                                                                      const std::string& cache_dir);

// Writes the store's corpus into dir (new or empty) as a data directory.
// Returns its version. Errors: ALREADY_EXISTS for a non-empty dir;
// FAILED_PRECONDITION for an empty store; UNAVAILABLE when unreachable.
[[nodiscard]] absl::StatusOr<int64_t> ExportCorpus(const std::string& uri, const std::string& dir);

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_STORE_TRANSFER_H_
