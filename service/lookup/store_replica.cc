#include "service/lookup/store_replica.h"

#include <filesystem>

#include <unistd.h>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "service/base/errors.h"
#include "service/lookup/index_diff.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

std::string NewSnapshotDir(const std::string& cache_dir) {
  static std::atomic<uint64_t> counter{0};
  std::error_code ec;
  const fs::path base = cache_dir.empty() ? fs::temp_directory_path(ec) : fs::path(cache_dir);
  return (base / absl::StrCat("parley-snapshot-", getpid(), "-", ++counter)).string();
}

}  // namespace

absl::StatusOr<std::unique_ptr<const Index>> BuildIndexFromFiles(
    const std::vector<CorpusFile>& files, const std::string& cache_dir) {
  // Articles and knowledge base from memory; the lexicons (a few small
  // files, read by the extractor from a directory) through the cache
  // directory. Writing every article would cost more than the build on a
  // slow file system.
  std::vector<CorpusFile> lexicons;
  for (const CorpusFile& f : files) {
    if (absl::StartsWith(f.path, "lexicons/")) lexicons.push_back(f);
  }
  std::string dir;
  if (!lexicons.empty()) {
    dir = NewSnapshotDir(cache_dir);
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (absl::Status s = WriteCorpusFiles(dir, lexicons); !s.ok()) return s;
  }
  absl::StatusOr<std::unique_ptr<const Index>> index =
      Index::Load("store:", files, dir.empty() ? "" : dir + "/lexicons");
  if (!dir.empty()) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  if (!index.ok() && !dir.empty()) {
    return absl::Status(index.status().code(),
                        absl::StrReplaceAll(index.status().message(), {{dir + "/", "store:"}}));
  }
  return index;
}

StoreReplica::StoreReplica(std::unique_ptr<PostgresStore> store, IndexHolder* holder,
                           Options options)
    : store_(std::move(store)), holder_(holder), options_(std::move(options)) {
  holder_->SetSource("postgresql", store_->description());
  holder_->SetStoreState(false, "not connected yet");
}

StoreReplica::~StoreReplica() { Stop(); }

void StoreReplica::Start(std::function<void()> on_first_index) {
  follower_ =
      std::thread([this, on_first_index = std::move(on_first_index)] { Follow(on_first_index); });
}

void StoreReplica::Stop() {
  {
    std::lock_guard<std::mutex> lock(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (follower_.joinable()) follower_.join();
}

bool StoreReplica::SleepUnlessStopped(absl::Duration d) {
  std::unique_lock<std::mutex> lock(stop_mu_);
  stop_cv_.wait_for(lock, absl::ToChronoMilliseconds(d), [this] { return stopping_; });
  return !stopping_;
}

void StoreReplica::Follow(std::function<void()> on_first_index) {
  absl::Duration backoff = absl::Milliseconds(100);
  bool announced = false;
  bool was_reachable = false;
  std::string last_problem;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(stop_mu_);
      if (stopping_) return;
    }
    absl::Status status = CatchUp(/*force=*/false);
    if (absl::IsUnavailable(status)) {
      holder_->SetStoreState(false, std::string(status.message()));
      Log(absl::StrCat("store unreachable, retrying in ", absl::FormatDuration(backoff), ": ",
                       status.message()));
      was_reachable = false;
      if (!SleepUnlessStopped(backoff)) return;
      backoff = std::min(backoff * 2, options_.max_backoff);
      continue;
    }
    // Reachable: say so every time, since a failed write may have said not.
    holder_->SetStoreState(true, "");
    if (!was_reachable) {
      Log(absl::StrCat("store reachable: ", store_->description()));
      was_reachable = true;
    }
    backoff = absl::Milliseconds(100);
    if (!announced && holder_->Current() != nullptr) {
      announced = true;
      if (on_first_index) on_first_index();
    }
    if (!status.ok() && status.message() != last_problem) {
      // Keep serving what there is; try again on the next change.
      Log(absl::StrCat(absl::IsInternal(status) ? "store error: " : "corpus not served: ",
                       status.message()));
    }
    last_problem = std::string(status.message());
    absl::StatusOr<bool> changed = store_->WaitForChange(options_.wait_slice);
    if (!changed.ok()) {
      holder_->SetStoreState(false, std::string(changed.status().message()));
      was_reachable = false;
      if (!SleepUnlessStopped(backoff)) return;
    }
  }
}

bool StoreReplica::Serves(const Lookup* current, const StoreHead& head) const {
  if (current == nullptr || current->corpus_version() != head.version) return false;
  if (current->index().info().content_sha256() == head.content_sha256) return true;
  std::lock_guard<std::mutex> lock(installed_mu_);
  return installed_from_.version == head.version &&
         installed_from_.content_sha256 == head.content_sha256;
}

void StoreReplica::Installed(const StoreHead& head) {
  std::lock_guard<std::mutex> lock(installed_mu_);
  installed_from_ = head;
}

