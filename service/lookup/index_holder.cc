#include "service/lookup/index_holder.h"

#include <atomic>
#include <system_error>

#include "google/protobuf/util/time_util.h"

namespace parley {

std::shared_ptr<const Lookup> IndexHolder::Current() const { return std::atomic_load(&current_); }

IndexHolder::~IndexHolder() {
  {
    std::lock_guard<std::mutex> lock(huge_pages_mu_);
    huge_pages_stop_ = true;
  }
  huge_pages_cv_.notify_one();
  if (huge_pages_thread_.joinable()) huge_pages_thread_.join();
}

uint64_t IndexHolder::Install(std::shared_ptr<const Index> index, int64_t corpus_version) {
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(info_mu_);
    generation = ++generation_;
    std::atomic_store(&current_, std::shared_ptr<const Lookup>(
                                     std::make_shared<Lookup>(index, generation, corpus_version)));
  }
  {
    std::lock_guard<std::mutex> lock(huge_pages_mu_);
    huge_pages_next_ = std::move(index);
    if (!huge_pages_thread_.joinable()) {
      try {
        huge_pages_thread_ = std::thread(&IndexHolder::BackWithHugePagesLoop, this);
      } catch (const std::system_error&) {
        huge_pages_next_.reset();  // a hint only: served as it is
      }
    }
  }
  huge_pages_cv_.notify_one();
  return generation;
}

void IndexHolder::BackWithHugePagesLoop() {
  for (;;) {
    std::shared_ptr<const Index> index;  // alive until it is backed
    {
      std::unique_lock<std::mutex> lock(huge_pages_mu_);
      huge_pages_cv_.wait(lock, [this] { return huge_pages_stop_ || huge_pages_next_ != nullptr; });
      if (huge_pages_stop_) return;
      index = std::move(huge_pages_next_);
      huge_pages_next_ = nullptr;
    }
    index->BackWithHugePages();
  }
}

void IndexHolder::RecordReload(const absl::Status& outcome) {
  std::lock_guard<std::mutex> lock(info_mu_);
  ++reloads_;
  if (!outcome.ok()) ++reload_failures_;
  last_reload_time_ = absl::Now();
  last_reload_error_ = std::string(outcome.message());
}

void IndexHolder::SetSource(std::string store, std::string description) {
  std::lock_guard<std::mutex> lock(info_mu_);
  store_ = std::move(store);
  description_ = std::move(description);
}

void IndexHolder::SetStoreState(bool reachable, std::string error) {
  std::lock_guard<std::mutex> lock(info_mu_);
  store_reachable_ = reachable;
  store_error_ = std::move(error);
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
  info->set_store(store_);
  info->set_store_reachable(store_reachable_);
  info->set_store_error(store_error_);
  if (!description_.empty()) info->set_data_dir(description_);
}

}  // namespace parley
