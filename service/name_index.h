// Looking up entities by name keys (normalize.h NameKey): exact keys by hash,
// prefixes through sorted keys, and typo-tolerant matches through a trigram
// index followed by a bounded edit-distance check (optimal string alignment:
// insertions, deletions, substitutions and transpositions count 1).
// No lookup scans every name.
//
// Build-then-freeze: Add() every name, Build() once; then Find() is const
// and thread-safe.
#ifndef PARLEY_SERVICE_NAME_INDEX_H_
#define PARLEY_SERVICE_NAME_INDEX_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "parley/v1/lookup_service.pb.h"

namespace parley {

// Edits tolerated for a query key of this many bytes: none up to 2, one up to
// 5, two beyond.
int MaxEditsFor(size_t key_size);

// Edit distance between a and b if it is at most max_edits, else max_edits + 1.
int BoundedEditDistance(absl::string_view a, absl::string_view b, int max_edits);

struct NameEntry {
  int32_t entity = 0;
  v1::MatchKind kind = v1::MATCH_KIND_UNSPECIFIED;  // EXACT_NAME, ALIAS or WORD
  std::string name;                                 // as written
};

// The best way one entity matched a query key.
struct NameMatch {
  int32_t entry = 0;
  v1::MatchKind kind = v1::MATCH_KIND_UNSPECIFIED;  // the entry's kind, PREFIX or FUZZY
  int distance = 0;
  size_t key_size = 0;  // of the matched key
};

class NameIndex {
 public:
  // Prefix lookups stop after this many keys (a one-letter prefix of a
  // million names), so their cost stays bounded.
  static constexpr size_t kMaxPrefixKeys = 2000;

  void Add(int32_t entity, v1::MatchKind kind, absl::string_view name, std::string key);
  void Build();

  // Entries whose key is exactly key (hash lookup), or nullptr.
  const std::vector<int32_t>* FindExact(absl::string_view key) const;

  // Best match per entity: exact kinds first, then prefix, then fuzzy.
  absl::flat_hash_map<int32_t, NameMatch> Find(absl::string_view key) const;

  const NameEntry& entry(int32_t i) const { return entries_[i]; }
  size_t key_count() const { return keys_.size(); }

 private:
  std::vector<NameEntry> entries_;
  std::vector<std::pair<std::string, int32_t>> pending_;  // (key, entry) before Build()
  std::vector<std::string> keys_;                         // distinct, sorted
  std::vector<std::vector<int32_t>> entries_of_key_;
  absl::flat_hash_map<std::string, int32_t> key_ids_;
  absl::flat_hash_map<uint32_t, std::vector<int32_t>> keys_by_trigram_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_NAME_INDEX_H_