absl::Status StoreReplica::CatchUp(bool force) {
  absl::StatusOr<StoreHead> head = store_->Head();
  if (!head.ok()) return head.status();
  if (!force && Serves(holder_->Current().get(), *head)) return absl::OkStatus();
  std::lock_guard<std::mutex> lock(build_mu_);
  // A write of this replica may have installed it meanwhile.
  if (!force && Serves(holder_->Current().get(), *head)) return absl::OkStatus();
  if (head->version == 0) {
    return absl::FailedPreconditionError(
        "the store has no corpus yet: load one with parley-server --import=DIR --database=URI");
  }
  if (!force && head->version == failed_head_.version &&
      head->content_sha256 == failed_head_.content_sha256) {
    return failed_status_;  // not built again until the store changes
  }
  const absl::Time start = absl::Now();
  absl::StatusOr<StoreSnapshot> snapshot = store_->ReadSnapshot();
  if (!snapshot.ok()) return snapshot.status();
  const absl::Time read = absl::Now();
  absl::StatusOr<std::unique_ptr<const Index>> index =
      BuildIndexFromFiles(snapshot->files, options_.cache_dir);
  // The first build is the start, not a reload.
  if (holder_->Current() != nullptr) holder_->RecordReload(index.status());
  if (!index.ok()) {
    failed_head_ = snapshot->head;
    failed_status_ = absl::FailedPreconditionError(absl::StrCat(
        "version ", snapshot->head.version, " does not build: ", index.status().message()));
    return failed_status_;
  }
  // Installed whatever the version served before: a store recreated or
  // restored may have gone back, and it is the truth.
  holder_->Install(std::move(*index), snapshot->head.version);
  Installed(snapshot->head);
  Log(absl::StrCat("serving corpus version ", snapshot->head.version, " (snapshot of ",
                   snapshot->files.size(), " files read in ",
                   absl::ToInt64Milliseconds(read - start), " ms, index built in ",
                   absl::ToInt64Milliseconds(absl::Now() - read), " ms)"));
  return absl::OkStatus();
}

absl::StatusOr<int64_t> StoreReplica::Reload() {
  absl::Status status = CatchUp(/*force=*/true);
  if (!status.ok()) return status;
  return holder_->Current()->corpus_version();
}

absl::StatusOr<int64_t> StoreReplica::ChangeFiles(absl::string_view what, const FilePlanner& plan) {
  if (holder_->Current() == nullptr) {
    return absl::UnavailableError("no corpus is served yet: try again when health is SERVING");
  }
  std::lock_guard<std::mutex> lock(build_mu_);
  std::shared_ptr<const Index> built;
  absl::StatusOr<int64_t> version =
      store_->Write([&](const StoreHead& locked,
                        const std::function<absl::StatusOr<std::vector<CorpusFile>>()>& read_files)
                        -> absl::StatusOr<StoreWrite> {
        absl::StatusOr<std::vector<CorpusFile>> files = read_files();
        if (!files.ok()) return files.status();
        std::shared_ptr<const Lookup> current = holder_->Current();
        if (!Serves(current.get(), locked)) {
          absl::StatusOr<std::unique_ptr<const Index>> old =
              BuildIndexFromFiles(*files, options_.cache_dir);
          if (!old.ok()) {
            return absl::FailedPreconditionError(
                absl::StrCat("the store's corpus (version ", locked.version,
                             ") does not build: ", old.status().message()));
          }
          current = std::make_shared<Lookup>(std::move(*old), 0, locked.version);
        }
        absl::flat_hash_map<std::string, const std::string*> by_path;
        for (const CorpusFile& f : *files) by_path[f.path] = &f.contents;
        auto read = [&](absl::string_view path) -> absl::StatusOr<std::string> {
          auto it = by_path.find(path);
          if (it == by_path.end()) return absl::NotFoundError(absl::StrCat(path, ": no such file"));
          return *it->second;
        };
        absl::StatusOr<std::vector<FileChange>> changes = plan(*current, read);
        if (!changes.ok()) return changes.status();
        absl::StatusOr<std::unique_ptr<const Index>> next =
            BuildIndexFromFiles(ApplyFileChanges(*files, *changes), options_.cache_dir);
        if (!next.ok()) {
          return WithReason(absl::FailedPreconditionError(absl::StrCat(
                                "the corpus does not load with ", what,
                                ", so nothing was changed: ", next.status().message())),
                            "CHANGE_FAILED");
        }
        built = std::move(*next);
        StoreWrite write;
        write.files = std::move(*changes);
        write.changes = DiffIndexes(&current->index(), *built);
        write.content_sha256 = built->info().content_sha256();
        return write;
      });
  if (!version.ok()) {
    if (absl::IsUnavailable(version.status())) {
      holder_->SetStoreState(false, std::string(version.status().message()));
      return WithReason(absl::UnavailableError(absl::StrCat(
                            "nothing was written: ", version.status().message(),
                            "; writes need the store, reads go on from the last index")),
                        "STORE_UNAVAILABLE");
    }
    return version.status();
  }
  holder_->SetStoreState(true, "");
  holder_->RecordReload(absl::OkStatus());
  holder_->Install(std::move(built), *version);  // under build_mu_: nothing newer is served
  return *version;
}

absl::StatusOr<ChangeFeed> StoreReplica::ChangesSince(int64_t since) {
  absl::StatusOr<ChangeFeed> feed = store_->ChangesSince(since);
  if (!feed.ok()) return feed.status();
  // Only as far as this replica serves: what the feed says is here.
  const std::shared_ptr<const Lookup> current = holder_->Current();
  const int64_t served = current == nullptr ? 0 : current->corpus_version();
  if (feed->current_version > served) {
    feed->current_version = served;
    std::vector<v1::Change> kept;
    for (v1::Change& c : feed->changes) {
      if (c.version() <= served) kept.push_back(std::move(c));
    }
    feed->changes = std::move(kept);
  }
  return feed;
}

}  // namespace parley
