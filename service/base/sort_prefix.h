// SortPrefix: the first 8 bytes of a string as a number that orders as the
// strings do wherever they differ in those bytes, for sorting millions of
// strings: a comparison of two such numbers ends most comparisons without
// following a pointer to either string.
//
// Big-endian, padded with zeros: a shorter string that is a prefix of a
// longer one gets a number no greater than the longer's; equal numbers
// leave the strings themselves to decide (compare them next).
#ifndef PARLEY_SERVICE_BASE_SORT_PREFIX_H_
#define PARLEY_SERVICE_BASE_SORT_PREFIX_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace parley {

// Bytes [from, from + 8) of s: SortPrefix(s, 8) is the next number, for
// strings that often share their first 8 bytes (names: "Priya Sh...").
inline uint64_t SortPrefix(absl::string_view s, size_t from = 0) {
  uint64_t v = 0;
  for (size_t i = from; i < from + 8; ++i) {
    v = v << 8 | (i < s.size() ? static_cast<unsigned char>(s[i]) : 0);
  }
  return v;
}

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_SORT_PREFIX_H_
