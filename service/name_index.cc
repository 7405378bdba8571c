#include "name_index.h"

#include <algorithm>

#include "absl/strings/match.h"

namespace parley {
namespace {

// Trigrams of the key padded with start and end markers, packed in 24 bits.
template <typename Fn>
void ForEachTrigram(absl::string_view key, Fn fn) {
  std::string padded;
  padded.reserve(key.size() + 2);
  padded.push_back('\x01');
  padded.append(key.data(), key.size());
  padded.push_back('\x02');
  for (size_t i = 0; i + 3 <= padded.size(); ++i) {
    fn(static_cast<uint32_t>(static_cast<unsigned char>(padded[i])) << 16 |
       static_cast<uint32_t>(static_cast<unsigned char>(padded[i + 1])) << 8 |
       static_cast<uint32_t>(static_cast<unsigned char>(padded[i + 2])));
  }
}

// Lower rank is better.
int Rank(v1::MatchKind kind) { return static_cast<int>(kind); }

}  // namespace

int MaxEditsFor(size_t key_size) {
  if (key_size <= 2) return 0;
  return key_size <= 5 ? 1 : 2;
}

int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_edits) {
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  const int over = max_edits + 1;
  if (std::abs(n - m) > max_edits) return over;
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

void NameIndex::Add(int32_t entity, v1::MatchKind kind, absl::string_view name, std::string key) {
  if (key.empty()) return;
  pending_.emplace_back(std::move(key), static_cast<int32_t>(entries_.size()));
  entries_.push_back({entity, kind, std::string(name)});
}

void NameIndex::Build() {
  std::sort(pending_.begin(), pending_.end());
  for (auto& [key, entry] : pending_) {
    if (keys_.empty() || keys_.back() != key) {
      keys_.push_back(key);
      entries_of_key_.emplace_back();
    }
    entries_of_key_.back().push_back(entry);
  }
  pending_.clear();
  pending_.shrink_to_fit();
  for (int32_t k = 0; k < static_cast<int32_t>(keys_.size()); ++k) {
    key_ids_.emplace(keys_[k], k);
    ForEachTrigram(keys_[k], [&](uint32_t t) {
      std::vector<int32_t>& list = keys_by_trigram_[t];
      if (list.empty() || list.back() != k) list.push_back(k);
    });
  }
}

const std::vector<int32_t>* NameIndex::FindExact(absl::string_view key) const {
  auto it = key_ids_.find(key);
  return it == key_ids_.end() ? nullptr : &entries_of_key_[it->second];
}

absl::flat_hash_map<int32_t, NameMatch> NameIndex::Find(absl::string_view key) const {
  absl::flat_hash_map<int32_t, NameMatch> best;
  auto offer = [&](int32_t entry, v1::MatchKind kind, int distance, size_t key_size) {
    const NameMatch match{entry, kind, distance, key_size};
    auto [it, inserted] = best.try_emplace(entries_[entry].entity, match);
    if (!inserted &&
        std::make_tuple(Rank(kind), distance, key_size) <
            std::make_tuple(Rank(it->second.kind), it->second.distance, it->second.key_size)) {
      it->second = match;
    }
  };
  if (key.empty()) return best;
  if (auto it = key_ids_.find(key); it != key_ids_.end()) {
    for (int32_t e : entries_of_key_[it->second]) offer(e, entries_[e].kind, 0, key.size());
  }
  auto first = std::lower_bound(keys_.begin(), keys_.end(), key);
  size_t scanned = 0;
  for (auto it = first; it != keys_.end() && absl::StartsWith(*it, key) &&
                        scanned < kMaxPrefixKeys;
       ++it, ++scanned) {
    if (it->size() == key.size()) continue;  // the exact key, offered above
    for (int32_t e : entries_of_key_[it - keys_.begin()]) {
      offer(e, v1::MATCH_KIND_PREFIX, 0, it->size());
    }
  }
  const int max_edits = MaxEditsFor(key.size());
  if (max_edits == 0) return best;
  // An edit destroys at most three of the query's trigrams, so a key within
  // max_edits lacks at most 3 * max_edits of them: it has at least one of
  // any 3 * max_edits + 1 distinct ones. The rarest ones generate the
  // candidates (common trigrams of shared surnames would bring thousands),
  // and the edit distance decides.
  std::vector<const std::vector<int32_t>*> lists;
  ForEachTrigram(key, [&](uint32_t t) {
    auto it = keys_by_trigram_.find(t);
    if (it == keys_by_trigram_.end()) {
      lists.push_back(nullptr);  // a trigram no key has: an empty list
    } else if (std::find(lists.begin(), lists.end(), &it->second) == lists.end()) {
      lists.push_back(&it->second);
    }
  });
  std::sort(lists.begin(), lists.end(), [](const std::vector<int32_t>* a,
                                           const std::vector<int32_t>* b) {
    return (a == nullptr ? 0 : a->size()) < (b == nullptr ? 0 : b->size());
  });
  lists.resize(std::min(lists.size(), static_cast<size_t>(3 * max_edits + 1)));
  std::vector<int32_t> candidates;
  for (const std::vector<int32_t>* list : lists) {
    if (list != nullptr) candidates.insert(candidates.end(), list->begin(), list->end());
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (int32_t k : candidates) {
    const std::string& candidate = keys_[k];
    const size_t longer = std::max(candidate.size(), key.size());
    const size_t shorter = std::min(candidate.size(), key.size());
    if (longer - shorter > static_cast<size_t>(max_edits)) continue;
    const int distance = BoundedEditDistance(key, candidate, max_edits);
    if (distance == 0 || distance > max_edits) continue;
    for (int32_t e : entries_of_key_[k]) offer(e, v1::MATCH_KIND_FUZZY, distance, candidate.size());
  }
  return best;
}

}  // namespace parley
