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

// The order of two strings (negative, zero, positive) from their first 16
// bytes as {SortPrefix(s), SortPrefix(s, 8)} and their sizes; the strings
// themselves, from string_a() and string_b(), are read only when those
// agree and both strings are longer than 16 bytes (namesakes: a sort of a
// million names reads few of them). Alike in 16 bytes, a string of at most
// 16 is all there: equal to the other or a prefix of it, so its size
// decides.
template <typename StringA, typename StringB>
int CompareBySortPrefix(const uint64_t (&prefix_a)[2], size_t size_a, StringA string_a,
                        const uint64_t (&prefix_b)[2], size_t size_b, StringB string_b) {
  for (int i = 0; i < 2; ++i) {
    if (prefix_a[i] != prefix_b[i]) return prefix_a[i] < prefix_b[i] ? -1 : 1;
  }
  if (size_a <= 16 || size_b <= 16) return size_a == size_b ? 0 : size_a < size_b ? -1 : 1;
  return absl::string_view(string_a()).substr(16).compare(absl::string_view(string_b()).substr(16));
}

}  // namespace parley

#endif  // PARLEY_SERVICE_BASE_SORT_PREFIX_H_
