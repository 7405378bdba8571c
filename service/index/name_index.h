// Looking up entities by name keys (normalize.h NameKey): exact keys by hash,
// prefixes through sorted keys, and typo-tolerant matches through a trigram
// index followed by a bounded edit-distance check (optimal string alignment:
// insertions, deletions, substitutions and transpositions count 1).
// No lookup scans every name.
//
// Ranking. Every match has a score = match + coverage + corpus_weight -
// edit_penalty (v1::ScoreParts): match by kind (exact name 4, alias 3, word
// 2, phonetic 1.5, prefix 1, fuzzy 0.5), coverage for prefixes (0.4 x query length / key
// length), the entity's corpus weight (given to Build(), below 0.5) and
// kEditPenalty (0.5) per edit, so that fewer edits always rank first. Kinds never mix: every
// exact-name match ranks above every alias match, and so on; within a kind, by score, then
// alphabetically by the key that matched, then by entity number.
//
// Typo-tolerant (fuzzy) matches are looked for only when fewer than
// kTypoThreshold entities matched as written (exact name, alias, word or
// prefix; sounds-alike matches do not count, even when the entity also
// starts with the query: it was found by its sound first).
//
// Search() is lazy: it evaluates kinds in rank order and stops once it has
// the matches asked for. The best kCachedPrefixMatches prefix matches of
// every prefix of up to kCachedPrefixBytes bytes are kept from Build() on
// (name_index_prefix_cache.cc): the prefixes that thousands of names share
// are answered from that list when the page fits in it. Prefixes come best first from a segment
// tree over the sorted keys (the best corpus weight and the shortest key of every range bound the
// scores inside it), so the top ten of a prefix that a million names share cost a few hundred
// steps, not a million.
//
// Build-then-freeze: Add() every name, Build() once; then the lookups are
// const and thread-safe.
#ifndef PARLEY_SERVICE_INDEX_NAME_INDEX_H_
#define PARLEY_SERVICE_INDEX_NAME_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/base/small_int_set.h"
#include "service/base/snapshot_io.h"
#include "service/base/string_number_set.h"

namespace parley {

// What an edit costs a fuzzy match's score: more than any corpus weight
// (below 0.5), so a name one edit away ranks above every name two away.
inline constexpr double kEditPenalty = 0.5;

// Short prefixes whose best matches are kept, and how many of them.
inline constexpr size_t kCachedPrefixBytes = 4;
inline constexpr size_t kCachedPrefixMatches = 16;

// Fewer matches as written than this, and a search looks for typos.
inline constexpr size_t kTypoThreshold = 1;

// The rank of a match kind: exact name 0, alias 1, word 2, phonetic 3,
// prefix 4, fuzzy 5 (the enum's numbers are not its order).
int KindRank(v1::MatchKind kind);

struct NameEntry {
  int32_t entity = 0;
  v1::MatchKind kind = v1::MATCH_KIND_UNSPECIFIED;  // EXACT_NAME, ALIAS or WORD
  // The caller's number for the name the key comes from (an index's:
  // EntityView::NameNumbered). A number, not a 16-byte view: 4.7M entries
  // at 1M entities.
  uint32_t name = 0;
};

// One entity found by a search, with the best way it matched.
struct NameMatch {
  int32_t entity = 0;
  int32_t entry = 0;  // the name or alias that matched (NameIndex::entry)
  int32_t key = 0;    // the number of its key, in key order
  v1::MatchKind kind = v1::MATCH_KIND_UNSPECIFIED;  // the entry's kind, PREFIX or FUZZY
  int distance = 0;                                 // FUZZY: edits
  double score = 0;
  struct Parts {
    double match = 0, coverage = 0, corpus_weight = 0, edit_penalty = 0;
  } parts;
};

// The order of a search's matches: by kind's rank, then score (higher
// first), then key number (alphabetical), then entity number. Total: two
// searches' matches merged in it come in one order whatever their limits.
bool RanksBefore(const NameMatch& a, const NameMatch& b);

struct NameSearchResult {
  std::vector<NameMatch> matches;  // best first
  // True when every match was found; false when the search stopped because
  // the matches asked for were found and nothing left could outrank them,
  // or when the query is too short for the trigram filter to guarantee
  // every typo-tolerant match (see SearchFuzzy).
  bool complete = true;
};

class NameIndex {
 public:
  NameIndex() = default;
  // Moves keep the key views valid (they point into key_bytes_'s buffer);
  // copies would not.
  NameIndex(NameIndex&&) = default;
  NameIndex& operator=(NameIndex&&) = default;
  NameIndex(const NameIndex&) = delete;
  NameIndex& operator=(const NameIndex&) = delete;

