// SmallIntSet: a set of int32 numbers sized for what one search collects
// (the entities of a page: a dozen). While it holds at most kInline numbers
// it is an inline array searched linearly, with no allocation and no
// hashing; past that, every number moves to a hash set.
//
// Thread-safety: none; one owner (a set per call).
#ifndef PARLEY_SERVICE_BASE_SMALL_INT_SET_H_
#define PARLEY_SERVICE_BASE_SMALL_INT_SET_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"

namespace parley {

class SmallIntSet {
 public:
  static constexpr size_t kInline = 32;

  // Adds value; true if it was not there.
  bool Insert(int32_t value) {
    if (large_.empty()) {
      if (std::find(small_.begin(), small_.end(), value) != small_.end()) return false;
      if (small_.size() < kInline) {
        small_.push_back(value);
        return true;
      }
      large_.insert(small_.begin(), small_.end());
      small_.clear();
    }
    return large_.insert(value).second;
  }
  bool Contains(int32_t value) const {
    if (large_.empty()) return std::find(small_.begin(), small_.end(), value) != small_.end();
    return large_.contains(value);
  }
  size_t size() const { return large_.empty() ? small_.size() : large_.size(); }

 private:
  absl::InlinedVector<int32_t, kInline> small_;
  absl::flat_hash_set<int32_t> large_;  // everything, once small_ overflowed
};

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_SMALL_INT_SET_H_
