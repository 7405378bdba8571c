#include "service/index/text_search.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "service/base/text_offsets.h"

namespace parley {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr uint32_t kSnippetWords = 40;

}  // namespace

void TextSearch::AddDocument(const std::vector<Token>& tokens) {
  for (const Token& t : tokens) {
    const uint32_t next = static_cast<uint32_t>(terms_.size());
    pending_terms_.push_back(terms_.try_emplace(t.norm, next).first->second);
  }
  lengths_.push_back(static_cast<uint32_t>(tokens.size()));
}

void TextSearch::SaveTo(SnapshotWriter& w) const {
  WriteStringNumbers(terms_, w);
  w.Array(term_postings_);
  w.Array(posting_document_);
  w.Array(posting_positions_);
  w.Array(posting_weights_);
  w.Array(positions_);
  w.Array(lengths_);
  w.Array(length_norms_);
}

bool TextSearch::LoadFrom(SnapshotReader& r) {
  if (!ReadStringNumbers(r, &terms_)) return false;
  const size_t terms = terms_.size();
  for (const auto& [word, term] : terms_) {
    if (term >= terms) return r.Fail("a text search term out of range");
  }
  if (!r.Array(&term_postings_) || !r.Array(&posting_document_) || !r.Array(&posting_positions_) ||
      !r.Array(&posting_weights_) || !r.Array(&positions_) || !r.Array(&lengths_) ||
      !r.Array(&length_norms_)) {
    return false;
  }
  if (term_postings_.size() != terms + 1 || term_postings_.back() != posting_document_.size() ||
      posting_positions_.size() != posting_document_.size() + 1 ||
      posting_positions_.back() != positions_.size() ||
      posting_weights_.size() != posting_document_.size() ||
      length_norms_.size() != lengths_.size()) {
    return r.Fail("the text index's arrays do not add up");
  }
  IndexForms();
  return true;
}

void TextSearch::Build() {
  const size_t term_count = terms_.size();
  // Pass 1: postings and occurrences per term.
  std::vector<uint32_t> postings(term_count, 0), occurrences(term_count, 0);
  std::vector<uint32_t> last(term_count, UINT32_MAX);
  size_t at = 0;
  for (uint32_t d = 0; d < lengths_.size(); ++d) {
    for (uint32_t k = 0; k < lengths_[d]; ++k) {
      const uint32_t t = pending_terms_[at++];
      ++occurrences[t];
      if (last[t] != d) last[t] = d, ++postings[t];
    }
  }
  term_postings_.assign(term_count + 1, 0);
  std::vector<uint32_t> next_position(term_count + 1, 0);
  for (size_t t = 0; t < term_count; ++t) {
    term_postings_[t + 1] = term_postings_[t] + postings[t];
    next_position[t + 1] = next_position[t] + occurrences[t];
  }
  // Pass 2: fill each term's ranges in document order.
  const uint32_t posting_count = term_postings_[term_count];
  posting_document_.resize(posting_count);
  posting_positions_.resize(posting_count + 1);
  positions_.resize(next_position[term_count]);
  posting_positions_[posting_count] = next_position[term_count];
  std::vector<uint32_t> next_posting(term_postings_.begin(), term_postings_.end() - 1);
  std::fill(last.begin(), last.end(), UINT32_MAX);
  at = 0;
  for (uint32_t d = 0; d < lengths_.size(); ++d) {
    for (uint32_t k = 0; k < lengths_[d]; ++k) {
      const uint32_t t = pending_terms_[at++];
      if (last[t] != d) {
        last[t] = d;
        const uint32_t p = next_posting[t]++;
        posting_document_[p] = d;
        posting_positions_[p] = next_position[t];
      }
      positions_[next_position[t]++] = k;
    }
  }
  std::vector<uint32_t>().swap(pending_terms_);
  double total = 0;
  for (uint32_t length : lengths_) total += length;
  const double average = lengths_.empty() ? 0 : total / static_cast<double>(lengths_.size());
  length_norms_.resize(lengths_.size());
  for (size_t d = 0; d < lengths_.size(); ++d) {
    length_norms_[d] = static_cast<float>(
        average == 0 ? kK1 : kK1 * (1 - kB + kB * static_cast<double>(lengths_[d]) / average));
  }
  posting_weights_.resize(posting_count);
  for (uint32_t p = 0; p < posting_count; ++p) {
    posting_weights_[p] =
        static_cast<float>(Bm25(1.0, PostingPositions(p).size(), posting_document_[p]));
  }
  IndexForms();
}

uint32_t TextSearch::TermOf(const std::string& word) const {
  auto it = terms_.find(word);
  return it == terms_.end() ? kNoTerm : it->second;
}

