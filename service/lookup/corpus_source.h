// Where the served corpus comes from and where writes to it go: the data
// directory (DirectorySource) or the shared PostgreSQL store
// (StoreReplica). Both build indexes with Index::Load and install them in
// an IndexHolder; both keep a change feed (parley.v1.Change).
//
// A write is a set of file changes (articles/, kb/), planned against the
// corpus as it is when the write runs, checked by building the index with
// them, and committed only if that succeeds: all or nothing.
//
// Thread-safety: all methods are thread-safe; writes are serialized.
#ifndef PARLEY_SERVICE_LOOKUP_CORPUS_SOURCE_H_
#define PARLEY_SERVICE_LOOKUP_CORPUS_SOURCE_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "service/lookup/lookup.h"
#include "service/store/corpus_files.h"

namespace parley {

// Reads one corpus file by path ("kb/reviews.textproto"); NOT_FOUND if the
// corpus has none.
using FileReader = absl::FunctionRef<absl::StatusOr<std::string>(absl::string_view path)>;
// Plans a write: given the lookup of the corpus the write applies to and a
// reader of its files, the changes to make (or an error, and nothing is
// written).
using FilePlanner =
    std::function<absl::StatusOr<std::vector<FileChange>>(const Lookup& current, FileReader read)>;

class CorpusSource {
 public:
  virtual ~CorpusSource() = default;

  // Reads the corpus again, builds and installs it. Returns the corpus
  // version now served. On failure the old index keeps serving.
  [[nodiscard]] virtual absl::StatusOr<int64_t> Reload() = 0;

  // Plans, checks and commits a write (see above); what names it in
  // errors ("the article"). Returns the corpus version that has it, which
  // this replica serves when the call returns. Errors: the planner's own;
  // FAILED_PRECONDITION (reason CHANGE_FAILED) when the corpus does not
  // load with the change (nothing is written); UNAVAILABLE when the store
  // cannot be reached or no index is served yet.
  [[nodiscard]] virtual absl::StatusOr<int64_t> ChangeFiles(absl::string_view what,
                                                            const FilePlanner& plan) = 0;

  // The changes after since (see parley.v1.LookupService.ListChanges).
  [[nodiscard]] virtual absl::StatusOr<ChangeFeed> ChangesSince(int64_t since) = 0;
};

// Adds articles/<file_name> with contents. Errors: ALREADY_EXISTS (reason
// DOCUMENT_EXISTS) when the file or the document id exists; as ChangeFiles.
[[nodiscard]] absl::StatusOr<int64_t> AddArticle(CorpusSource& source,
                                                 absl::string_view document_id,
                                                 absl::string_view file_name,
                                                 absl::string_view contents);

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_CORPUS_SOURCE_H_
