#include "service/grpc/response_cache.h"

#include "absl/hash/hash.h"

namespace parley {

ResponseCache::Shard& ResponseCache::ShardOf(absl::string_view key) {
  // The hash's high bits: its low ones are the tags flat_hash_map compares
  // first, which would then be alike within a shard.
  static_assert(sizeof(size_t) == 8 && kShards == 16);
  return shards_[absl::HashOf(key) >> 60];
}

std::optional<grpc::Slice> ResponseCache::Find(uint64_t generation, absl::string_view key) {
  if (shard_bytes_ == 0) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return std::nullopt;
  }
  Shard& shard = ShardOf(key);
  {
    absl::MutexLock lock(&shard.mu);
    if (shard.generation == generation) {
      if (auto it = shard.answers.find(key); it != shard.answers.end()) {
        hits_.fetch_add(1, std::memory_order_relaxed);
        return it->second;
      }
    }
  }
  misses_.fetch_add(1, std::memory_order_relaxed);
  return std::nullopt;
}

void ResponseCache::Insert(uint64_t generation, absl::string_view key, const grpc::Slice& value) {
  const size_t cost = key.size() + value.size() + kEntryOverhead;
  if (key.size() > kMaxKeyBytes || cost > shard_bytes_ / 16) return;
  Shard& shard = ShardOf(key);
  // What a full or outdated shard held: freed after the lock is released
  // (thousands of entries), so that no Find of the shard waits for it.
  absl::flat_hash_map<std::string, grpc::Slice> dropped;
  absl::MutexLock lock(&shard.mu);
  if (generation < shard.generation) return;  // answered from an index since replaced
  if (generation > shard.generation || shard.bytes + cost > shard_bytes_) {
    dropped.swap(shard.answers);
    shard.bytes = 0;
    shard.generation = generation;
  }
  if (shard.answers.try_emplace(key, value).second) shard.bytes += cost;
}

size_t ResponseCache::size() const {
  size_t n = 0;
  for (const Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    n += shard.answers.size();
  }
  return n;
}

size_t ResponseCache::bytes() const {
  size_t n = 0;
  for (const Shard& shard : shards_) {
    absl::MutexLock lock(&shard.mu);
    n += shard.bytes;
  }
  return n;
}

}  // namespace parley