absl::Span<const uint32_t> TextSearch::DocumentsOf(uint32_t term) const {
  return absl::MakeConstSpan(posting_document_)
      .subspan(term_postings_[term], term_postings_[term + 1] - term_postings_[term]);
}

absl::Span<const uint32_t> TextSearch::PostingPositions(size_t posting) const {
  return absl::MakeConstSpan(positions_)
      .subspan(posting_positions_[posting],
               posting_positions_[posting + 1] - posting_positions_[posting]);
}

absl::Span<const uint32_t> TextSearch::PositionsIn(uint32_t term, uint32_t document) const {
  const absl::Span<const uint32_t> documents = DocumentsOf(term);
  auto it = std::lower_bound(documents.begin(), documents.end(), document);
  if (it == documents.end() || *it != document) return {};
  return PostingPositions(term_postings_[term] + static_cast<size_t>(it - documents.begin()));
}

namespace {

// The first index at or after `from` whose value is >= target (exponential
// then binary search: cheap when the lists differ much in length).
size_t Gallop(absl::Span<const uint32_t> values, size_t from, uint32_t target) {
  size_t step = 1, high = from;
  while (high < values.size() && values[high] < target) {
    from = high + 1;
    high += step;
    step *= 2;
  }
  high = std::min(high, values.size());
  return static_cast<size_t>(
      std::lower_bound(values.begin() + from, values.begin() + high, target) - values.begin());
}

// Positions p of the first list with p + j in list j, for every j.
template <typename Visit>
void InRow(const std::vector<absl::Span<const uint32_t>>& lists, Visit visit) {
  for (uint32_t p : lists[0]) {
    bool all = true;
    for (size_t j = 1; j < lists.size() && all; ++j) {
      all = std::binary_search(lists[j].begin(), lists[j].end(), p + static_cast<uint32_t>(j));
    }
    if (all) visit(p);
  }
}

// Calls visit(document, index in each list) for every document all lists
// have, ascending. The lists are ascending.
template <typename Visit>
void Intersect(const std::vector<absl::Span<const uint32_t>>& lists, Visit visit) {
  size_t driver = 0;
  for (size_t j = 1; j < lists.size(); ++j) {
    if (lists[j].size() < lists[driver].size()) driver = j;
  }
  std::vector<size_t> at(lists.size(), 0);
  for (size_t i = 0; i < lists[driver].size(); ++i) {
    const uint32_t document = lists[driver][i];
    at[driver] = i;
    bool all = true;
    for (size_t j = 0; j < lists.size() && all; ++j) {
      if (j == driver) continue;
      at[j] = Gallop(lists[j], at[j], document);
      if (at[j] == lists[j].size()) return;
      all = lists[j][at[j]] == document;
    }
    if (all) visit(document, at);
  }
}

}  // namespace

TextSearch::PhraseDocuments TextSearch::Documents(const std::vector<uint32_t>& terms) const {
  PhraseDocuments result;
  std::vector<absl::Span<const uint32_t>> lists;
  for (uint32_t t : terms) lists.push_back(DocumentsOf(t));
  std::vector<absl::Span<const uint32_t>> positions(terms.size());
  Intersect(lists, [&](uint32_t document, const std::vector<size_t>& at) {
    for (size_t j = 0; j < terms.size(); ++j) {
      positions[j] = PostingPositions(term_postings_[terms[j]] + at[j]);
    }
    uint32_t count = 0;
    InRow(positions, [&](uint32_t) { ++count; });
    if (count == 0) return;
    result.documents.push_back(document);
    result.counts.push_back(count);
  });
  return result;
}

std::vector<uint32_t> TextSearch::Occurrences(const std::vector<uint32_t>& terms,
                                              uint32_t document) const {
  std::vector<absl::Span<const uint32_t>> positions;
  for (uint32_t t : terms) {
    positions.push_back(PositionsIn(t, document));
    if (positions.back().empty()) return {};
  }
  std::vector<uint32_t> result;
  InRow(positions, [&](uint32_t p) { result.push_back(p); });
  return result;
}

