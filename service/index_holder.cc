#include "index_holder.h"

#include <atomic>

#include "google/protobuf/util/time_util.h"

namespace parley {

std::shared_ptr<const Lookup> IndexHolder::Current() const { return std::atomic_load(&current_); }

uint64_t IndexHolder::Install(std::shared_ptr<const Index> index) {
  absl::MutexLock lock(&info_mu_);
  const uint64_t generation = ++generation_;
  std::atomic_store(&current_,
                    std::shared_ptr<const Lookup>(std::make_shared<Lookup>(std::move(index), generation)));
  return generation;
}

absl::StatusOr<uint64_t> IndexHolder::Reload() {
  absl::MutexLock reload(&reload_mu_);
  absl::StatusOr<std::unique_ptr<const Index>> index = Index::Load(data_dir_);
  if (!index.ok()) {
    absl::MutexLock lock(&info_mu_);
    ++reloads_;
    ++reload_failures_;
    last_reload_time_ = absl::Now();
    last_reload_error_ = std::string(index.status().message());
    return index.status();
  }
  const uint64_t generation = Install(std::move(*index));
  absl::MutexLock lock(&info_mu_);
  ++reloads_;
  last_reload_time_ = absl::Now();
  last_reload_error_.clear();
  return generation;
}

void IndexHolder::FillReloadInfo(v1::IndexInfo* info) const {
  absl::MutexLock lock(&info_mu_);
  info->set_reload_count(reloads_);
  info->set_reload_failure_count(reload_failures_);
  info->set_last_reload_error(last_reload_error_);
  if (last_reload_time_ != absl::InfinitePast()) {
    *info->mutable_last_reload_time() = google::protobuf::util::TimeUtil::NanosecondsToTimestamp(
        absl::ToUnixNanos(last_reload_time_));
  }
}

}  // namespace parley
