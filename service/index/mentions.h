// Finding known names in running text: a multi-pattern matcher over words
// (Aho–Corasick on normalized word ids), so that one pass over a text finds
// every name and alias of every entity, respecting word boundaries.
//
// Case matters only where it must: a pattern from an all-capitals alias
// ("US", "ICE") matches only words written in capitals, and surnames and
// demonyms match only capitalized words ("Painter", not "painter").
//
// Patterns made of the same words share a state (a "node"); Match() reports
// the node, and the node's patterns are kept in an order the owner chooses
// (SortOutputs), so that a caller that wants the best few of thousands of
// same-named entities reads only those.
//
// Build-then-freeze: Add() patterns, Build() once, then Match() is const and
// thread-safe.
#ifndef PARLEY_SERVICE_INDEX_MENTIONS_H_
#define PARLEY_SERVICE_INDEX_MENTIONS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/functional/function_ref.h"
#include "absl/types/span.h"
#include "parley/v1/resources.pb.h"
#include "service/base/huge_pages.h"
#include "service/base/snapshot_io.h"
#include "service/base/text_tokens.h"

namespace parley {

struct MentionPattern {
  int32_t entity = 0;
  v1::MentionKind kind = v1::MENTION_KIND_UNSPECIFIED;
  // As written in the knowledge base. Not copied: its bytes must stay where
  // they are as long as the matcher (the index's entity store holds them).
  absl::string_view name;
  bool requires_caps = false;     // every matched word must be in capitals
  bool requires_capital = false;  // the first matched word must be capitalized
};

// A stretch of words that matched the patterns of one node.
struct MentionMatch {
  uint32_t first_token = 0;  // [first_token, end_token) in the token list
  uint32_t end_token = 0;
  int32_t node = 0;  // see MentionMatcher::outputs()
  // Whether every pattern of the node accepts these words (the common case);
  // otherwise only those for which Accepts() is true do, at least one.
  bool all_accept = true;
};

class MentionMatcher {
 public:
  // Adds the words of words_of (tokenized) as a pattern. A name without
  // words is ignored. REQUIRES: pattern.name outlives the matcher.
  void Add(absl::string_view words_of, MentionPattern pattern);
  // The same for the words of a name tokenized already (Tokenize()).
  void Add(absl::Span<const Token> words, MentionPattern pattern);

  // REQUIRES: called once, after every Add() and before Match().
  void Build();

  // Lets order() put every node's patterns (indices) in the order outputs()
  // will return them. REQUIRES: after Build(), before concurrent use.
  void SortOutputs(absl::FunctionRef<void(int32_t node, absl::Span<int32_t> patterns)> order);

  // Leftmost-longest, non-overlapping matches in text order. Words whose
  // case no pattern of theirs accepts are not matches, nor are words with a
  // bracket between them (Token::bracket_before): a name in the knowledge
  // base is not read across one, so its words have none.
  std::vector<MentionMatch> Match(const std::vector<Token>& tokens) const;

  // The patterns of m's node that accept its words, in outputs() order.
  std::vector<int32_t> AcceptedPatterns(const MentionMatch& m,
                                        const std::vector<Token>& tokens) const;

  // Whether pattern p accepts tokens [first, end) as to case.
  static bool Accepts(const MentionPattern& p, const std::vector<Token>& tokens, uint32_t first,
                      uint32_t end);

  // The patterns (indices) that end at node, in SortOutputs() order.
  absl::Span<const int32_t> outputs(int32_t node) const {
    return absl::MakeConstSpan(outputs_.data() + nodes_[node].outputs_begin,
                               nodes_[node].outputs_end - nodes_[node].outputs_begin);
  }
  // Where node's patterns start among all nodes' outputs laid end to end,
  // for arrays of the owner's that run parallel to them.
  uint32_t first_output(int32_t node) const { return nodes_[node].outputs_begin; }
  size_t output_count() const { return outputs_.size(); }
  size_t node_count() const { return nodes_.size(); }

  // Backs the automaton's nodes, outputs and patterns with 2 MB pages
  // (base/huge_pages.h); returns the bytes so backed. REQUIRES: after Build().
  size_t BackWithHugePages() const;

  // Snapshots (index/snapshot.h): pattern names are saved as offsets by the
  // encoder of the strings they view, and read back through its decoder.
  // REQUIRES: SaveTo after Build(); LoadFrom on an empty matcher. LoadFrom
  // returns false when the reader fails (it says why).
  void SaveTo(const ViewEncoder& names, SnapshotWriter& w) const;
  bool LoadFrom(const ViewDecoder& names, SnapshotReader& r);

  const MentionPattern& pattern(int32_t i) const { return patterns_[i]; }
  size_t pattern_count() const { return patterns_.size(); }

 private:
  struct Node {
    int32_t fail = 0;
    int32_t output_link = -1;  // nearest node on the fail chain with outputs
    int32_t depth = 0;
    uint32_t outputs_begin = 0, outputs_end = 0;  // in outputs_
    // Patterns by case rule: none, a capital first letter, all capitals.
    uint32_t plain = 0, capital = 0, caps = 0;
  };

  // The child of node by word, or -1.
  int32_t Next(int32_t node, int32_t word) const {
    auto it = edges_.find(Edge(node, word));
    return it == edges_.end() ? -1 : it->second;
  }
  static uint64_t Edge(int32_t node, int32_t word) {
    return static_cast<uint64_t>(node) << 32 | static_cast<uint32_t>(word);
  }

  // Read at random for every word of a text: in 2 MB pages (huge_pages.h).
  template <typename K>
  using Map = absl::flat_hash_map<K, int32_t, absl::container_internal::hash_default_hash<K>,
                                  absl::container_internal::hash_default_eq<K>,
                                  HugePageAllocator<std::pair<const K, int32_t>>>;
  Map<std::string> word_ids_;
  Map<uint64_t> edges_;  // (node, word) -> child
  std::vector<Node> nodes_{1};
  // Until Build(), each node's patterns as a chain from the last added:
  // the node's last (-1: none), and each pattern's previous one at its node
  // (a vector per node was ~0.1 GB of the build's peak at 1M entities).
  std::vector<int32_t> last_output_{-1};  // per node
  std::vector<int32_t> previous_output_;  // per pattern
  std::vector<int32_t> outputs_;          // per node, end to end
  std::vector<MentionPattern> patterns_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_MENTIONS_H_
