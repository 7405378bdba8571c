// The prefix cache of NameIndex (name_index.h): the best prefix matches of
// every prefix of up to kCachedPrefixBytes bytes, found once by the same
// segment-tree search a query runs, so that the prefixes most names share
// ("a", "sh", "kuma") cost a hash lookup and a short walk instead of a
// descent per match.
#include "absl/strings/match.h"
#include "service/index/name_index.h"

namespace parley {

void NameIndex::BuildPrefixCache() {
  const size_t keys = key_count();
  for (size_t length = 1; length <= kCachedPrefixBytes; ++length) {
    for (size_t first = 0; first < keys;) {
      if (key_length(first) < length) {
        ++first;
        continue;
      }
      const absl::string_view prefix = key(first).substr(0, length);
      size_t end = first + 1;
      while (end < keys && absl::StartsWith(key(end), prefix)) ++end;
      // A query's prefix matches leave out the key equal to it (an exact
      // match), which sorts first.
      const size_t begin = key(first) == prefix ? first + 1 : first;
      if (begin < end) {
        SmallIntSet seen;
        std::vector<NameMatch> best;
        const bool all = SearchPrefixes(
            begin, end, length, kCachedPrefixMatches, [](int32_t) { return true; }, &seen, &best);
        CachedPrefix& slot = prefix_cache_[prefix];
        slot.begin = static_cast<uint32_t>(prefix_matches_.size());
        slot.count = static_cast<uint32_t>(best.size());
        slot.complete = all;
        for (const NameMatch& m : best) prefix_matches_.push_back({m.entry, m.key});
      }
      first = end;
    }
  }
  prefix_matches_.shrink_to_fit();
  DerivePrefixInputs();
}

void NameIndex::DerivePrefixInputs() {
  prefix_inputs_.clear();
  prefix_inputs_.reserve(prefix_matches_.size());
  for (const CachedMatch& m : prefix_matches_) {
    const int32_t entity = entries_[m.entry].entity;
    prefix_inputs_.push_back({entity, key_length(m.key), corpus_weight_[entity]});
  }
}

bool NameIndex::CachedPrefixes(absl::string_view query, size_t wanted,
                               absl::FunctionRef<bool(int32_t)> accept,
                               absl::FunctionRef<void(int32_t)> prefetch, SmallIntSet* seen,
                               std::vector<NameMatch>* out, bool* complete) const {
  if (query.size() > kCachedPrefixBytes) return false;  // never cached: no hashing
  auto it = prefix_cache_.find(query);
  if (it == prefix_cache_.end()) return false;
  const CachedPrefix& slot = it->second;
  const size_t mark = out->size();
  size_t i = slot.begin;
  const size_t end = slot.begin + slot.count;
  // The entities' rows and the matched names' entries (the response reads
  // them), asked for together (at most kCachedPrefixMatches of each): their
  // cache misses overlap instead of following each other. What scoring
  // reads is in prefix_inputs_, beside the list.
  for (size_t j = i; j < end; ++j) {
    prefetch(prefix_inputs_[j].entity);
    __builtin_prefetch(&entries_[prefix_matches_[j].entry]);
  }
  for (; i < end && out->size() - mark < wanted; ++i) {
    const CachedMatch& c = prefix_matches_[i];
    const ScoreInputs& inputs = prefix_inputs_[i];
    if (seen->Contains(inputs.entity) || !accept(inputs.entity)) continue;
    out->push_back(Scored(c.entry, c.key, inputs, v1::MATCH_KIND_PREFIX, query.size(), 0));
  }
  const size_t found = out->size() - mark;
  if (found < wanted && !slot.complete) {  // the list ran out: the tree must answer
    out->resize(mark);
    return false;
  }
  for (size_t k = mark; k < out->size(); ++k) seen->Insert((*out)[k].entity);
  *complete = slot.complete && i == end;
  return true;
}

}  // namespace parley