  // A prefix search gives up (incomplete) after the accept filter has
  // refused this many entities, so that a narrow filter costs a bounded time.
  static constexpr size_t kMaxRefusedPrefixMatches = 100000;

  // Adds key as a way to find entity, from the entity's name numbered name
  // (the caller's numbering: NameEntry::name).
  void Add(int32_t entity, v1::MatchKind kind, uint32_t name, absl::string_view key);

  // corpus_weight[e] is entity e's corpus weight, in [0, 0.5).
  // REQUIRES: called once, after every Add(); corpus_weight covers every entity added.
  void Build(std::vector<double> corpus_weight);

  // Entries whose key is exactly key (hash lookup); empty if none.
  absl::Span<const int32_t> FindExact(absl::string_view key) const;

  // The best matches of key among the entities accept() takes, best first:
  // at least limit of them when there are that many, all of them when limit
  // is SIZE_MAX. The matches equal to the key, those that sound alike and
  // prefixes stop at limit (the first two add the ties of the last only when
  // two corpus weights round to one score); typo-tolerant matches, looked
  // for only when too few matched as written, come all.
  NameSearchResult Search(absl::string_view key, size_t limit,
                          absl::FunctionRef<bool(int32_t entity)> accept) const {
    return Search(key, limit, accept, [](int32_t) {});
  }
  // The same; prefetch(e) is called before the first entities of a key are
  // scored and offered to accept (a hint: the owner of the entities can ask
  // for what accept will read).
  NameSearchResult Search(absl::string_view key, size_t limit,
                          absl::FunctionRef<bool(int32_t entity)> accept,
                          absl::FunctionRef<void(int32_t entity)> prefetch) const;

  // Every match of key, best first.
  NameSearchResult SearchAll(absl::string_view key) const {
    return Search(key, SIZE_MAX, [](int32_t) { return true; });
  }

  // Snapshots (index/snapshot.h).
  // REQUIRES: SaveTo after Build(); LoadFrom on an empty index. LoadFrom
  // returns false when the reader fails (it says why). IndexKeys() then
  // makes FindExact() and the sounds-alike lookup work, and checks whether
  // scores can tie: only once the reader's checksum holds.
  void SaveTo(SnapshotWriter& w) const;
  bool LoadFrom(SnapshotReader& r);
  void IndexKeys();

  // Backs the arrays a search reads with 2 MB pages (base/huge_pages.h);
  // returns the bytes so backed. REQUIRES: after Build() or IndexKeys().
  size_t BackWithHugePages() const;

  const NameEntry& entry(int32_t i) const { return entries_[i]; }
  size_t key_count() const { return key_offsets_.size() - 1; }

 private:
  // One tree node: the best corpus weight and the shortest key length of
  // the keys below it (float rounded up, so that bounds stay bounds).
  struct RangeBound {
    float best_weight = -1;
    uint32_t min_length = UINT32_MAX;
  };

