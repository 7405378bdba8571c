#include "service/base/edit_distance.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "absl/types/span.h"

namespace parley {

namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Bytes of the character at text[i]: a lead byte with the continuation
// bytes its length announces (as many as follow); an ASCII byte, a stray
// continuation byte or an invalid byte stands alone.
size_t CharacterBytes(absl::string_view text, size_t i) {
  const unsigned char lead = static_cast<unsigned char>(text[i]);
  const size_t length = lead >= 0xF0 && lead <= 0xF7   ? 4
                        : lead >= 0xE0 && lead <= 0xEF ? 3
                        : lead >= 0xC0 && lead <= 0xDF ? 2
                                                       : 1;
  size_t n = 1;
  while (n < length && i + n < text.size() && IsContinuation(text[i + n])) ++n;
  return n;
}

// Each character of text as one number (its bytes, packed): equal
// characters give equal numbers.
void Characters(absl::string_view text, std::vector<uint32_t>* out) {
  out->clear();
  for (size_t i = 0; i < text.size();) {
    const size_t n = CharacterBytes(text, i);
    uint32_t packed = 0;
    for (size_t k = 0; k < n; ++k) packed = packed << 8 | static_cast<unsigned char>(text[i + k]);
    out->push_back(packed);
    i += n;
  }
}

// The banded optimal-string-alignment distance over any sequence with
// size(), front(), back(), operator[], remove_prefix and remove_suffix
// (absl::string_view, absl::Span).
template <typename Sequence>
int BoundedDistance(Sequence a, Sequence b, int max_edits) {
  const int over = max_edits + 1;
  if (std::abs(static_cast<int>(a.size()) - static_cast<int>(b.size())) > max_edits) return over;
  // A common prefix and suffix cost nothing: names that differ in a middle
  // initial reduce to a letter or two.
  while (!a.empty() && !b.empty() && a.front() == b.front()) {
    a.remove_prefix(1);
    b.remove_prefix(1);
  }
  while (!a.empty() && !b.empty() && a.back() == b.back()) {
    a.remove_suffix(1);
    b.remove_suffix(1);
  }
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (n == 0 || m == 0) return std::min(std::max(n, m), over);
  // Three rows for optimal string alignment (adjacent transpositions), and
  // only the band |i - j| <= max_edits: cells outside it exceed the bound.
  // Rows live on the stack for names of ordinary length.
  constexpr int kStackColumns = 128;
  int stack_rows[3][kStackColumns + 1];
  std::vector<int> heap_rows;
  int* rows[3];
  if (m <= kStackColumns) {
    for (int r = 0; r < 3; ++r) rows[r] = stack_rows[r];
  } else {
    heap_rows.resize(3 * static_cast<size_t>(m + 1));
    for (int r = 0; r < 3; ++r) rows[r] = heap_rows.data() + r * (m + 1);
  }
  int* before = rows[0];
  int* previous = rows[1];
  int* current = rows[2];
  for (int j = 0; j <= m; ++j) previous[j] = std::min(j, over);
  for (int i = 1; i <= n; ++i) {
    const int lo = std::max(1, i - max_edits), hi = std::min(m, i + max_edits);
    current[0] = std::min(i, over);
    if (lo > 1) current[lo - 1] = over;
    int row_min = lo == 1 ? current[0] : over;
    for (int j = lo; j <= hi; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = previous[j - 1] + cost;
      if (j < i + max_edits) v = std::min(v, previous[j] + 1);  // previous[j] is in its band
      v = std::min(v, current[j - 1] + 1);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, before[j - 2] + 1);
      }
      v = std::min(v, over);
      current[j] = v;
      row_min = std::min(row_min, v);
    }
    if (hi < m) current[hi + 1] = over;
    if (row_min > max_edits) return over;
    int* recycled = before;
    before = previous;
    previous = current;
    current = recycled;
  }
  return std::min(previous[m], over);
}

bool IsAscii(absl::string_view text) {
  // Eight bytes at a time: this runs for every candidate of a typo search.
  uint64_t high = 0;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    memcpy(&word, text.data() + i, 8);
    high |= word;
  }
  for (; i < text.size(); ++i) high |= static_cast<unsigned char>(text[i]);
  return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace

size_t CodePointCount(absl::string_view text) {
  size_t count = 0;
  for (size_t i = 0; i < text.size(); i += CharacterBytes(text, i)) ++count;
  return count;
}

int LongestCodePoint(absl::string_view text) {
  size_t longest = 0;
  for (size_t i = 0; i < text.size();) {
    const size_t n = CharacterBytes(text, i);
    longest = std::max(longest, n);
    i += n;
  }
  return static_cast<int>(longest);
}

int MaxEditsFor(size_t key_characters) {
  if (key_characters <= 2) return 0;
  return key_characters <= 5 ? 1 : 2;
}

int BoundedAsciiEditDistance(absl::string_view a, absl::string_view b, int max_edits) {
  return BoundedDistance(a, b, max_edits);
}

int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_edits) {
  // Names are nearly always ASCII keys: bytes are characters.
  if (IsAscii(a) && IsAscii(b)) return BoundedDistance(a, b, max_edits);
  thread_local std::vector<uint32_t> a_characters, b_characters;
  Characters(a, &a_characters);
  Characters(b, &b_characters);
  return BoundedDistance(absl::Span<const uint32_t>(a_characters),
                         absl::Span<const uint32_t>(b_characters), max_edits);
}

}  // namespace parley
