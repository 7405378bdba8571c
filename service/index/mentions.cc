#include "service/index/mentions.h"

#include <algorithm>
#include <deque>

namespace parley {

void MentionMatcher::Add(absl::string_view words_of, MentionPattern pattern) {
  Add(Tokenize(words_of), pattern);
}

void MentionMatcher::Add(absl::Span<const Token> words, MentionPattern pattern) {
  if (words.empty()) return;
  int32_t node = 0;
  for (const Token& w : words) {
    const int32_t id =
        word_ids_.try_emplace(w.norm, static_cast<int32_t>(word_ids_.size())).first->second;
    auto [it, inserted] = edges_.try_emplace(Edge(node, id), static_cast<int32_t>(nodes_.size()));
    if (inserted) {
      nodes_.emplace_back();
      nodes_.back().depth = nodes_[node].depth + 1;
      last_output_.push_back(-1);
    }
    node = it->second;
  }
  // The same entity may reach the same words twice (a name and an alias that
  // normalize alike); keep the first, which is the stronger kind.
  for (int32_t p = last_output_[node]; p >= 0; p = previous_output_[p]) {
    if (patterns_[p].entity == pattern.entity) return;
  }
  previous_output_.push_back(last_output_[node]);
  last_output_[node] = static_cast<int32_t>(patterns_.size());
  patterns_.push_back(pattern);
}

void MentionMatcher::Build() {
  // Outputs end to end, in the order added, with their case rules counted.
  outputs_.reserve(patterns_.size());
  for (size_t n = 0; n < nodes_.size(); ++n) {
    Node& node = nodes_[n];
    node.outputs_begin = static_cast<uint32_t>(outputs_.size());
    for (int32_t p = last_output_[n]; p >= 0; p = previous_output_[p]) outputs_.push_back(p);
    std::reverse(outputs_.begin() + node.outputs_begin, outputs_.end());
    for (uint32_t k = node.outputs_begin; k < outputs_.size(); ++k) {
      const int32_t p = outputs_[k];
      if (patterns_[p].requires_caps) {
        ++node.caps;
      } else if (patterns_[p].requires_capital) {
        ++node.capital;
      } else {
        ++node.plain;
      }
    }
    node.outputs_end = static_cast<uint32_t>(outputs_.size());
  }
  std::vector<int32_t>().swap(last_output_);
  std::vector<int32_t>().swap(previous_output_);
  // Grown by doubling while patterns were added: up to half of each is
  // slack (tens of MB at 1M entities).
  nodes_.shrink_to_fit();
  patterns_.shrink_to_fit();
  outputs_.shrink_to_fit();
  // Failure links, breadth first. Each node's children (word, child) are
  // children[child_begin[node], child_begin[node + 1]), in the edges' order
  // (a vector per node was 0.1 GB at 1M entities).
  std::vector<uint32_t> child_begin(nodes_.size() + 1, 0);
  for (const auto& [edge, child] : edges_) ++child_begin[(edge >> 32) + 1];
  for (size_t n = 0; n < nodes_.size(); ++n) child_begin[n + 1] += child_begin[n];
  std::vector<std::pair<int32_t, int32_t>> children(edges_.size());
  {
    std::vector<uint32_t> at(child_begin.begin(), child_begin.end() - 1);
    for (const auto& [edge, child] : edges_) {
      children[at[edge >> 32]++] = {static_cast<int32_t>(edge & 0xffffffffu), child};
    }
  }
  auto children_of = [&](int32_t node) {
    return absl::MakeConstSpan(children.data() + child_begin[node],
                               child_begin[node + 1] - child_begin[node]);
  };
  std::deque<int32_t> queue;
  for (const auto& [word, child] : children_of(0)) queue.push_back(child);
  while (!queue.empty()) {
    const int32_t node = queue.front();
    queue.pop_front();
    for (const auto& [word, child] : children_of(node)) {
      int32_t f = nodes_[node].fail;
      while (f != 0 && Next(f, word) < 0) f = nodes_[f].fail;
      const int32_t target = Next(f, word);
      nodes_[child].fail = (target >= 0 && target != child) ? target : 0;
      const Node& fail = nodes_[nodes_[child].fail];
      nodes_[child].output_link =
          fail.outputs_begin == fail.outputs_end ? fail.output_link : nodes_[child].fail;
      queue.push_back(child);
    }
  }
}

void MentionMatcher::SortOutputs(
    absl::FunctionRef<void(int32_t node, absl::Span<int32_t> patterns)> order) {
  for (size_t n = 0; n < nodes_.size(); ++n) {
    const Node& node = nodes_[n];
    if (node.outputs_end - node.outputs_begin > 1) {
      order(static_cast<int32_t>(n), absl::MakeSpan(outputs_.data() + node.outputs_begin,
                                                    node.outputs_end - node.outputs_begin));
    }
  }
}

namespace {

struct SavedPattern {
  int32_t entity = 0;
  int32_t kind = 0;
  uint64_t name_offset = 0;
  uint64_t name_size = 0;
  uint8_t requires_caps = 0;  // not bool: read back from bytes that may be damaged
  uint8_t requires_capital = 0;
};

}  // namespace

size_t MentionMatcher::BackWithHugePages() const {
  return parley::BackWithHugePages(nodes_) + parley::BackWithHugePages(outputs_) +
         parley::BackWithHugePages(patterns_);
}

void MentionMatcher::SaveTo(const ViewEncoder& names, SnapshotWriter& w) const {
  WriteStringNumbers(word_ids_, w);
  std::vector<std::pair<uint64_t, int32_t>> edges(edges_.begin(), edges_.end());
  w.Array(edges);
  w.Array(nodes_);
  w.Array(outputs_);
  std::vector<SavedPattern> patterns;
  patterns.reserve(patterns_.size());
  for (const MentionPattern& p : patterns_) {
    absl::StatusOr<uint64_t> offset = names.Offset(p.name);
    if (!offset.ok()) w.Fail(offset.status());
    patterns.push_back(
        {p.entity, p.kind, offset.value_or(0), p.name.size(), p.requires_caps, p.requires_capital});
  }
  w.Array(patterns);
}

bool MentionMatcher::LoadFrom(const ViewDecoder& names, SnapshotReader& r) {
  if (!ReadStringNumbers(r, &word_ids_)) return false;
  std::vector<std::pair<uint64_t, int32_t>> edges;
  std::vector<SavedPattern> patterns;
  if (!r.Array(&edges) || !r.Array(&nodes_) || !r.Array(&outputs_) || !r.Array(&patterns)) {
    return false;
  }
  edges_.reserve(edges.size());
  for (const auto& [edge, child] : edges) {
    if (child < 0 || static_cast<size_t>(child) >= nodes_.size()) {
      return r.Fail("a mention matcher edge out of range");
    }
    edges_.emplace(edge, child);
  }
  for (const Node& node : nodes_) {
    if (node.outputs_begin > node.outputs_end || node.outputs_end > outputs_.size()) {
      return r.Fail("a mention matcher node out of range");
    }
  }
  patterns_.resize(patterns.size());
  for (size_t i = 0; i < patterns.size(); ++i) {
    const SavedPattern& p = patterns[i];
    MentionPattern& out = patterns_[i];
    out.entity = p.entity;
    out.kind = static_cast<v1::MentionKind>(p.kind);
    out.requires_caps = p.requires_caps != 0;
    out.requires_capital = p.requires_capital != 0;
    if (!names.View(p.name_offset, p.name_size, &out.name)) {
      return r.Fail("a pattern name outside the entity store's strings");
    }
  }
  for (int32_t p : outputs_) {
    if (p < 0 || static_cast<size_t>(p) >= patterns_.size()) {
      return r.Fail("a mention matcher output out of range");
    }
  }
  last_output_.clear();
  previous_output_.clear();
  return true;
}

bool MentionMatcher::Accepts(const MentionPattern& p, const std::vector<Token>& tokens,
                             uint32_t first, uint32_t end) {
  if (p.requires_capital && !tokens[first].capitalized) return false;
  if (p.requires_caps) {
    for (uint32_t t = first; t < end; ++t) {
      if (!tokens[t].all_caps) return false;
    }
  }
  return true;
}

std::vector<int32_t> MentionMatcher::AcceptedPatterns(const MentionMatch& m,
                                                      const std::vector<Token>& tokens) const {
  const absl::Span<const int32_t> all = outputs(m.node);
  if (m.all_accept) return std::vector<int32_t>(all.begin(), all.end());
  std::vector<int32_t> accepted;
  for (int32_t p : all) {
    if (Accepts(patterns_[p], tokens, m.first_token, m.end_token)) accepted.push_back(p);
  }
  return accepted;
}

std::vector<MentionMatch> MentionMatcher::Match(const std::vector<Token>& tokens) const {
  std::vector<MentionMatch> found;
  int32_t state = 0;
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    auto id_it = word_ids_.find(tokens[i].norm);
    if (id_it == word_ids_.end()) {
      state = 0;  // no pattern contains this word
      continue;
    }
    const int32_t id = id_it->second;
    int32_t next = Next(state, id);
    while (next < 0 && state != 0) {
      state = nodes_[state].fail;
      next = Next(state, id);
    }
    state = next < 0 ? 0 : next;
    const Node& at = nodes_[state];
    for (int32_t n = at.outputs_begin != at.outputs_end ? state : at.output_link; n > 0;
         n = nodes_[n].output_link) {
      const Node& node = nodes_[n];
      const uint32_t first = i + 1 - static_cast<uint32_t>(node.depth);
      // A name is not read across a bracket: "(Barack) Obama" is Obama.
      bool bracketed = false;
      for (uint32_t t = first + 1; t <= i; ++t) bracketed |= tokens[t].bracket_before;
      if (bracketed) continue;
      uint32_t accepted = node.plain;
      if (node.capital + node.caps > 0 && tokens[first].capitalized) {
        accepted += node.capital;
        if (node.caps > 0) {
          bool caps = true;
          for (uint32_t t = first; t <= i; ++t) caps &= tokens[t].all_caps;
          if (caps) accepted += node.caps;
        }
      }
      if (accepted == 0) continue;
      found.push_back({first, i + 1, n, accepted == node.outputs_end - node.outputs_begin});
    }
  }
  // Leftmost-longest, without overlaps.
  std::sort(found.begin(), found.end(), [](const MentionMatch& a, const MentionMatch& b) {
    if (a.first_token != b.first_token) return a.first_token < b.first_token;
    return a.end_token > b.end_token;
  });
  std::vector<MentionMatch> chosen;
  uint32_t covered_until = 0;
  for (const MentionMatch& m : found) {
    if (m.first_token < covered_until) continue;
    covered_until = m.end_token;
    chosen.push_back(m);
  }
  return chosen;
}

}  // namespace parley
