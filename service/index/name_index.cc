#include "service/index/name_index.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include <xxhash.h>

#include "absl/container/flat_hash_set.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/match.h"
#include "service/base/edit_distance.h"
#include "service/base/huge_pages.h"
#include "service/base/normalize.h"
#include "service/base/sort_prefix.h"

namespace parley {
namespace {

// Shorter keys ("rao", "das") sound like too many others to match by sound.
constexpr size_t kMinPhoneticKey = 4;

// A match's points by kind (v1::MatchKind's numbers).
constexpr double kKindScore[] = {0, 4.0, 3.0, 2.0, 1.0, 0.5, 1.5};

// The hash of a phonetic key. Not absl::Hash: that one is seeded per
// process, and keys_by_sound_ is read back from snapshots by other processes.
uint64_t SoundHash(absl::string_view sound) { return XXH3_64bits(sound.data(), sound.size()); }

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

}  // namespace

int NameIndex::WidestKeyCharacter() const {
  int widest = 1;
  for (size_t k = 0; k < key_count(); ++k) {
    // Most keys are ASCII: a key's bytes are looked at one by one only
    // when one of them is not.
    const absl::string_view bytes = key(k);
    if (std::any_of(bytes.begin(), bytes.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      widest = std::max(widest, LongestCodePoint(bytes));
    }
  }
  return widest;
}

void NameIndex::Add(int32_t entity, v1::MatchKind kind, uint32_t name, absl::string_view key) {
  if (key.empty()) return;
  pending_keys_.append(key.data(), key.size());
  pending_key_ends_.push_back(pending_keys_.size());
  entries_.push_back({entity, kind, name});
}

void NameIndex::Build(std::vector<double> corpus_weight) {
  corpus_weight_ = std::move(corpus_weight);
  // By key, then entry (the keys are in entry order: position decides
  // ties). Sorted on the first 16 bytes as numbers; keys alike in those
  // bytes by size when one is at most 16 bytes long, else by their other
  // bytes; then by position. Most keys are shorter than 16 bytes, so most
  // comparisons end at the numbers. Comparing
  // the strings followed two pointers each time, and a surname shared by
  // thousands made thousands of equal strings compared to their ends
  // (1.3 s of a 1M-entity build).
  struct Pending {
    uint64_t key_prefix[2];
    uint32_t key_size;
    uint32_t at;  // the entry
  };
  auto pending_key = [this](uint32_t entry) {
    const size_t begin = entry == 0 ? 0 : pending_key_ends_[entry - 1];
    return absl::string_view(pending_keys_).substr(begin, pending_key_ends_[entry] - begin);
  };
  std::vector<Pending> order(pending_key_ends_.size());
  for (size_t i = 0; i < order.size(); ++i) {
    const absl::string_view key = pending_key(static_cast<uint32_t>(i));
    order[i] = {{SortPrefix(key), SortPrefix(key, 8)},
                static_cast<uint32_t>(key.size()),
                static_cast<uint32_t>(i)};
  }
  std::sort(order.begin(), order.end(), [&pending_key](const Pending& a, const Pending& b) {
    const int c = CompareBySortPrefix(
        a.key_prefix, a.key_size, [&] { return pending_key(a.at); }, b.key_prefix, b.key_size,
        [&] { return pending_key(b.at); });
    return c != 0 ? c < 0 : a.at < b.at;
  });
  for (size_t i = 0; i < order.size(); ++i) {
    const absl::string_view key = pending_key(order[i].at);
    if (i == 0 || key != pending_key(order[i - 1].at)) {
      key_bytes_.insert(key_bytes_.end(), key.begin(), key.end());
      key_offsets_.push_back(static_cast<uint32_t>(key_bytes_.size()));
      if (i != 0) key_entry_offsets_.push_back(static_cast<uint32_t>(key_entries_.size()));
    }
    key_entries_.push_back(static_cast<int32_t>(order[i].at));
  }
  order = {};
  if (!pending_key_ends_.empty()) {
    key_entry_offsets_.push_back(static_cast<uint32_t>(key_entries_.size()));
  }
  std::string().swap(pending_keys_);
  std::vector<size_t>().swap(pending_key_ends_);
  // Grown by doubling while names were added.
  entries_.shrink_to_fit();
  key_bytes_.shrink_to_fit();
  key_offsets_.shrink_to_fit();
  key_entries_.shrink_to_fit();
  key_entry_offsets_.shrink_to_fit();
  // A key's entries by kind (exact names, then aliases, then words: the
  // kinds' rank order), then heaviest first, then by entity: the order an
  // exact search ranks them in.
  auto ranked = [this](int32_t a, int32_t b) {
    if (entries_[a].kind != entries_[b].kind) return entries_[a].kind < entries_[b].kind;
    const int32_t ea = entries_[a].entity, eb = entries_[b].entity;
    if (corpus_weight_[ea] != corpus_weight_[eb]) return corpus_weight_[ea] > corpus_weight_[eb];
    return ea < eb;
  };
  const size_t keys = key_count();
  while (leaves_ < keys) leaves_ *= 2;
  tree_.assign(2 * leaves_, RangeBound());
  for (int32_t k = 0; k < static_cast<int32_t>(keys); ++k) {
    const absl::Span<int32_t> entries(key_entries_.data() + key_entry_offsets_[k],
                                      key_entry_offsets_[k + 1] - key_entry_offsets_[k]);
    std::sort(entries.begin(), entries.end(), ranked);
    double weight = 0;  // the heaviest: the first of one of its kinds
    for (int32_t e : entries) weight = std::max(weight, corpus_weight_[entries_[e].entity]);
    ForEachTrigram(key(k), [&](uint32_t t) {
      std::vector<int32_t>& list = keys_by_trigram_[t];
      if (list.empty() || list.back() != k) list.push_back(k);
    });
    float rounded_up = static_cast<float>(weight);
    if (rounded_up < weight) rounded_up = std::nextafter(rounded_up, 1.0f);
    tree_[leaves_ + k] = {rounded_up, key_length(k)};
    if (key_length(k) >= kMinPhoneticKey) {
      keys_by_sound_.emplace_back(SoundHash(PhoneticKey(key(k))), k);
    }
  }
  std::sort(keys_by_sound_.begin(), keys_by_sound_.end());
  keys_by_sound_.shrink_to_fit();
  widest_key_character_ = WidestKeyCharacter();
  IndexKeys();
  // Postings by key length, so that a fuzzy search reads only the keys
  // whose length is within its edits of the query's.
  for (auto& [trigram, list] : keys_by_trigram_) {
    std::stable_sort(list.begin(), list.end(),
                     [this](int32_t a, int32_t b) { return key_length(a) < key_length(b); });
    list.shrink_to_fit();
  }
  for (size_t n = leaves_ - 1; n >= 1; --n) {
    tree_[n] = {std::max(tree_[2 * n].best_weight, tree_[2 * n + 1].best_weight),
                std::min(tree_[2 * n].min_length, tree_[2 * n + 1].min_length)};
  }
  BuildPrefixCache();
}

namespace {

struct SavedEntry {
  int32_t entity = 0;
  int32_t kind = 0;
  uint32_t name = 0;
};

struct SavedPrefix {
  uint32_t key_offset = 0, size = 0;  // the prefix, in key_bytes_
  uint32_t begin = 0, count = 0;
  uint8_t complete = 0;  // not bool: read back from bytes that may be damaged
};

}  // namespace

void NameIndex::SaveTo(SnapshotWriter& w) const {
  std::vector<SavedEntry> entries;
  entries.reserve(entries_.size());
  for (const NameEntry& e : entries_) entries.push_back({e.entity, e.kind, e.name});
  w.Array(entries);
  w.Array(corpus_weight_);
  w.Array(key_bytes_);
  w.Array(key_offsets_);
  w.Array(key_entries_);
  w.Array(key_entry_offsets_);
  w.Array(keys_by_sound_);
  w.U64(keys_by_trigram_.size());
  for (const auto& [trigram, keys] : keys_by_trigram_) {
    w.U64(trigram);
    w.Array(keys);
  }
  std::vector<SavedPrefix> prefixes;
  for (const auto& [prefix, cached] : prefix_cache_) {
    prefixes.push_back({static_cast<uint32_t>(prefix.data() - key_bytes_.data()),
                        static_cast<uint32_t>(prefix.size()), cached.begin, cached.count,
                        static_cast<uint8_t>(cached.complete)});
  }
  w.Array(prefixes);
  w.Array(prefix_matches_);
  w.U64(leaves_);
  w.Array(tree_);
}

bool NameIndex::LoadFrom(SnapshotReader& r) {
  std::vector<SavedEntry> entries;
  if (!r.Array(&entries)) return false;
  entries_.resize(entries.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const SavedEntry& e = entries[i];
    entries_[i].entity = e.entity;
    entries_[i].kind = static_cast<v1::MatchKind>(e.kind);
    entries_[i].name = e.name;  // read with a bound: EntityView::NameNumbered
  }
  std::vector<SavedPrefix> prefixes;
  uint64_t trigrams = 0;
  if (!r.Array(&corpus_weight_) || !r.Array(&key_bytes_) || !r.Array(&key_offsets_) ||
      !r.Array(&key_entries_) || !r.Array(&key_entry_offsets_) || !r.Array(&keys_by_sound_) ||
      !r.Count(&trigrams, 2 * sizeof(uint64_t))) {
    return false;
  }
  if (key_offsets_.empty() || key_entry_offsets_.size() != key_offsets_.size() ||
      key_offsets_.back() != key_bytes_.size() ||
      key_entry_offsets_.back() != key_entries_.size() ||
      !std::is_sorted(key_offsets_.begin(), key_offsets_.end()) ||
      !std::is_sorted(key_entry_offsets_.begin(), key_entry_offsets_.end())) {
    return r.Fail("the name index's keys do not add up");
  }
  keys_by_trigram_.reserve(trigrams);
  for (uint64_t t = 0; t < trigrams; ++t) {
    uint64_t trigram = 0;
    if (!r.U64(&trigram) || !r.Array(&keys_by_trigram_[static_cast<uint32_t>(trigram)])) {
      return false;
    }
  }
  if (!r.Array(&prefixes) || !r.Array(&prefix_matches_)) return false;
  for (const CachedMatch& m : prefix_matches_) {
    if (m.entry < 0 || static_cast<size_t>(m.entry) >= entries_.size() || m.key < 0 ||
        static_cast<size_t>(m.key) >= key_count()) {
      return r.Fail("a cached prefix match out of range");
    }
  }
  for (const SavedPrefix& p : prefixes) {
    if (uint64_t{p.key_offset} + p.size > key_bytes_.size() ||
        uint64_t{p.begin} + p.count > prefix_matches_.size()) {
      return r.Fail("a cached prefix out of range");
    }
    prefix_cache_[absl::string_view(key_bytes_.data() + p.key_offset, p.size)] = {p.begin, p.count,
                                                                                  p.complete != 0};
  }
  uint64_t leaves = 0;
  if (!r.U64(&leaves) || !r.Array(&tree_)) return false;
  leaves_ = leaves;
  if (tree_.size() != 2 * leaves_ || leaves_ < key_count()) {
    return r.Fail("the name index's tree does not fit its keys");
  }
  widest_key_character_ = WidestKeyCharacter();
  return true;
}

void NameIndex::IndexKeys() {
  DerivePrefixInputs();  // a loaded index's (a build's cache comes later)
  key_ids_ = KeySet(KeyOf{key_bytes_.data(), key_offsets_.data()});
  key_ids_.Reserve(key_count());
  for (int32_t k = 0; k < static_cast<int32_t>(key_count()); ++k) key_ids_.Insert(k);
  IndexSounds();
  CheckScoreTies();
}

void NameIndex::IndexSounds() {
  // About two keys a bucket. Filled in one pass; a damaged (unsorted)
  // keys_by_sound_ gives wrong answers, never a read out of bounds.
  sound_bits_ = 1;
  while (sound_bits_ < 24 && (size_t{1} << sound_bits_) < keys_by_sound_.size() / 2) {
    ++sound_bits_;
  }
  const size_t buckets = size_t{1} << sound_bits_;
  sound_buckets_.assign(buckets + 1, 0);
  size_t at = 0;
  for (size_t b = 0; b < buckets; ++b) {
    while (at < keys_by_sound_.size() && (keys_by_sound_[at].first >> (64 - sound_bits_)) < b) ++at;
    sound_buckets_[b] = static_cast<uint32_t>(at);
  }
  sound_buckets_[buckets] = static_cast<uint32_t>(keys_by_sound_.size());
}

void NameIndex::CheckScoreTies() {
  // Whether two different weights give one score to an exact, alias, word
  // or sounds-alike match (the points of a kind plus a weight round to the
  // nearest double: needs tens of millions of events).
  // (Only finite weights: a damaged snapshot's NaN would break the sort's
  // ordering, and its answers need only be wrong, never a crash.)
  absl::flat_hash_set<double> distinct;
  for (double w : corpus_weight_) {
    if (std::isfinite(w)) distinct.insert(w);
  }
  std::vector<double> weights(distinct.begin(), distinct.end());
  std::sort(weights.begin(), weights.end());
  scores_can_tie_ = false;
  for (const v1::MatchKind kind : {v1::MATCH_KIND_EXACT_NAME, v1::MATCH_KIND_ALIAS,
                                   v1::MATCH_KIND_WORD, v1::MATCH_KIND_PHONETIC}) {
    for (size_t i = 1; i < weights.size(); ++i) {
      scores_can_tie_ |= kKindScore[kind] + weights[i - 1] == kKindScore[kind] + weights[i];
    }
  }
}

absl::Span<const std::pair<uint64_t, int32_t>> NameIndex::KeysBySound(uint64_t hash) const {
  if (sound_buckets_.empty()) return {};  // before Build()
  const size_t b = hash >> (64 - sound_bits_);
  const size_t begin = sound_buckets_[b], end = std::max(begin, size_t{sound_buckets_[b + 1]});
  const auto* data = keys_by_sound_.data();
  auto range = std::equal_range(data + begin, data + end, std::make_pair(hash, int32_t{0}),
                                [](const auto& x, const auto& y) { return x.first < y.first; });
  return absl::MakeConstSpan(range.first, static_cast<size_t>(range.second - range.first));
}

size_t NameIndex::BackWithHugePages() const {
  return parley::BackWithHugePages(entries_) + parley::BackWithHugePages(corpus_weight_) +
         parley::BackWithHugePages(key_bytes_) + parley::BackWithHugePages(key_offsets_) +
         parley::BackWithHugePages(key_entries_) + parley::BackWithHugePages(key_entry_offsets_) +
         parley::BackWithHugePages(keys_by_sound_) + parley::BackWithHugePages(sound_buckets_) +
         parley::BackWithHugePages(prefix_matches_) + parley::BackWithHugePages(prefix_inputs_) +
         parley::BackWithHugePages(tree_);
}

absl::Span<const int32_t> NameIndex::FindExact(absl::string_view key) const {
  const int32_t k = key_ids_.Find(key);
  return k < 0 ? absl::Span<const int32_t>() : EntriesOfKey(k);
}

NameMatch NameIndex::Scored(int32_t entry, int32_t key, v1::MatchKind kind, size_t query_size,
                            int distance) const {
  const int32_t entity = entries_[entry].entity;
  return Scored(entry, key, {entity, key_length(key), corpus_weight_[entity]}, kind, query_size,
                distance);
}

NameMatch NameIndex::Scored(int32_t entry, int32_t key, const ScoreInputs& inputs,
                            v1::MatchKind kind, size_t query_size, int distance) const {
  const size_t key_size = inputs.key_length;
  NameMatch m;
  m.entity = inputs.entity;
  m.entry = entry;
  m.key = key;
  m.kind = kind;
  m.distance = distance;
  m.parts.match = kKindScore[kind];
  m.parts.corpus_weight = inputs.corpus_weight;
  if (kind == v1::MATCH_KIND_PREFIX) {
    m.parts.coverage = 0.4 * static_cast<double>(query_size) / static_cast<double>(key_size);
  }
  // Half a point an edit, more than any corpus weight: fewer edits rank
  // first, as Typesense and Meilisearch order typos before popularity.
  m.parts.edit_penalty = kEditPenalty * distance;
  // The same order of additions as the prefix bounds in SearchPrefixes, so
  // that rounding keeps every bound at or above the scores below it.
  m.score = m.parts.match + m.parts.coverage + m.parts.corpus_weight - m.parts.edit_penalty;
  return m;
}

bool RanksBefore(const NameMatch& a, const NameMatch& b) {
  if (a.kind != b.kind) return KindRank(a.kind) < KindRank(b.kind);
  if (a.score != b.score) return a.score > b.score;
  if (a.key != b.key) return a.key < b.key;
  return a.entity < b.entity;
}

int KindRank(v1::MatchKind kind) {
  switch (kind) {
    case v1::MATCH_KIND_EXACT_NAME:
      return 0;
    case v1::MATCH_KIND_ALIAS:
      return 1;
    case v1::MATCH_KIND_WORD:
      return 2;
    case v1::MATCH_KIND_PHONETIC:
      return 3;
    case v1::MATCH_KIND_PREFIX:
      return 4;
    default:
      return 5;
  }
}

namespace {

// Entries of an exact key whose memory is asked for before they are scored:
// the page (up to kPrefetchPage) and a few beyond it, for a filter that
// refuses a few.
constexpr size_t kPrefetchPage = 32, kPrefetchAhead = 8;

}  // namespace

NameSearchResult NameIndex::Search(absl::string_view key, size_t limit,
                                   absl::FunctionRef<bool(int32_t entity)> accept,
                                   absl::FunctionRef<void(int32_t entity)> prefetch) const {
  NameSearchResult result;
  std::vector<NameMatch>& out = result.matches;
  if (key.empty() || limit == 0) return result;
  // A page's worth (and one) without growing; a caller asking for
  // everything grows it as found.
  out.reserve(std::min<size_t>(limit, 128));
  SmallIntSet seen;
  // Names, aliases and words equal to the key: one hash lookup.
  const int32_t exact_key = key_ids_.Find(key);
  if (exact_key >= 0) SearchExact(exact_key, limit, accept, prefetch, &seen, &out);
  if (out.size() >= limit) {
    result.complete = false;
    return result;
  }
  const size_t before_phonetic = out.size();
  SearchPhonetic(key, limit - out.size(), accept, prefetch, &seen, &out);
  const size_t phonetic = out.size() - before_phonetic;
  if (out.size() >= limit) {
    result.complete = false;
    return result;
  }
  // Keys that start with it, best first: a short prefix's from the cache
  // when it holds enough (no descent to find the keys), else from the tree.
  const size_t wanted = limit == SIZE_MAX ? SIZE_MAX : limit - out.size();
  bool exhausted = true;
  if (!CachedPrefixes(key, wanted, accept, prefetch, &seen, &out, &exhausted)) {
    const auto [first, last] = KeysStartingWith(key, exact_key);
    exhausted =
        first == last || SearchPrefixes(first, last, key.size(), wanted, accept, &seen, &out);
  }
  if (!exhausted) {
    result.complete = false;
    return result;
  }
  if (out.size() >= limit) {
    result.complete = false;
    return result;
  }
  // Typos are looked for only when nothing matched as written (a name, an
  // alias, a word or a prefix): a name that exists does not bring its
  // misspellings along, and its search does not pay for the trigram scan.
  // Typesense's typo_tokens_threshold (default 1) is the same rule.
  if (out.size() - phonetic >= kTypoThreshold) return result;
  result.complete = SearchFuzzy(key, accept, seen, &out);
  return result;
}

std::pair<size_t, size_t> NameIndex::KeysStartingWith(absl::string_view query,
                                                      int32_t exact_key) const {
  const size_t keys = key_count();
  size_t first = 0;
  if (exact_key >= 0) {
    first = static_cast<size_t>(exact_key) + 1;  // the keys after it: no descent
  } else {
    size_t end = keys;  // the first key >= query
    while (first < end) {
      const size_t middle = first + (end - first) / 2;
      if (key(middle) < query) {
        first = middle + 1;
      } else {
        end = middle;
      }
    }
    if (first < keys && key(first) == query) ++first;
  }
  // Past the last key that starts with the query. Most ranges are short (a
  // full name has none): galloping from the first costs the logarithm of
  // the range's length, not of the whole index's.
  size_t known = first, probe = first, step = 1;  // keys in [first, known) start with it
  while (probe < keys && absl::StartsWith(key(probe), query)) {
    known = probe + 1;
    probe += step;
    step *= 2;
  }
  size_t low = known, high = std::min(probe, keys);  // key(probe) does not
  while (low < high) {
    const size_t middle = low + (high - low) / 2;
    if (absl::StartsWith(key(middle), query)) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return {first, low};
}

size_t NameIndex::KindRunEnd(absl::Span<const int32_t> entries, size_t position) const {
  const v1::MatchKind kind = entries_[entries[position]].kind;
  // Runs are in kind order: the usual key, of one kind, costs one look.
  if (entries_[entries.back()].kind == kind) return entries.size();
  return static_cast<size_t>(
      std::partition_point(entries.begin() + static_cast<ptrdiff_t>(position), entries.end(),
                           [&](int32_t e) { return entries_[e].kind == kind; }) -
      entries.begin());
}

void NameIndex::SearchExact(int32_t k, size_t limit, absl::FunctionRef<bool(int32_t)> accept,
                            absl::FunctionRef<void(int32_t)> prefetch, SmallIntSet* seen,
                            std::vector<NameMatch>* out) const {
  const absl::Span<const int32_t> entries = EntriesOfKey(k);
  const size_t size = key_length(k), begin = out->size();
  // The entries' records and weights lie all over the heap: asked for
  // together, their cache misses overlap instead of following each other.
  const size_t ahead = std::min(entries.size(), std::min(limit, kPrefetchPage) + kPrefetchAhead);
  for (size_t i = 0; i < ahead; ++i) __builtin_prefetch(&entries_[entries[i]]);
  for (size_t i = 0; i < ahead; ++i) {
    const int32_t entity = entries_[entries[i]].entity;
    __builtin_prefetch(&corpus_weight_[entity]);
    prefetch(entity);
  }
  // The entries are in rank order already (by kind, the heaviest first, then
  // by entity, as RanksBefore orders equal scores), so the first `limit` accepted
  // are the best; an entity reached twice (a name and an alias alike) keeps
  // its first, best. Only when two weights round to one score (never below
  // tens of millions of events) can a later entry outrank an earlier one of
  // that score: then every tie of the last is taken and sorted.
  for (int32_t e : entries) {
    if (out->size() - begin >= limit && !scores_can_tie_) break;
    const NameMatch m = Scored(e, k, entries_[e].kind, size, 0);
    if (out->size() - begin >= limit &&
        (m.kind != out->back().kind || m.score < out->back().score)) {
      break;
    }
    if (seen->Insert(m.entity) && accept(m.entity)) out->push_back(m);
  }
  if (!std::is_sorted(out->begin() + begin, out->end(), RanksBefore)) {
    std::sort(out->begin() + begin, out->end(), RanksBefore);
  }
}

void NameIndex::SearchPhonetic(absl::string_view key, size_t wanted,
                               absl::FunctionRef<bool(int32_t)> accept,
                               absl::FunctionRef<void(int32_t)> prefetch, SmallIntSet* seen,
                               std::vector<NameMatch>* out) const {
  if (key.size() < kMinPhoneticKey) return;
  const std::string sound = PhoneticKey(key);
  const uint64_t hash = SoundHash(sound);
  // The keys that sound alike ("rafi", "reva" for "ravi": thousands of
  // entries between them), each with its entries in score order, the
  // heaviest first: merged best first, and taken until `wanted` are
  // accepted and no later entry ties the last.
  struct Head {
    NameMatch match;
    size_t position;  // of match among its key's entries
  };
  std::vector<Head> heads;
  auto worse = [](const Head& a, const Head& b) { return RanksBefore(b.match, a.match); };
  auto scored = [&](int32_t k, size_t position) {
    return Scored(EntriesOfKey(k)[position], k, v1::MATCH_KIND_PHONETIC, key.size(), 0);
  };
  // The keys' bytes are asked for together before they are compared.
  const absl::Span<const std::pair<uint64_t, int32_t>> alike = KeysBySound(hash);
  const auto first_alike = alike.subspan(0, kPrefetchPage);
  for (const auto& [unused_hash, k] : first_alike) __builtin_prefetch(&key_offsets_[k]);
  for (const auto& [unused_hash, k] : first_alike) __builtin_prefetch(this->key(k).data());
  absl::InlinedVector<int32_t, 16> keys;
  for (const auto& [unused_hash, k] : alike) {
    if (this->key(k) == key || PhoneticKey(this->key(k)) != sound) continue;  // hash collision
    keys.push_back(k);
  }
  // Each key's entry list, its first entry, then that entry's weight and
  // row, asked for in waves across the keys (as in SearchExact): a name with
  // few exact matches looks here for the rest of its page, and these were
  // cache misses one after another.
  const size_t ahead = std::min(keys.size(), kPrefetchPage);
  for (size_t i = 0; i < ahead; ++i) __builtin_prefetch(&key_entry_offsets_[keys[i]]);
  for (size_t i = 0; i < ahead; ++i) __builtin_prefetch(EntriesOfKey(keys[i]).data());
  for (size_t i = 0; i < ahead; ++i) {
    const absl::Span<const int32_t> entries = EntriesOfKey(keys[i]);
    if (!entries.empty()) __builtin_prefetch(&entries_[entries[0]]);
  }
  for (size_t i = 0; i < ahead; ++i) {
    const absl::Span<const int32_t> entries = EntriesOfKey(keys[i]);
    if (entries.empty()) continue;
    const int32_t entity = entries_[entries[0]].entity;
    __builtin_prefetch(&corpus_weight_[entity]);
    prefetch(entity);
  }
  for (int32_t k : keys) {
    // A head for each kind's run: the heaviest first within a run only.
    const absl::Span<const int32_t> entries = EntriesOfKey(k);
    for (size_t p = 0; p < entries.size(); p = KindRunEnd(entries, p)) {
      heads.push_back({scored(k, p), p});
    }
  }
  std::make_heap(heads.begin(), heads.end(), worse);
  const size_t begin = out->size();
  while (!heads.empty()) {
    std::pop_heap(heads.begin(), heads.end(), worse);
    Head& head = heads.back();
    const NameMatch m = head.match;
    if (out->size() - begin >= wanted && (!scores_can_tie_ || m.score < out->back().score)) {
      break;  // as in SearchExact: ties only when weights round to one score
    }
    const absl::Span<const int32_t> entries = EntriesOfKey(m.key);
    if (++head.position < entries.size() &&
        entries_[entries[head.position]].kind == entries_[entries[head.position - 1]].kind) {
      head.match = scored(m.key, head.position);
      std::push_heap(heads.begin(), heads.end(), worse);
    } else {
      heads.pop_back();
    }
    if (!seen->Contains(m.entity) && accept(m.entity)) {
      seen->Insert(m.entity);
      out->push_back(m);
    }
  }
  // As in SearchExact: only weights that round to one score come out of order.
  if (!std::is_sorted(out->begin() + begin, out->end(), RanksBefore)) {
    std::sort(out->begin() + begin, out->end(), RanksBefore);
  }
}

bool NameIndex::SearchPrefixes(size_t begin, size_t end, size_t query_size, size_t wanted,
                               absl::FunctionRef<bool(int32_t)> accept, SmallIntSet* seen,
                               std::vector<NameMatch>* out) const {
  // Heap items: a tree node (position < 0) bounded by its range, or the
  // position-th entry of key `node` scored exactly.
  // The heap pops in the final order: higher bounds first; on a tie, by the
  // first key an item may hold (a tree node before the entries of its first
  // key), then by entity. So the first `wanted` entries popped are the
  // answer, ties and all.
  struct Item {
    double bound = 0;
    int32_t node = 0;
    int32_t position = -1;
    int32_t first_key = 0;  // tree nodes: the first key below; entries: their key
    int32_t entity = -1;    // entries: the entity; tree nodes: -1
    bool operator<(const Item& o) const {
      if (bound != o.bound) return bound < o.bound;
      if (first_key != o.first_key) return first_key > o.first_key;
      if (entity != o.entity) return entity > o.entity;
      return position > o.position;  // one entity twice in a key: its first kind first
    }
  };
  std::vector<Item> heap;
  const double query = static_cast<double>(query_size);
  const int leaf_level = __builtin_clzll(leaves_);
  // Items, or nullopt for an empty range.
  auto node_item = [&](size_t n) -> std::optional<Item> {
    const RangeBound& b = tree_[n];
    if (b.best_weight < 0) return std::nullopt;                   // no keys below
    const size_t first = n << (__builtin_clzll(n) - leaf_level);  // leftmost leaf below n
    return Item{1.0 + 0.4 * query / b.min_length + b.best_weight, static_cast<int32_t>(n), -1,
                static_cast<int32_t>(first - leaves_), -1};
  };
  auto entry_item = [&](int32_t k, int32_t position) {
    const NameMatch m = Scored(EntriesOfKey(k)[position], k, v1::MATCH_KIND_PREFIX, query_size, 0);
    return Item{m.score, k, position, k, m.entity};
  };
  auto push = [&heap](const Item& item) {
    heap.push_back(item);
    std::push_heap(heap.begin(), heap.end());
  };
  // The canonical nodes covering [begin, end).
  for (size_t l = begin + leaves_, r = end + leaves_; l < r; l /= 2, r /= 2) {
    if (l & 1) {
      if (auto item = node_item(l)) push(*item);
      ++l;
    }
    if (r & 1) {
      --r;
      if (auto item = node_item(r)) push(*item);
    }
  }
  // An item that follows from the one just taken (a child, the next entry)
  // is taken at once when nothing in the heap beats it: a dive down the
  // tree costs comparisons, not heap operations.
  Item next;
  bool has_next = false;
  auto follow = [&](const Item& item) {
    if (!heap.empty() && item < heap.front()) {
      push(item);
    } else {
      next = item;
      has_next = true;
    }
  };
  size_t found = 0, refused = 0;
  while (found < wanted && (has_next || !heap.empty())) {
    Item item;
    if (has_next) {
      item = next;
      has_next = false;
    } else {
      std::pop_heap(heap.begin(), heap.end());
      item = heap.back();
      heap.pop_back();
    }
    if (item.position < 0) {
      const size_t n = static_cast<size_t>(item.node);
      if (n >= leaves_) {  // a key: the heaviest entry of each kind's run
        const int32_t k = static_cast<int32_t>(n - leaves_);
        const absl::Span<const int32_t> entries = EntriesOfKey(k);
        for (size_t p = KindRunEnd(entries, 0); p < entries.size(); p = KindRunEnd(entries, p)) {
          push(entry_item(k, static_cast<int32_t>(p)));
        }
        follow(entry_item(k, 0));
        continue;
      }
      std::optional<Item> left = node_item(2 * n), right = node_item(2 * n + 1);
      if (left && right && *left < *right) std::swap(left, right);
      if (!left) std::swap(left, right);
      if (right) push(*right);
      if (left) follow(*left);
      continue;
    }
    const absl::Span<const int32_t> entries = EntriesOfKey(item.node);
    if (static_cast<size_t>(item.position) + 1 < entries.size() &&
        entries_[entries[item.position + 1]].kind == entries_[entries[item.position]].kind) {
      follow(entry_item(item.node, item.position + 1));
    }
    const int32_t entity = entries_[entries[item.position]].entity;
    if (!seen->Insert(entity)) continue;  // found before, better
    if (!accept(entity)) {
      if (++refused >= kMaxRefusedPrefixMatches) break;
      continue;
    }
    out->push_back(Scored(entries[item.position], item.node, v1::MATCH_KIND_PREFIX, query_size, 0));
    ++found;
  }
  return heap.empty() && !has_next;
}

bool NameIndex::SearchFuzzy(absl::string_view key, absl::FunctionRef<bool(int32_t)> accept,
                            const SmallIntSet& seen, std::vector<NameMatch>* out) const {
  // Edits count characters (keys of Cyrillic or CJK names are UTF-8); the
  // trigrams and lengths below count bytes.
  const int max_edits = MaxEditsFor(CodePointCount(key));
  if (max_edits == 0) return true;
  const int widest = LongestCodePoint(key);
  const bool all_ascii = widest == 1 && widest_key_character_ == 1;  // the key and every candidate
  // An edit destroys at most 2 * widest + 2 of the query's trigrams: four
  // for an ASCII key (a transposition touches four), up to ten when it
  // swaps two 4-byte characters. So a key within max_edits lacks at most
  // lost = max_edits * (2 * widest + 2) of them: it has at least one of any
  // lost + 1 distinct ones. The rarest ones generate the candidates (common
  // trigrams of shared surnames would bring thousands), and the edit
  // distance decides. A short query has
  // too few trigrams for that guarantee: all of them are used, and matches
  // that share none with it are missed.
  // Each trigram's keys of a length within max_edits of the query's.
  using Range = std::pair<const int32_t*, const int32_t*>;
  std::vector<Range> lists;
  std::vector<uint32_t> trigrams;
  ForEachTrigram(key, [&](uint32_t t) {
    if (std::find(trigrams.begin(), trigrams.end(), t) != trigrams.end()) return;
    trigrams.push_back(t);
    auto it = keys_by_trigram_.find(t);
    if (it == keys_by_trigram_.end()) {
      lists.emplace_back(nullptr, nullptr);  // a trigram no key has: an empty list
      return;
    }
    const std::vector<int32_t>& list = it->second;
    // An edit shortens the key by at most its widest character, and
    // lengthens it by at most the index's widest (1 and 1 for ASCII).
    const size_t shortest =
        key.size() - std::min(key.size(), static_cast<size_t>(max_edits * widest));
    const size_t longest = key.size() + static_cast<size_t>(max_edits * widest_key_character_);
    auto first = std::partition_point(list.begin(), list.end(),
                                      [&](int32_t k) { return key_length(k) < shortest; });
    auto last = std::partition_point(first, list.end(),
                                     [&](int32_t k) { return key_length(k) <= longest; });
    lists.emplace_back(list.data() + (first - list.begin()), list.data() + (last - list.begin()));
  });
  std::sort(lists.begin(), lists.end(),
            [](const Range& a, const Range& b) { return a.second - a.first < b.second - b.first; });
  const size_t lost = static_cast<size_t>(max_edits * (2 * widest + 2));
  const size_t enough = lost + 1;
  const bool exhaustive = lists.size() >= enough;
  // More lists make a stronger filter: a key within max_edits lacks at most
  // `lost` of any m lists, so it is in at least m - lost of them. Lists are
  // added while each at most doubles the postings read.
  size_t m = std::min(lists.size(), enough);
  size_t postings = 0;
  for (size_t i = 0; i < m; ++i) postings += lists[i].second - lists[i].first;
  // (At most 255 lists: the counts below are bytes.)
  while (exhaustive && m < lists.size() && m < 255 &&
         static_cast<size_t>(lists[m].second - lists[m].first) <= postings) {
    postings += lists[m].second - lists[m].first;
    ++m;
  }
  const size_t threshold = exhaustive ? m - lost : 1;
  // Counts per key number, one array per thread, zeroed again before
  // returning (sorting the postings cost more).
  thread_local std::vector<uint8_t> counts;
  if (counts.size() < key_count()) counts.resize(key_count());
  std::vector<int32_t> touched, candidates;
  for (size_t i = 0; i < m; ++i) {
    for (const int32_t* k = lists[i].first; k != lists[i].second; ++k) {
      if (counts[*k]++ == 0) touched.push_back(*k);
    }
  }
  for (int32_t k : touched) {
    if (counts[k] >= threshold) candidates.push_back(k);
    counts[k] = 0;
  }
  absl::flat_hash_map<int32_t, NameMatch> best;  // per entity: fewest edits
  for (int32_t k : candidates) {
    const absl::string_view candidate = this->key(k);
    const int distance = all_ascii ? BoundedAsciiEditDistance(key, candidate, max_edits)
                                   : BoundedEditDistance(key, candidate, max_edits);
    if (distance == 0 || distance > max_edits) continue;
    for (int32_t e : EntriesOfKey(k)) {
      const int32_t entity = entries_[e].entity;
      if (seen.Contains(entity)) continue;
      auto [it, inserted] = best.try_emplace(entity);
      if (inserted || distance < it->second.distance ||
          (distance == it->second.distance && k < it->second.key)) {
        it->second = Scored(e, k, v1::MATCH_KIND_FUZZY, key.size(), distance);
      }
    }
  }
  const size_t first_new = out->size();
  for (const auto& [entity, match] : best) {
    if (accept(entity)) out->push_back(match);
  }
  std::sort(out->begin() + first_new, out->end(), RanksBefore);
  return exhaustive;
}

}  // namespace parley
