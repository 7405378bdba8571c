// Finding known names in running text: a multi-pattern matcher over words
// (Aho–Corasick on normalized word ids), so that one pass over a text finds
// every name and alias of every entity, respecting word boundaries.
//
// Case matters only where it must: a pattern from an all-capitals alias
// ("US", "ICE") matches only words written in capitals, and surnames and
// demonyms match only capitalized words ("Painter", not "painter").
//
// Build-then-freeze: Add() patterns, Build() once, then Match() is const and
// thread-safe.
#ifndef PARLEY_SERVICE_MENTIONS_H_
#define PARLEY_SERVICE_MENTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "parley/v1/resources.pb.h"
#include "text_tokens.h"

namespace parley {

struct MentionPattern {
  int32_t entity = 0;
  v1::MentionKind kind = v1::MENTION_KIND_UNSPECIFIED;
  std::string name;              // as written in the knowledge base
  bool requires_caps = false;    // every matched word must be in capitals
  bool requires_capital = false; // the first matched word must be capitalized
};

// A stretch of words that matched one or more patterns.
struct MentionMatch {
  uint32_t first_token = 0;  // [first_token, end_token) in the token list
  uint32_t end_token = 0;
  std::vector<int32_t> patterns;  // indices into patterns(); all for the same words
};

class MentionMatcher {
 public:
  // Adds the words of words_of (tokenized) as a pattern. A name without words is ignored.
  void Add(absl::string_view words_of, MentionPattern pattern);

  // REQUIRES: called once, after every Add() and before Match().
  void Build();

  // Leftmost-longest, non-overlapping matches in text order. Patterns whose
  // case rules the words do not meet are left out.
  std::vector<MentionMatch> Match(const std::vector<Token>& tokens) const;

  const MentionPattern& pattern(int32_t i) const { return patterns_[i]; }
  size_t pattern_count() const { return patterns_.size(); }

 private:
  struct Node {
    absl::flat_hash_map<int32_t, int32_t> next;
    int32_t fail = 0;
    int32_t output_link = -1;  // nearest node on the fail chain with outputs
    int32_t depth = 0;
    std::vector<int32_t> outputs;  // patterns ending here
  };

  bool Accepts(const MentionPattern& p, const std::vector<Token>& tokens, uint32_t first,
               uint32_t end) const;

  absl::flat_hash_map<std::string, int32_t> word_ids_;
  std::vector<Node> nodes_{1};
  std::vector<MentionPattern> patterns_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_MENTIONS_H_
