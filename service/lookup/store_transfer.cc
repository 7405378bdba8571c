#include "service/lookup/store_transfer.h"

#include "absl/strings/str_cat.h"
#include "service/base/normalize.h"
#include "service/index/index.h"
#include "service/lookup/index_diff.h"
#include "service/lookup/store_replica.h"
#include "service/store/postgres_store.h"

namespace parley {

absl::Status MigrateStore(const std::string& uri) {
  absl::StatusOr<std::unique_ptr<PostgresStore>> store = PostgresStore::Create(uri);
  if (!store.ok()) return store.status();
  return (*store)->Connect();
}

absl::StatusOr<ImportResult> ImportCorpus(const std::string& data_dir, const std::string& uri,
                                          const std::string& cache_dir) {
  absl::StatusOr<std::unique_ptr<PostgresStore>> store = PostgresStore::Create(uri);
  if (!store.ok()) return store.status();
  // Before the build (seconds at 1M entities): the store could not take it.
  if (absl::Status forms = CheckStorableForms(data_dir); !forms.ok()) return forms;
  absl::StatusOr<std::unique_ptr<const Index>> index = Index::Load(data_dir);
  if (!index.ok()) return index.status();
  absl::StatusOr<std::vector<CorpusFile>> files = ReadCorpusFiles(data_dir);
  if (!files.ok()) return files.status();
  // The store keeps text: what PostgreSQL would refuse (or cut at a NUL) is
  // refused here, with the file.
  for (const CorpusFile& f : *files) {
    if (const size_t nul = f.contents.find('\0'); nul != std::string::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(data_dir, "/", f.path, ": a NUL byte at ", nul, ": corpus files are text"));
    }
    if (const size_t bad = FirstInvalidUtf8(f.contents); bad != absl::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          data_dir, "/", f.path, ": not valid UTF-8 at byte ", bad, ": convert it to UTF-8"));
    }
  }
  ImportResult result;
  result.files = files->size();
  result.content_sha256 = (*index)->info().content_sha256();
  absl::StatusOr<int64_t> version = (*store)->Write(
      [&](const StoreHead& locked,
          const std::function<absl::StatusOr<std::vector<CorpusFile>>()>& read_files)
          -> absl::StatusOr<StoreWrite> {
        std::unique_ptr<const Index> before;
        if (locked.version > 0) {
          absl::StatusOr<std::vector<CorpusFile>> old = read_files();
          if (!old.ok()) return old.status();
          absl::StatusOr<std::unique_ptr<const Index>> built = BuildIndexFromFiles(*old, cache_dir);
          // A store whose corpus no longer builds is replaced all the same:
          // its feed then says everything was added.
          if (built.ok()) before = std::move(*built);
        }
        StoreWrite write;
        write.replace_all = true;
        for (CorpusFile& f : *files) write.files.push_back({f.path, std::move(f.contents)});
        write.changes = DiffIndexes(before.get(), **index);
        write.content_sha256 = result.content_sha256;
        result.changes = write.changes.size();
        return write;
      });
  if (!version.ok()) return version.status();
  result.version = *version;
  return result;
}

namespace {

// The store's corpus now. Errors: FAILED_PRECONDITION for an empty store.
absl::StatusOr<StoreSnapshot> StoreCorpus(const std::string& uri) {
  absl::StatusOr<std::unique_ptr<PostgresStore>> store = PostgresStore::Create(uri);
  if (!store.ok()) return store.status();
  absl::StatusOr<StoreSnapshot> snapshot = (*store)->ReadSnapshot();
  if (snapshot.ok() && snapshot->head.version == 0) {
    return absl::FailedPreconditionError(
        "the store has no corpus yet: load one with parley-server --import=DIR --database=URI");
  }
  return snapshot;
}

}  // namespace

absl::StatusOr<std::unique_ptr<const Index>> CheckStore(const std::string& uri,
                                                        const std::string& cache_dir) {
  absl::StatusOr<StoreSnapshot> snapshot = StoreCorpus(uri);
  if (!snapshot.ok()) return snapshot.status();
  return BuildIndexFromFiles(snapshot->files, cache_dir);
}

absl::StatusOr<int64_t> ExportCorpus(const std::string& uri, const std::string& dir) {
  absl::StatusOr<StoreSnapshot> snapshot = StoreCorpus(uri);
  if (!snapshot.ok()) return snapshot.status();
  if (absl::Status s = WriteCorpusFiles(dir, snapshot->files); !s.ok()) return s;
  return snapshot->head.version;
}

}  // namespace parley
