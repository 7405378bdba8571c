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
  const int32_t doc = static_cast<int32_t>(lengths_.size());
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    std::vector<Posting>& list = postings_[tokens[i].norm];
    if (list.empty() || list.back().document != doc) list.push_back({doc, {}});
    list.back().positions.push_back(i);
  }
  lengths_.push_back(static_cast<uint32_t>(tokens.size()));
}

void TextSearch::Build() {
  double total = 0;
  for (uint32_t length : lengths_) total += length;
  average_length_ = lengths_.empty() ? 0 : total / static_cast<double>(lengths_.size());
}

const TextSearch::Posting* TextSearch::Find(const std::string& word, int32_t document) const {
  auto it = postings_.find(word);
  if (it == postings_.end()) return nullptr;
  auto p = std::lower_bound(it->second.begin(), it->second.end(), document,
                            [](const Posting& a, int32_t d) { return a.document < d; });
  return p != it->second.end() && p->document == document ? &*p : nullptr;
}

std::vector<uint32_t> TextSearch::Occurrences(const QueryClause& clause, int32_t document) const {
  const Posting* first = Find(clause.words[0], document);
  if (first == nullptr) return {};
  std::vector<uint32_t> result = first->positions;
  for (size_t w = 1; w < clause.words.size() && !result.empty(); ++w) {
    const Posting* next = Find(clause.words[w], document);
    if (next == nullptr) return {};
    std::vector<uint32_t> kept;
    for (uint32_t pos : result) {
      if (std::binary_search(next->positions.begin(), next->positions.end(),
                             pos + static_cast<uint32_t>(w))) {
        kept.push_back(pos);
      }
    }
    result.swap(kept);
  }
  return result;
}

std::vector<DocumentHit> TextSearch::Search(const std::vector<QueryClause>& clauses,
                                            const std::function<bool(int32_t)>& filter) const {
  // Candidates: documents with the rarest first word of any clause.
  const std::vector<Posting>* seed = nullptr;
  for (const QueryClause& c : clauses) {
    auto it = postings_.find(c.words[0]);
    if (it == postings_.end()) return {};
    if (seed == nullptr || it->second.size() < seed->size()) seed = &it->second;
  }
  const double n = static_cast<double>(lengths_.size());
  std::vector<DocumentHit> hits;
  std::vector<std::vector<uint32_t>> occurrences(clauses.size());
  // Document frequency per clause, computed lazily over all documents.
  std::vector<double> df(clauses.size(), -1);
  for (const Posting& candidate : *seed) {
    const int32_t doc = candidate.document;
    bool all = true;
    for (size_t c = 0; c < clauses.size() && all; ++c) {
      occurrences[c] = Occurrences(clauses[c], doc);
      all = !occurrences[c].empty();
    }
    if (!all || !filter(doc)) continue;
    DocumentHit hit;
    hit.document = doc;
    const double length = static_cast<double>(lengths_[doc]);
    std::vector<std::string> parts;
    for (size_t c = 0; c < clauses.size(); ++c) {
      if (df[c] < 0) {
        df[c] = 0;
        if (clauses[c].words.size() == 1) {
          df[c] = static_cast<double>(postings_.at(clauses[c].words[0]).size());
        } else {
          for (const Posting& p : postings_.at(clauses[c].words[0])) {
            if (!Occurrences(clauses[c], p.document).empty()) ++df[c];
          }
        }
      }
      const double idf = std::log(1.0 + (n - df[c] + 0.5) / (df[c] + 0.5));
      const double tf = static_cast<double>(occurrences[c].size());
      const double term =
          idf * tf * (kK1 + 1) / (tf + kK1 * (1 - kB + kB * length / average_length_));
      hit.score += term;
      parts.push_back(absl::StrFormat("%s %.2f (tf %d, df %d)", clauses[c].text, term,
                                      static_cast<int>(tf), static_cast<int>(df[c])));
    }
    hit.explanation = absl::StrCat("BM25 ", absl::StrFormat("%.2f", hit.score), " = ",
                                   absl::StrJoin(parts, " + "));
    hits.push_back(std::move(hit));
  }
  std::sort(hits.begin(), hits.end(), [](const DocumentHit& a, const DocumentHit& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.document < b.document;
  });
  return hits;
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
    for (uint32_t pos : Occurrences(clauses[c], document)) {
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
