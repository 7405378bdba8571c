#include "service/lookup/directory_source.h"

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "service/base/atomic_file.h"
#include "service/base/errors.h"
#include "service/lookup/index_diff.h"

namespace parley {
namespace {

namespace fs = std::filesystem;

std::optional<std::string> ReadWhole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

// Writes contents to path atomically, or removes it for nullopt.
absl::Status Put(const fs::path& path, const std::optional<std::string>& contents) {
  if (contents) return WriteFileAtomically(path.string(), *contents);
  std::error_code ec;
  fs::remove(path, ec);
  if (ec) return absl::InternalError(absl::StrCat(path.string(), ": ", ec.message()));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int64_t> DirectorySource::Reload() {
  std::lock_guard<std::mutex> lock(write_mu_);
  return ReloadLocked();
}

absl::StatusOr<int64_t> DirectorySource::ReloadLocked() {
  absl::StatusOr<std::unique_ptr<const Index>> index = Index::Load(data_dir_);
  holder_->RecordReload(index.status());
  if (!index.ok()) return index.status();
  std::shared_ptr<const Index> now = std::move(*index);
  // The diff first, then the swap and the feed together: a ListChanges
  // never sees a version served without its changes.
  const std::shared_ptr<const Lookup> before = holder_->Current();
  std::vector<v1::Change> changes;
  if (before != nullptr) changes = DiffIndexes(&before->index(), *now);
  const google::protobuf::Timestamp time = google::protobuf::util::TimeUtil::GetCurrentTime();
  std::lock_guard<std::mutex> lock(feed_mu_);
  const int64_t version = static_cast<int64_t>(holder_->Install(now));
  for (v1::Change& change : changes) {
    change.set_version(version);
    *change.mutable_time() = time;
    feed_.push_back(std::move(change));
  }
  while (feed_.size() > kMaxFeedChanges) {
    const int64_t oldest = feed_.front().version();
    while (!feed_.empty() && feed_.front().version() == oldest) feed_.pop_front();
    feed_start_ = oldest;
  }
  return version;
}

absl::StatusOr<int64_t> DirectorySource::ChangeFiles(absl::string_view what,
                                                     const FilePlanner& plan) {
  std::lock_guard<std::mutex> lock(write_mu_);
  const std::shared_ptr<const Lookup> current = holder_->Current();
  if (current == nullptr) {
    return absl::UnavailableError("the index is still being built: try again shortly");
  }
  auto read = [this](absl::string_view path) -> absl::StatusOr<std::string> {
    if (!IsCorpusFilePath(path)) return absl::NotFoundError(path);
    std::optional<std::string> bytes = ReadWhole(fs::path(data_dir_) / std::string(path));
    if (!bytes) return absl::NotFoundError(absl::StrCat(path, ": no such file"));
    return *bytes;
  };
  absl::StatusOr<std::vector<FileChange>> changes = plan(*current, read);
  if (!changes.ok()) return changes.status();
  std::vector<std::pair<fs::path, std::optional<std::string>>> originals;
  auto restore = [&] {
    for (auto it = originals.rbegin(); it != originals.rend(); ++it) {
      (void)Put(it->first, it->second);
    }
  };
  for (const FileChange& change : *changes) {
    if (!IsCorpusFilePath(change.path)) {
      restore();
      return absl::InvalidArgumentError(absl::StrCat("\"", change.path, "\" is not a corpus file"));
    }
    const fs::path path = fs::path(data_dir_) / change.path;
    originals.emplace_back(path, ReadWhole(path));
    if (absl::Status s = Put(path, change.contents); !s.ok()) {
      restore();
      return s;
    }
  }
  absl::StatusOr<int64_t> version = ReloadLocked();
  if (!version.ok()) {
    restore();
    return WithReason(absl::FailedPreconditionError(
                          absl::StrCat("the corpus does not load with ", what,
                                       ", so nothing was changed: ", version.status().message())),
                      "CHANGE_FAILED");
  }
  return version;
}

absl::StatusOr<ChangeFeed> DirectorySource::ChangesSince(int64_t since) {
  std::lock_guard<std::mutex> lock(feed_mu_);  // the version and its changes together
  const std::shared_ptr<const Lookup> current = holder_->Current();
  ChangeFeed feed;
  feed.current_version = current == nullptr ? 0 : current->corpus_version();
  if (since < 0 || since > feed.current_version) {
    return WithReason(absl::InvalidArgumentError(absl::StrCat(
                          "since_version: ", since, " is not a version of the corpus (0 to ",
                          feed.current_version, ")")),
                      "INVALID_VERSION");
  }
  if (since < feed_start_) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "since_version: this server keeps the changes after version ", feed_start_,
            " only (a data directory's feed starts when the server does); read everything "
            "again (Export) and follow the feed from version ",
            feed.current_version)),
        "CHANGES_EXPIRED");
  }
  for (const v1::Change& change : feed_) {
    if (change.version() > since && change.version() <= feed.current_version) {
      feed.changes.push_back(change);
    }
  }
  return feed;
}

}  // namespace parley
