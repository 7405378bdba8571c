// Serialized answers of a unary RPC, keyed by the request's bytes and the
// generation of the index that answered: a request seen again is answered
// with the same bytes, without building and serializing its message again.
// Only for RPCs whose answer depends on nothing but the request and the
// index (GetEntity, SearchEntities: lookup_rpcs.h); only successful
// answers go in.
//
// Bounded: entries hold at most max_bytes, each counted as its key, its
// value and kEntryOverhead for what holds them (its slot in the table, the
// table's room to grow, the key's and the value's allocations and the
// slice's reference count), so that a million tiny answers cannot hold ten
// times the bound. Keys of more than kMaxKeyBytes and entries of more than
// a sixteenth of a shard are not kept. Kept in shards, each with a lock of its own; a shard that
// would pass its share is emptied, which is crude but costs nothing per hit and keeps what is asked
// often (it comes back at once).
//
// Generations: an answer from an index other than the newest one the cache
// has seen is neither returned nor kept, and an answer from a newer one
// empties the shard it goes to; so an answer from before a reload is never
// given after it.
//
// Thread-safety: Find and Insert may be called concurrently.
#ifndef PARLEY_SERVICE_GRPC_RESPONSE_CACHE_H_
#define PARLEY_SERVICE_GRPC_RESPONSE_CACHE_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include <grpcpp/support/slice.h>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace parley {

class ResponseCache {
 public:
  static constexpr size_t kMaxKeyBytes = 1024;
  static constexpr size_t kEntryOverhead = 256;

  // max_bytes 0: nothing is kept.
  explicit ResponseCache(size_t max_bytes) : shard_bytes_(max_bytes / kShards) {}
  ResponseCache(const ResponseCache&) = delete;
  ResponseCache& operator=(const ResponseCache&) = delete;

  // The answer kept for key from the index of this generation, if any (a
  // reference to its bytes, not a copy).
  std::optional<grpc::Slice> Find(uint64_t generation, absl::string_view key);
  // Keeps value as the answer to key from the index of this generation.
  void Insert(uint64_t generation, absl::string_view key, const grpc::Slice& value);

  // Answers kept, and the bytes they are counted as (above); Finds that
  // returned an answer and that did not (for tests and metrics).
  size_t size() const;
  size_t bytes() const;
  int64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  int64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  static constexpr size_t kShards = 16;
  struct Shard {
    mutable absl::Mutex mu;
    uint64_t generation ABSL_GUARDED_BY(mu) = 0;
    size_t bytes ABSL_GUARDED_BY(mu) = 0;
    absl::flat_hash_map<std::string, grpc::Slice> answers ABSL_GUARDED_BY(mu);
  };
  Shard& ShardOf(absl::string_view key);

  const size_t shard_bytes_;
  std::array<Shard, kShards> shards_;
  std::atomic<int64_t> hits_{0};
  std::atomic<int64_t> misses_{0};
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_RESPONSE_CACHE_H_
