#include "service/lookup/index_holder.h"

#include <atomic>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "service/base/atomic_file.h"
#include "service/base/errors.h"

namespace parley {

std::shared_ptr<const Lookup> IndexHolder::Current() const { return std::atomic_load(&current_); }

uint64_t IndexHolder::Install(std::shared_ptr<const Index> index) {
  std::lock_guard<std::mutex> lock(info_mu_);
  const uint64_t generation = ++generation_;
  std::atomic_store(&current_, std::shared_ptr<const Lookup>(
                                   std::make_shared<Lookup>(std::move(index), generation)));
  return generation;
}

absl::StatusOr<uint64_t> IndexHolder::Reload() {
  std::lock_guard<std::mutex> reload(reload_mu_);
  return ReloadLocked();
}

absl::StatusOr<uint64_t> IndexHolder::AddArticle(absl::string_view document_id,
                                                 absl::string_view file_name,
                                                 absl::string_view contents) {
  std::lock_guard<std::mutex> reload(reload_mu_);
  const std::filesystem::path path =
      std::filesystem::path(data_dir_) / "articles" / std::string(file_name);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    return WithReason(absl::AlreadyExistsError(absl::StrCat(
                          "articles/", file_name, " already exists: choose another document_id")),
                      "DOCUMENT_EXISTS");
  }
  if (std::shared_ptr<const Lookup> current = Current()) {
    v1::GetDocumentRequest request;
    request.set_id(std::string(document_id));
    v1::Document existing;
    if (current->GetDocument(request, &existing).ok()) {
      return WithReason(absl::AlreadyExistsError(
                            absl::StrCat("document \"", document_id, "\" already exists (",
                                         existing.file_name(), "): choose another document_id")),
                        "DOCUMENT_EXISTS");
    }
  }
  if (absl::Status s = WriteFileAtomically(path.string(), contents); !s.ok()) return s;
  absl::StatusOr<uint64_t> generation = ReloadLocked();
  if (!generation.ok()) {
    std::filesystem::remove(path, ec);
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "the corpus does not load with the article, so it was not added: ",
                          generation.status().message())),
                      "INGEST_FAILED");
  }
  return generation;
}

absl::StatusOr<uint64_t> IndexHolder::ReloadLocked() {
  absl::StatusOr<std::unique_ptr<const Index>> index = Index::Load(data_dir_);
  if (!index.ok()) {
    std::lock_guard<std::mutex> lock(info_mu_);
    ++reloads_;
    ++reload_failures_;
    last_reload_time_ = absl::Now();
    last_reload_error_ = std::string(index.status().message());
    return index.status();
  }
  const uint64_t generation = Install(std::move(*index));
  std::lock_guard<std::mutex> lock(info_mu_);
  ++reloads_;
  last_reload_time_ = absl::Now();
  last_reload_error_.clear();
  return generation;
}

void IndexHolder::FillReloadInfo(v1::IndexInfo* info) const {
  std::lock_guard<std::mutex> lock(info_mu_);
  info->set_reload_count(reloads_);
  info->set_reload_failure_count(reload_failures_);
  info->set_last_reload_error(last_reload_error_);
  if (last_reload_time_ != absl::InfinitePast()) {
    *info->mutable_last_reload_time() = google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
        absl::ToUnixNanos(last_reload_time_));
  }
}

}  // namespace parley