double TextSearch::Idf(double df) const {
  const double n = static_cast<double>(lengths_.size());
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

double TextSearch::Bm25(double idf, double tf, uint32_t document) const {
  return idf * tf * (kK1 + 1) / (tf + length_norms_[document]);
}

// A clause's documents, ascending, and its score in each.
struct TextSearch::ClauseList {
  absl::Span<const uint32_t> documents;
  // A word's score in documents[i] is idf * weights[i] (its postings'
  // weights); any other clause's is scores[i].
  const float* weights = nullptr;
  double idf = 0;
  std::vector<uint32_t> owned;  // documents, when made here
  std::vector<double> scores;
  double ScoreAt(size_t i) const { return weights != nullptr ? idf * weights[i] : scores[i]; }
};

std::vector<uint32_t> TextSearch::WordNumbersOf(const QueryTerm& term) const {
  std::vector<uint32_t> terms;
  for (const std::string& word : term.words) {
    terms.push_back(TermOf(word));
    if (terms.back() == kNoTerm) return {};
  }
  return terms;
}

namespace {

// The union of two lists of documents, each document's scores added.
void MergeInto(absl::Span<const uint32_t> a_documents, const std::vector<double>& a_scores,
               absl::Span<const uint32_t> b_documents, const std::vector<double>& b_scores,
               std::vector<uint32_t>* documents, std::vector<double>* scores) {
  documents->clear();
  scores->clear();
  documents->reserve(a_documents.size() + b_documents.size());
  scores->reserve(documents->capacity());
  size_t i = 0, j = 0;
  while (i < a_documents.size() || j < b_documents.size()) {
    const bool take_a =
        j == b_documents.size() || (i < a_documents.size() && a_documents[i] <= b_documents[j]);
    const bool take_b =
        i == a_documents.size() || (j < b_documents.size() && b_documents[j] <= a_documents[i]);
    documents->push_back(take_a ? a_documents[i] : b_documents[j]);
    scores->push_back((take_a ? a_scores[i++] : 0) + (take_b ? b_scores[j++] : 0));
  }
}

}  // namespace

TextSearch::ClauseList TextSearch::ListOf(const QueryClause& clause,
                                          std::vector<int32_t>* term_documents) const {
  std::vector<ClauseList> alternatives(clause.terms.size());
  std::vector<std::vector<uint32_t>> words_of(clause.terms.size());
  for (size_t k = 0; k < clause.terms.size(); ++k) {
    words_of[k] = WordNumbersOf(clause.terms[k]);
    const std::vector<uint32_t>& words = words_of[k];
    ClauseList& l = alternatives[k];
    if (words.size() == 1) {
      // A word: its postings as they are.
      l.documents = DocumentsOf(words[0]);
      l.weights = posting_weights_.data() + term_postings_[words[0]];
      l.idf = Idf(static_cast<double>(l.documents.size()));
    } else if (!words.empty()) {
      // A phrase: the documents with its words in a row, and how often.
      PhraseDocuments phrase = Documents(words);
      l.owned = std::move(phrase.documents);
      l.documents = l.owned;
      l.idf = Idf(static_cast<double>(l.owned.size()));
      l.scores.resize(l.owned.size());
      for (size_t i = 0; i < l.owned.size(); ++i) {
        l.scores[i] = Bm25(l.idf, phrase.counts[i], l.owned[i]);
      }
    }
    term_documents->push_back(static_cast<int32_t>(l.documents.size()));
  }
  if (alternatives.size() == 1) return std::move(alternatives[0]);
  if (clause.near) return NearList(alternatives, words_of);
  // Alternatives (a OR b): the documents with any of them, each scored by
  // those it has. Merged in pairs, then pairs of pairs: each document is
  // copied once a level, log2(alternatives) times in all.
  for (ClauseList& l : alternatives) {
    if (l.weights == nullptr) continue;
    l.owned.assign(l.documents.begin(), l.documents.end());
    l.scores.resize(l.owned.size());
    for (size_t i = 0; i < l.owned.size(); ++i) l.scores[i] = l.ScoreAt(i);
    l.weights = nullptr;
  }
  for (size_t step = 1; step < alternatives.size(); step *= 2) {
    for (size_t i = 0; i + step < alternatives.size(); i += 2 * step) {
      ClauseList& a = alternatives[i];
      const ClauseList& b = alternatives[i + step];
      ClauseList merged;
      MergeInto(a.owned, a.scores, b.owned, b.scores, &merged.owned, &merged.scores);
      a = std::move(merged);
    }
  }
  ClauseList& any = alternatives[0];
  any.documents = any.owned;
  return std::move(any);
}

namespace {

// Whether one value of each list (each ascending, none empty) lies within
// window of the others: the smallest is moved up until the spread fits.
bool WithinWindow(const std::vector<absl::Span<const uint32_t>>& lists, uint32_t window) {
  std::vector<size_t> at(lists.size(), 0);
  while (true) {
    size_t lowest = 0;
    uint32_t high = 0;
    for (size_t t = 0; t < lists.size(); ++t) {
      if (lists[t][at[t]] < lists[lowest][at[lowest]]) lowest = t;
      high = std::max(high, lists[t][at[t]]);
    }
    if (high - lists[lowest][at[lowest]] <= window) return true;
    if (++at[lowest] == lists[lowest].size()) return false;
  }
}

}  // namespace

TextSearch::ClauseList TextSearch::NearList(const std::vector<ClauseList>& terms,
                                            const std::vector<std::vector<uint32_t>>& words) const {
  ClauseList near;
  std::vector<absl::Span<const uint32_t>> lists;
  for (const ClauseList& term : terms) {
    if (term.documents.empty()) return near;
    lists.push_back(term.documents);
  }
  std::vector<std::vector<uint32_t>> phrase_positions(terms.size());
  std::vector<absl::Span<const uint32_t>> positions(terms.size());
  Intersect(lists, [&](uint32_t document, const std::vector<size_t>& at) {
    for (size_t t = 0; t < terms.size(); ++t) {
      if (words[t].size() == 1) {
        positions[t] = PostingPositions(term_postings_[words[t][0]] + at[t]);
      } else {
        phrase_positions[t] = Occurrences(words[t], document);
        positions[t] = phrase_positions[t];
      }
    }
    if (!WithinWindow(positions, kNearWords)) return;
    double score = 0;
    for (size_t t = 0; t < terms.size(); ++t) score += terms[t].ScoreAt(at[t]);
    near.owned.push_back(document);
    near.scores.push_back(score);
  });
  near.documents = near.owned;
  return near;
}

TextSearchResult TextSearch::Search(const std::vector<QueryClause>& clauses,
                                    const std::function<bool(int32_t)>& filter, size_t best) const {
  TextSearchResult result;
  result.term_documents.resize(clauses.size());
  // Each clause a hit must have as a list of documents with its score in
  // each, the first empty one ending the search; then the excluded ones.
  std::vector<ClauseList> required, excluded;
  for (size_t c = 0; c < clauses.size(); ++c) {
    if (clauses[c].excluded) continue;
    required.push_back(ListOf(clauses[c], &result.term_documents[c]));
    if (required.back().documents.empty()) return result;
  }
  for (size_t c = 0; c < clauses.size(); ++c) {
    if (!clauses[c].excluded) continue;
    ClauseList l = ListOf(clauses[c], &result.term_documents[c]);
    if (!l.documents.empty()) excluded.push_back(std::move(l));
  }
  if (required.empty()) return result;  // ParseTextQuery never gives that
  std::vector<absl::Span<const uint32_t>> lists;
  for (const ClauseList& l : required) lists.push_back(l.documents);
  // The best `best` in a heap whose top is the worst of them.
  auto better = [](const DocumentHit& a, const DocumentHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.document < b.document;
  };
  std::vector<DocumentHit>& heap = result.hits;
  heap.reserve(std::min<size_t>(best, 1024));
  // Where each excluded list was last looked at: documents come in
  // ascending order, and each list is galloped only at candidates.
  std::vector<size_t> excluded_at(excluded.size(), 0);
  auto is_excluded = [&](uint32_t document) {
    for (size_t e = 0; e < excluded.size(); ++e) {
      excluded_at[e] = Gallop(excluded[e].documents, excluded_at[e], document);
      if (excluded_at[e] < excluded[e].documents.size() &&
          excluded[e].documents[excluded_at[e]] == document) {
        return true;
      }
    }
    return false;
  };
  Intersect(lists, [&](uint32_t document, const std::vector<size_t>& at) {
    if (is_excluded(document)) return;
    if (filter && !filter(static_cast<int32_t>(document))) return;
    ++result.total;
    double score = 0;
    for (size_t c = 0; c < required.size(); ++c) score += required[c].ScoreAt(at[c]);
    const DocumentHit hit{static_cast<int32_t>(document), score};
    if (heap.size() < best) {
      heap.push_back(hit);
      std::push_heap(heap.begin(), heap.end(), better);
    } else if (best > 0 && better(hit, heap.front())) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.back() = hit;
      std::push_heap(heap.begin(), heap.end(), better);
    }
  });
  std::sort_heap(heap.begin(), heap.end(), better);
  return result;
}

