// "Did you mean" (TextSearch::SuggestQuery): unknown words replaced by the
// closest indexed ones.
#include <algorithm>
#include <tuple>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "service/base/edit_distance.h"
#include "service/index/text_search.h"

namespace parley {

std::string TextSearch::ClosestTerm(absl::string_view word) const {
  int bound = MaxEditsFor(CodePointCount(word));
  if (bound == 0) return "";
  const std::string* best = nullptr;
  int best_edits = 0;
  uint32_t best_documents = 0;
  for (const auto& [term, number] : terms_) {
    const int edits = BoundedEditDistance(word, term, bound);
    if (edits > bound) continue;
    const uint32_t documents = term_postings_[number + 1] - term_postings_[number];
    if (best == nullptr ||
        std::tie(edits, best_documents, term) < std::tie(best_edits, documents, *best)) {
      best = &term;
      best_edits = edits;
      best_documents = documents;
      bound = edits;  // nothing further away can win
    }
  }
  return best == nullptr ? "" : *best;
}

std::string TextSearch::SuggestQuery(absl::string_view query,
                                     const std::vector<QueryClause>& clauses) const {
  // Replacements as (span in query, word), then made from the end back.
  std::vector<std::pair<std::pair<size_t, size_t>, std::string>> replacements;
  absl::flat_hash_map<std::string, std::string> closest;  // each unknown word looked up once
  for (const QueryClause& clause : clauses) {
    // An unknown excluded word excludes nothing; an OR with a term whose
    // words are all indexed, or a NEAR whose terms all are, is not why
    // nothing matched.
    if (clause.excluded) continue;
    auto indexed = [this](const QueryTerm& t) { return !WordNumbersOf(t).empty(); };
    if (clause.near ? std::all_of(clause.terms.begin(), clause.terms.end(), indexed)
                    : std::any_of(clause.terms.begin(), clause.terms.end(), indexed)) {
      continue;
    }
    for (const QueryTerm& term : clause.terms) {
      for (size_t w = 0; w < term.words.size() && w < term.word_spans.size(); ++w) {
        const std::string& word = term.words[w];
        if (TermOf(word) != kNoTerm) continue;
        auto it = closest.find(word);
        if (it == closest.end()) {
          if (closest.size() == kMaxSuggestedWords) continue;
          it = closest.emplace(word, ClosestTerm(word)).first;
        }
        if (it->second.empty()) continue;
        std::string replacement = it->second;
        // "Pakstan" gets "Pakistan": the indexed word is lower case.
        const auto [start, end] = term.word_spans[w];
        if (start < query.size() && absl::ascii_isupper(static_cast<unsigned char>(query[start]))) {
          replacement[0] = absl::ascii_toupper(static_cast<unsigned char>(replacement[0]));
        }
        replacements.emplace_back(term.word_spans[w], std::move(replacement));
      }
    }
  }
  if (replacements.empty()) return "";
  std::sort(replacements.begin(), replacements.end());
  std::string suggested(query);
  for (auto it = replacements.rbegin(); it != replacements.rend(); ++it) {
    const auto [start, end] = it->first;
    if (end > suggested.size() || start > end) continue;
    suggested.replace(start, end - start, it->second);
  }
  return suggested;
}

}  // namespace parley
