#include "mentions.h"

#include <algorithm>
#include <deque>

namespace parley {

void MentionMatcher::Add(absl::string_view words_of, MentionPattern pattern) {
  const std::vector<Token> words = Tokenize(words_of);
  if (words.empty()) return;
  int32_t node = 0;
  for (const Token& w : words) {
    const int32_t id =
        word_ids_.try_emplace(w.norm, static_cast<int32_t>(word_ids_.size())).first->second;
    auto it = nodes_[node].next.find(id);
    if (it == nodes_[node].next.end()) {
      const int32_t child = static_cast<int32_t>(nodes_.size());
      nodes_[node].next.emplace(id, child);
      nodes_.emplace_back();
      nodes_.back().depth = nodes_[node].depth + 1;
      node = child;
    } else {
      node = it->second;
    }
  }
  // The same entity may reach the same words twice (a name and an alias that
  // normalize alike); keep the first, which is the stronger kind.
  for (int32_t existing : nodes_[node].outputs) {
    if (patterns_[existing].entity == pattern.entity) return;
  }
  nodes_[node].outputs.push_back(static_cast<int32_t>(patterns_.size()));
  patterns_.push_back(std::move(pattern));
}

void MentionMatcher::Build() {
  std::deque<int32_t> queue;
  for (const auto& [word, child] : nodes_[0].next) {
    nodes_[child].fail = 0;
    queue.push_back(child);
  }
  while (!queue.empty()) {
    const int32_t node = queue.front();
    queue.pop_front();
    for (const auto& [word, child] : nodes_[node].next) {
      int32_t f = nodes_[node].fail;
      while (f != 0 && !nodes_[f].next.contains(word)) f = nodes_[f].fail;
      auto it = nodes_[f].next.find(word);
      nodes_[child].fail = (it != nodes_[f].next.end() && it->second != child) ? it->second : 0;
      const int32_t fail = nodes_[child].fail;
      nodes_[child].output_link = nodes_[fail].outputs.empty() ? nodes_[fail].output_link : fail;
      queue.push_back(child);
    }
  }
}

bool MentionMatcher::Accepts(const MentionPattern& p, const std::vector<Token>& tokens,
                             uint32_t first, uint32_t end) const {
  if (p.requires_capital && !tokens[first].capitalized) return false;
  if (p.requires_caps) {
    for (uint32_t t = first; t < end; ++t) {
      if (!tokens[t].all_caps) return false;
    }
  }
  return true;
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
    while (state != 0 && !nodes_[state].next.contains(id)) state = nodes_[state].fail;
    auto next = nodes_[state].next.find(id);
    state = next == nodes_[state].next.end() ? 0 : next->second;
    for (int32_t node = nodes_[state].outputs.empty() ? nodes_[state].output_link : state;
         node > 0; node = nodes_[node].output_link) {
      MentionMatch match;
      match.end_token = i + 1;
      match.first_token = i + 1 - static_cast<uint32_t>(nodes_[node].depth);
      for (int32_t p : nodes_[node].outputs) {
        if (Accepts(patterns_[p], tokens, match.first_token, match.end_token)) {
          match.patterns.push_back(p);
        }
      }
      if (!match.patterns.empty()) found.push_back(std::move(match));
    }
  }
  // Leftmost-longest, without overlaps.
  std::sort(found.begin(), found.end(), [](const MentionMatch& a, const MentionMatch& b) {
    if (a.first_token != b.first_token) return a.first_token < b.first_token;
    return a.end_token > b.end_token;
  });
  std::vector<MentionMatch> chosen;
  uint32_t covered_until = 0;
  for (MentionMatch& m : found) {
    if (m.first_token < covered_until) continue;
    covered_until = m.end_token;
    chosen.push_back(std::move(m));
  }
  return chosen;
}

}  // namespace parley