  NameMatch Scored(int32_t entry, int32_t key, v1::MatchKind kind, size_t query_size,
                   int distance) const;
  // What Scored reads of an entry and its key, kept beside the prefix
  // cache's matches (below).
  struct ScoreInputs {
    int32_t entity = 0;
    uint32_t key_length = 0;
    double corpus_weight = 0;
  };
  NameMatch Scored(int32_t entry, int32_t key, const ScoreInputs& inputs, v1::MatchKind kind,
                   size_t query_size, int distance) const;
  // Appends to out the best `wanted` accepted entities not in seen, in
  // order, from the keys in [begin, end) (all of which start with the
  // query), and adds them to seen. Returns false if it stopped before the
  // end of the range.
  bool SearchPrefixes(size_t begin, size_t end, size_t query_size, size_t wanted,
                      absl::FunctionRef<bool(int32_t)> accept, SmallIntSet* seen,
                      std::vector<NameMatch>* out) const;
  // The keys in [begin, end) start with query; the prefix cache's entry for
  // query, if any, answers when it holds `wanted` accepted entities not in
  // seen, or all there are: then it appends them as SearchPrefixes would and
  // sets *complete to whether the range was exhausted, and returns true.
  // prefetch is Search()'s.
  bool CachedPrefixes(absl::string_view query, size_t wanted,
                      absl::FunctionRef<bool(int32_t)> accept,
                      absl::FunctionRef<void(int32_t)> prefetch, SmallIntSet* seen,
                      std::vector<NameMatch>* out, bool* complete) const;
  // The keys that start with query and are longer: [first, last) in key
  // order. exact_key is the number of the key equal to query, or -1.
  std::pair<size_t, size_t> KeysStartingWith(absl::string_view query, int32_t exact_key) const;
  void BuildPrefixCache();
  // Fills prefix_inputs_ from prefix_matches_ (after a build or a load).
  void DerivePrefixInputs();
  // Appends the accepted entities not in seen within MaxEditsFor(key) edits.
  // Returns false if the query has too few trigrams to be sure it found all.
  bool SearchFuzzy(absl::string_view key, absl::FunctionRef<bool(int32_t)> accept,
                   const SmallIntSet& seen, std::vector<NameMatch>* out) const;

