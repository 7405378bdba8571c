// A corpus as a set of files: what the shared store keeps and what a
// replica writes into a directory to build its index from (see
// corpus/corpus.h for the layout: articles/, kb/, lexicons/).
//
// Thread-safety: pure functions, apart from the files they read and write.
#ifndef PARLEY_SERVICE_STORE_CORPUS_FILES_H_
#define PARLEY_SERVICE_STORE_CORPUS_FILES_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/corpus/corpus.h"  // CorpusFile

namespace parley {

// A change to one file: new contents, or removal when contents is nullopt.
struct FileChange {
  std::string path;
  std::optional<std::string> contents;
};

// The changes after a version, as far as a change feed keeps them.
struct ChangeFeed {
  int64_t current_version = 0;
  std::vector<v1::Change> changes;  // in version order
};

// The directories of a corpus that are files of it.
inline constexpr const char* kCorpusSubdirectories[] = {"articles", "kb", "lexicons"};

// The files of the corpus in dir, as Corpus::Read and the lexicons read
// them: articles/*.txt, kb/*.textproto, lexicons/*.txt; sorted by path. Errors: NOT_FOUND for a
// missing dir, INTERNAL for a file that cannot be read, INVALID_ARGUMENT
// for a kb/*.binpb (the store keeps text; the message says how to convert),
// before any file is read.
[[nodiscard]] absl::StatusOr<std::vector<CorpusFile>> ReadCorpusFiles(const std::string& dir);

// ReadCorpusFiles' check of the files' forms alone, from a listing of dir:
// INVALID_ARGUMENT naming every kb/*.binpb, else OK (also for a missing
// dir). Cheap: for a caller with longer work to do before it reads them.
[[nodiscard]] absl::Status CheckStorableForms(const std::string& dir);

// Writes files into dir, which must not exist yet (it is created, with
// its parents). Paths must be relative and stay inside dir.
// Errors: ALREADY_EXISTS when dir exists and is not empty;
// INVALID_ARGUMENT for a path that leaves dir; INTERNAL on a write error.
[[nodiscard]] absl::Status WriteCorpusFiles(const std::string& dir,
                                            const std::vector<CorpusFile>& files);

// files with changes applied (replaced, added, removed), sorted by path.
std::vector<CorpusFile> ApplyFileChanges(std::vector<CorpusFile> files,
                                         const std::vector<FileChange>& changes);

// Whether path is a file a corpus may have: one of kCorpusSubdirectories,
// one name below it, no "..", no NUL.
bool IsCorpusFilePath(absl::string_view path);

}  // namespace parley

#endif  // PARLEY_SERVICE_STORE_CORPUS_FILES_H_