std::string TextSearch::Explain(const TextSearchResult& result, const DocumentHit& hit,
                                const std::vector<QueryClause>& clauses) const {
  std::vector<std::string> parts;
  for (size_t c = 0; c < clauses.size(); ++c) {
    if (clauses[c].excluded) continue;
    for (size_t k = 0; k < clauses[c].terms.size(); ++k) {
      const QueryTerm& term = clauses[c].terms[k];
      const std::vector<uint32_t> terms = WordNumbersOf(term);
      if (terms.empty()) continue;
      const size_t tf = Occurrences(terms, static_cast<uint32_t>(hit.document)).size();
      if (tf == 0 && clauses[c].terms.size() > 1) continue;  // an alternative it lacks
      const double df = c < result.term_documents.size() && k < result.term_documents[c].size()
                            ? result.term_documents[c][k]
                            : 0;
      // A word's part as Search() scored it (its posting's float weight).
      double part = Bm25(Idf(df), static_cast<double>(tf), hit.document);
      if (terms.size() == 1) {
        const absl::Span<const uint32_t> documents = DocumentsOf(terms[0]);
        const auto it = std::lower_bound(documents.begin(), documents.end(),
                                         static_cast<uint32_t>(hit.document));
        if (it != documents.end() && *it == static_cast<uint32_t>(hit.document)) {
          part = Idf(df) * posting_weights_[term_postings_[terms[0]] +
                                            static_cast<size_t>(it - documents.begin())];
        }
      }
      parts.push_back(absl::StrFormat("%s %.2f (tf %d, df %d)", term.text, part,
                                      static_cast<int>(tf), static_cast<int>(df)));
    }
  }
  return absl::StrCat("BM25 ", absl::StrFormat("%.2f", hit.score), " = ",
                      absl::StrJoin(parts, " + "));
}

