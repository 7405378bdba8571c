#include "service/base/edit_distance.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace parley {

int MaxEditsFor(size_t key_size) {
  if (key_size <= 2) return 0;
  return key_size <= 5 ? 1 : 2;
}

int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_edits) {
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

}  // namespace parley
