// Other forms of a word (TextSearch::WithForms): the indexed words grouped
// by their English stem.
#include <algorithm>

#include <xapian.h>

#include "absl/container/flat_hash_set.h"
#include "service/index/text_search.h"

namespace parley {
namespace {

// Snowball's English stemmer. A Xapian::Stem keeps state while it stems:
// one per thread.
std::string EnglishStem(const std::string& word) {
  thread_local const Xapian::Stem stem("english");
  return stem(word);
}

}  // namespace

void TextSearch::IndexForms() {
  absl::flat_hash_map<std::string, std::vector<std::string>> by_stem;
  for (const auto& [word, term] : terms_) by_stem[EnglishStem(word)].push_back(word);
  auto documents = [this](const std::string& word) {
    const uint32_t term = terms_.at(word);
    return term_postings_[term + 1] - term_postings_[term];
  };
  forms_.clear();
  for (auto& [stem, words] : by_stem) {
    if (words.size() < 2) continue;
    std::sort(words.begin(), words.end(), [&](const std::string& a, const std::string& b) {
      const uint32_t da = documents(a), db = documents(b);
      return da != db ? da > db : a < b;
    });
    if (words.size() > kMaxForms) words.resize(kMaxForms);
    words.shrink_to_fit();
    forms_.emplace(stem, std::move(words));
  }
}

std::vector<QueryClause> TextSearch::WithForms(std::vector<QueryClause> clauses) const {
  for (QueryClause& clause : clauses) {
    if (clause.near) continue;  // its terms are all needed: widening one would change that
    std::vector<QueryTerm> widened;
    absl::flat_hash_set<std::string> words;  // of the clause's single-word terms so far
    for (QueryTerm& term : clause.terms) {
      if (term.words.size() != 1) {
        widened.push_back(std::move(term));
        continue;
      }
      const std::string word = term.words[0];
      if (words.insert(word).second) widened.push_back(std::move(term));
      const auto forms = forms_.find(EnglishStem(word));
      if (forms == forms_.end()) continue;
      for (const std::string& form : forms->second) {
        if (!words.insert(form).second) continue;
        QueryTerm& added = widened.emplace_back();
        added.words = {form};
        added.text = form;
      }
    }
    clause.terms = std::move(widened);
  }
  return clauses;
}

}  // namespace parley