v1::Snippet TextSearch::MakeSnippet(int32_t document, absl::string_view text,
                                    const std::vector<QueryClause>& clauses) const {
  // The words again: tokenizing one document costs less than keeping
  // every document's words in memory.
  const std::vector<Token> tokens = Tokenize(text);
  // Every occurrence as a word range, with its term (numbered across
  // clauses: the words of a NEAR, and the alternatives of an OR, count
  // apart).
  struct Occ {
    uint32_t first, end;
    size_t term;
  };
  std::vector<Occ> occs;
  size_t term_count = 0;
  for (const QueryClause& clause : clauses) {
    if (clause.excluded) continue;
    for (const QueryTerm& term : clause.terms) {
      const size_t number = term_count++;
      const std::vector<uint32_t> words = WordNumbersOf(term);
      if (words.empty()) continue;
      for (uint32_t pos : Occurrences(words, static_cast<uint32_t>(document))) {
        occs.push_back({pos, pos + static_cast<uint32_t>(words.size()), number});
      }
    }
  }
  std::sort(occs.begin(), occs.end(), [](const Occ& a, const Occ& b) { return a.first < b.first; });
  v1::Snippet snippet;
  if (occs.empty() || tokens.empty()) return snippet;
  // The window that covers the most distinct terms, then the most occurrences.
  size_t best_start = 0, best_distinct = 0, best_count = 0;
  for (size_t i = 0; i < occs.size(); ++i) {
    std::vector<bool> seen(term_count);
    size_t distinct = 0, count = 0;
    for (size_t j = i; j < occs.size() && occs[j].end <= occs[i].first + kSnippetWords; ++j) {
      if (!seen[occs[j].term]) seen[occs[j].term] = true, ++distinct;
      ++count;
    }
    if (distinct > best_distinct || (distinct == best_distinct && count > best_count)) {
      best_start = i, best_distinct = distinct, best_count = count;
    }
  }
  const uint32_t anchor = occs[best_start].first;
  const uint32_t first = anchor > 8 ? anchor - 8 : 0;
  const uint32_t last =
      std::min<uint32_t>(static_cast<uint32_t>(tokens.size()) - 1, first + kSnippetWords - 1);
  snippet.set_start_offset(tokens[first].start);
  snippet.set_end_offset(tokens[last].end);
  snippet.set_text(
      std::string(text.substr(tokens[first].start, tokens[last].end - tokens[first].start)));
  for (const Occ& o : occs) {
    if (o.first < first || o.end - 1 > last) continue;
    v1::Highlight* h = snippet.add_highlights();
    h->set_start_offset(tokens[o.first].start);
    h->set_end_offset(tokens[o.end - 1].end);
  }
  // One pass: the snippet's start, its highlights in text order, its end.
  OffsetConverter offsets(text);
  const UnicodeOffset start = offsets.At(tokens[first].start);
  snippet.set_start_code_point(start.code_point);
  snippet.set_start_utf16(start.utf16);
  for (v1::Highlight& h : *snippet.mutable_highlights()) SetUnicodeOffsets(offsets, &h);
  const UnicodeOffset end = offsets.At(tokens[last].end);
  snippet.set_end_code_point(end.code_point);
  snippet.set_end_utf16(end.utf16);
  return snippet;
}

}  // namespace parley
