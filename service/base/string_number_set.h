// StringNumberSet: numbers 0..n-1 found by the string each stands for, for
// build-then-freeze structures that already hold their strings (ids, name
// keys). A hash map from views to numbers costs 24 bytes a slot; this set
// costs 4, and reads the string through the owner's StringOf.
//
// StringOf: a copyable callable absl::string_view(int32_t number) const
// that stays valid as long as the set (point it at the owner's buffers,
// not at the owner: buffers of vectors survive moves, the owner's address
// does not).
// Thread-safety: Insert() needs exclusive access; Find() needs none.
// Memory: a set of more than ~250k numbers lies in 2 MB pages (huge_pages.h).
#ifndef PARLEY_SERVICE_BASE_STRING_NUMBER_SET_H_
#define PARLEY_SERVICE_BASE_STRING_NUMBER_SET_H_

#include <cstddef>
#include <cstdint>

#include "absl/container/flat_hash_set.h"
#include "absl/hash/hash.h"
#include "absl/strings/string_view.h"
#include "service/base/huge_pages.h"

namespace parley {

template <typename StringOf>
class StringNumberSet {
 public:
  StringNumberSet() = default;
  explicit StringNumberSet(StringOf string_of) : set_(0, Hash{string_of}, Eq{string_of}) {}

  // Room for n numbers without a rehash. (Not in the constructor: GCC 12
  // at -O3 warns, as an error here, about the set's cleanup if it threw.)
  void Reserve(size_t n) { set_.reserve(n); }

  // REQUIRES: no number inserted before stands for the same string.
  void Insert(int32_t number) { set_.insert(number); }
  // The number that stands for s, or -1.
  int32_t Find(absl::string_view s) const {
    auto it = set_.find(s);
    return it == set_.end() ? -1 : *it;
  }
  size_t size() const { return set_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    StringOf string_of;
    size_t operator()(absl::string_view s) const { return absl::HashOf(s); }
    size_t operator()(int32_t n) const { return absl::HashOf(string_of(n)); }
  };
  struct Eq {
    using is_transparent = void;
    StringOf string_of;
    absl::string_view Of(absl::string_view s) const { return s; }
    absl::string_view Of(int32_t n) const { return string_of(n); }
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      return Of(a) == Of(b);
    }
  };

  // Millions of slots read at random: backed with 2 MB pages.
  absl::flat_hash_set<int32_t, Hash, Eq, HugePageAllocator<int32_t>> set_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_STRING_NUMBER_SET_H_
