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
  if (std::abs(n - m) > max_edits) return max_edits + 1;
  // Three rows for optimal string alignment (adjacent transpositions).
  std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
  for (int j = 0; j <= m; ++j) previous[j] = j;
  for (int i = 1; i <= n; ++i) {
    current[0] = i;
    int row_min = current[0];
    for (int j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        v = std::min(v, before[j - 2] + 1);
      }
      current[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > max_edits) return max_edits + 1;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], max_edits + 1);
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
  // Candidates share enough trigrams: each edit destroys at most three.
  absl::flat_hash_map<int32_t, int> shared;
  int trigrams = 0;
  ForEachTrigram(key, [&](uint32_t t) {
    ++trigrams;
    auto it = keys_by_trigram_.find(t);
    if (it == keys_by_trigram_.end()) return;
    for (int32_t k : it->second) ++shared[k];
  });
  const int needed = std::max(1, trigrams - 3 * max_edits);
  for (const auto& [k, count] : shared) {
    if (count < needed) continue;
    const std::string& candidate = keys_[k];
    const int distance = BoundedEditDistance(key, candidate, max_edits);
    if (distance == 0 || distance > max_edits) continue;
    for (int32_t e : entries_of_key_[k]) offer(e, v1::MATCH_KIND_FUZZY, distance, candidate.size());
  }
  return best;
}

}  // namespace parley
