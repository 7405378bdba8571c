#include "service/index/text_search.h"

#include <algorithm>
#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "service/base/errors.h"
#include "service/base/text_offsets.h"

namespace parley {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;
constexpr uint32_t kSnippetWords = 40;

}  // namespace

absl::StatusOr<std::vector<QueryClause>> ParseTextQuery(absl::string_view query) {
  std::vector<QueryClause> clauses;
  bool in_phrase = false;
  size_t segment_start = 0;
  auto flush = [&](size_t end, bool phrase) {
    absl::string_view segment = query.substr(segment_start, end - segment_start);
    std::vector<Token> tokens = Tokenize(segment);
    if (phrase && !tokens.empty()) {
      QueryClause clause;
      for (Token& t : tokens) clause.words.push_back(std::move(t.norm));
      clause.text = std::string(segment);
      clauses.push_back(std::move(clause));
    } else {
      for (Token& t : tokens) {
        QueryClause clause;
        clause.text = std::string(segment.substr(t.start, t.end - t.start));
        clause.words.push_back(std::move(t.norm));
        clauses.push_back(std::move(clause));
      }
    }
  };
  for (size_t i = 0; i < query.size(); ++i) {
    // Straight or typographic double quotes open and close phrases.
    size_t quote_len = 0;
    if (query[i] == '"') {
      quote_len = 1;
    } else if (query.substr(i, 3) == "\xE2\x80\x9C" || query.substr(i, 3) == "\xE2\x80\x9D") {
      quote_len = 3;
    }
    if (quote_len == 0) continue;
    flush(i, in_phrase);
    in_phrase = !in_phrase;
    i += quote_len - 1;
    segment_start = i + 1;
  }
  if (in_phrase) {
    return InvalidArgument(
        "INVALID_QUERY",
        "query has an unclosed quote: close the phrase with \" or remove the quote");
  }
  flush(query.size(), false);
  if (clauses.empty()) {
    return InvalidArgument(
        "INVALID_QUERY",
        "query has no words: search for words or \"a phrase\", e.g. \"fake currency\"");
  }
  return clauses;
}

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

TextSearch::ClauseDocuments TextSearch::Documents(const std::vector<uint32_t>& terms) const {
  ClauseDocuments result;
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

TextSearchResult TextSearch::Search(const std::vector<QueryClause>& clauses,
                                    const std::function<bool(int32_t)>& filter, size_t best) const {
  TextSearchResult result;
  result.clause_documents.assign(clauses.size(), 0);
  if (clauses.empty()) return result;  // ParseTextQuery never gives none
  // Each clause as a list of documents with its count in each: a word's is
  // its postings (counts from the position ranges), a phrase's is made.
  std::vector<std::vector<uint32_t>> clause_terms(clauses.size());
  for (size_t c = 0; c < clauses.size(); ++c) {
    if (clauses[c].words.empty()) return result;
    for (const std::string& word : clauses[c].words) {
      clause_terms[c].push_back(TermOf(word));
      if (clause_terms[c].back() == kNoTerm) return result;
    }
  }
  std::vector<ClauseDocuments> phrases(clauses.size());
  std::vector<absl::Span<const uint32_t>> lists(clauses.size());
  for (size_t c = 0; c < clauses.size(); ++c) {
    if (clause_terms[c].size() == 1) {
      lists[c] = DocumentsOf(clause_terms[c][0]);
    } else {
      phrases[c] = Documents(clause_terms[c]);
      lists[c] = phrases[c].documents;
    }
    result.clause_documents[c] = static_cast<int32_t>(lists[c].size());
    if (lists[c].empty()) return result;
  }
  std::vector<double> idf(clauses.size());
  for (size_t c = 0; c < clauses.size(); ++c) idf[c] = Idf(static_cast<double>(lists[c].size()));
  // The best `best` in a heap whose top is the worst of them.
  auto better = [](const DocumentHit& a, const DocumentHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.document < b.document;
  };
  std::vector<DocumentHit>& heap = result.hits;
  heap.reserve(std::min<size_t>(best, 1024));
  Intersect(lists, [&](uint32_t document, const std::vector<size_t>& at) {
    if (filter && !filter(static_cast<int32_t>(document))) return;
    ++result.total;
    double score = 0;
    for (size_t c = 0; c < clauses.size(); ++c) {
      score += clause_terms[c].size() == 1
                   ? idf[c] * posting_weights_[term_postings_[clause_terms[c][0]] + at[c]]
                   : Bm25(idf[c], phrases[c].counts[at[c]], document);
    }
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
    std::vector<uint32_t> terms;
    for (const std::string& word : clauses[c].words) terms.push_back(TermOf(word));
    if (std::find(terms.begin(), terms.end(), kNoTerm) != terms.end()) continue;
    const size_t tf = Occurrences(terms, static_cast<uint32_t>(hit.document)).size();
    const double df = result.clause_documents[c];
    // A word's part as Search() scored it (its posting's float weight).
    double part = Bm25(Idf(df), static_cast<double>(tf), hit.document);
    if (terms.size() == 1) {
      const absl::Span<const uint32_t> documents = DocumentsOf(terms[0]);
      const auto it =
          std::lower_bound(documents.begin(), documents.end(), static_cast<uint32_t>(hit.document));
      if (it != documents.end() && *it == static_cast<uint32_t>(hit.document)) {
        part = Idf(df) * posting_weights_[term_postings_[terms[0]] +
                                          static_cast<size_t>(it - documents.begin())];
      }
    }
    parts.push_back(absl::StrFormat("%s %.2f (tf %d, df %d)", clauses[c].text, part,
                                    static_cast<int>(tf), static_cast<int>(df)));
  }
  return absl::StrCat("BM25 ", absl::StrFormat("%.2f", hit.score), " = ",
                      absl::StrJoin(parts, " + "));
}

v1::Snippet TextSearch::MakeSnippet(int32_t document, absl::string_view text,
                                    const std::vector<QueryClause>& clauses) const {
  // The words again: tokenizing one document costs less than keeping
  // every document's words in memory.
  const std::vector<Token> tokens = Tokenize(text);
  // Every occurrence as a word range, with its clause.
  struct Occ {
    uint32_t first, end;
    size_t clause;
  };
  std::vector<Occ> occs;
  for (size_t c = 0; c < clauses.size(); ++c) {
    std::vector<uint32_t> terms;
    for (const std::string& word : clauses[c].words) terms.push_back(TermOf(word));
    if (std::find(terms.begin(), terms.end(), kNoTerm) != terms.end()) continue;
    for (uint32_t pos : Occurrences(terms, static_cast<uint32_t>(document))) {
      occs.push_back({pos, pos + static_cast<uint32_t>(clauses[c].words.size()), c});
    }
  }
  std::sort(occs.begin(), occs.end(), [](const Occ& a, const Occ& b) { return a.first < b.first; });
  v1::Snippet snippet;
  if (occs.empty() || tokens.empty()) return snippet;
  // The window that covers the most distinct clauses, then the most occurrences.
  size_t best_start = 0, best_distinct = 0, best_count = 0;
  for (size_t i = 0; i < occs.size(); ++i) {
    std::vector<bool> seen(clauses.size());
    size_t distinct = 0, count = 0;
    for (size_t j = i; j < occs.size() && occs[j].end <= occs[i].first + kSnippetWords; ++j) {
      if (!seen[occs[j].clause]) seen[occs[j].clause] = true, ++distinct;
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