  std::vector<NameEntry> entries_;
  std::vector<double> corpus_weight_;  // per entity
  // Before Build(), entry i's key: pending_keys_[pending_key_ends_[i - 1],
  // pending_key_ends_[i]). One buffer, not a string per key: at 1M
  // entities there are ~4.7M keys, and a std::string each (40 bytes with
  // its entry) was 0.19 GB of the build's last peak.
  std::string pending_keys_;
  std::vector<size_t> pending_key_ends_;
  // The distinct keys, sorted, stored end to end: key k is
  // key_bytes_[key_offsets_[k], key_offsets_[k + 1]).
  absl::string_view key(size_t k) const {
    return absl::string_view(key_bytes_.data() + key_offsets_[k],
                             key_offsets_[k + 1] - key_offsets_[k]);
  }
  uint32_t key_length(size_t k) const { return key_offsets_[k + 1] - key_offsets_[k]; }
  // A vector, not a string: the views below (key_ids_, prefix_cache_) must
  // stay valid when the index is moved, and a short string's bytes move
  // with it.
  std::vector<char> key_bytes_;
  std::vector<uint32_t> key_offsets_{0};
  // Per key: its entries by kind (exact names, aliases, words: a run of
  // each), within a run the best corpus weight first, then entity number;
  // key k's are key_entries_[key_entry_offsets_[k], key_entry_offsets_[k + 1])
  // (one array, not a vector per key: 2M keys at 1M entities).
  absl::Span<const int32_t> EntriesOfKey(size_t k) const {
    return absl::Span<const int32_t>(key_entries_.data() + key_entry_offsets_[k],
                                     key_entry_offsets_[k + 1] - key_entry_offsets_[k]);
  }
  std::vector<int32_t> key_entries_;
  std::vector<uint32_t> key_entry_offsets_{0};
  // The end of the run of entries of one kind that starts at position.
  size_t KindRunEnd(absl::Span<const int32_t> entries, size_t position) const;
  // Appends the best accepted entities of key k's entries not in seen, and
  // adds them to seen: `limit` of them (and the ties of the last when
  // scores_can_tie_), or all there are.
  void SearchExact(int32_t k, size_t limit, absl::FunctionRef<bool(int32_t)> accept,
                   absl::FunctionRef<void(int32_t)> prefetch, SmallIntSet* seen,
                   std::vector<NameMatch>* out) const;
  // Key numbers by their keys (4 bytes a key; a map of views was 100 MB at
  // 1M entities). KeyOf reads key_bytes_'s and key_offsets_'s buffers,
  // which stay put when the index is moved.
  struct KeyOf {
    const char* bytes = nullptr;
    const uint32_t* offsets = nullptr;
    absl::string_view operator()(int32_t k) const {
      return absl::string_view(bytes + offsets[k], offsets[k + 1] - offsets[k]);
    }
  };
  using KeySet = StringNumberSet<KeyOf>;
  KeySet key_ids_;
  // Keys of 4 bytes or more by the hash of their PhoneticKey, sorted.
  std::vector<std::pair<uint64_t, int32_t>> keys_by_sound_;
  // Where each run of hashes with the same top sound_bits_ bits starts in
  // keys_by_sound_ (one more at the end): a sound's keys in two reads
  // instead of a binary search's twenty over 30 MB. Made by IndexKeys(),
  // not saved.
  std::vector<uint32_t> sound_buckets_;
  int sound_bits_ = 0;
  // Two different corpus weights give one score to some kind (IndexKeys()):
  // then exact and sounds-alike searches take the ties of their last match.
  bool scores_can_tie_ = false;
  // IndexKeys()'s parts: sound_buckets_ from keys_by_sound_, and
  // scores_can_tie_ from corpus_weight_.
  void IndexSounds();
  void CheckScoreTies();
  // The keys_by_sound_ entries whose hash is hash.
  absl::Span<const std::pair<uint64_t, int32_t>> KeysBySound(uint64_t hash) const;
  // Appends the best accepted entities not in seen whose key sounds like
  // key, and adds them to seen: `wanted` of them (and the ties of the last
  // when scores_can_tie_), or all there are. prefetch(entity) is called
  // ahead for the entities accept() is likely to read.
  void SearchPhonetic(absl::string_view key, size_t wanted, absl::FunctionRef<bool(int32_t)> accept,
                      absl::FunctionRef<void(int32_t)> prefetch, SmallIntSet* seen,
                      std::vector<NameMatch>* out) const;
  // The widest character's bytes over every key (1 when all are ASCII).
  int WidestKeyCharacter() const;
  // Per trigram: the keys that have it, shortest first.
  absl::flat_hash_map<uint32_t, std::vector<int32_t>> keys_by_trigram_;
  // Bytes of the widest character of any key (set by Build and LoadFrom;
  // 1 when every key is ASCII): how much an edit can lengthen a key.
  int widest_key_character_ = 1;
  // Per short prefix (views of key_bytes_): its best prefix matches, unfiltered.
  struct CachedPrefix {
    uint32_t begin = 0;  // in prefix_matches_
    uint32_t count = 0;
    bool complete = false;  // every prefix match is in the list
  };
  struct CachedMatch {
    int32_t entry = 0, key = 0;
  };
  absl::flat_hash_map<absl::string_view, CachedPrefix> prefix_cache_;
  std::vector<CachedMatch> prefix_matches_;
  // Per cached match, what scoring it reads elsewhere (an entry, a weight
  // and a key's offsets, each a cache miss of its own when cold): a short
  // prefix's page then reads one array in order. Derived, not saved.
  std::vector<ScoreInputs> prefix_inputs_;
  size_t leaves_ = 1;             // a power of two >= key_count()
  std::vector<RangeBound> tree_;  // 2 * leaves_ nodes; node 1 is the root
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_NAME_INDEX_H_
