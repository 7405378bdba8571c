// Full-text search over documents: an inverted index of normalized words
// with positions, BM25 ranking (k1 = 1.2, b = 0.75), "quoted phrases", and
// snippets whose highlights are byte offsets into the document text.
//
// Queries (text_query.h): every clause must occur in a hit (AND); a clause
// of alternatives (a OR b) by any of them, a NEAR clause by all of them
// within kNearWords words, an excluded one (-word) not at all. A hit's score is the sum of the BM25
// scores of the words and phrases of it that it has.
//
// Layout: flat arrays, term-major (as a compressed sparse row matrix): a
// term's postings are one range of document numbers, and each posting's word
// positions one range of a single positions array. No allocation per term or
// posting, so a query touches a few contiguous ranges; intersections gallop
// from the rarest clause. (Measured against Xapian 1.4 on the same corpus and
// queries: docs/BENCHMARKS.md, tools/peer_bench.)
//
// Build-then-freeze: AddDocument() for each document in order, then Build();
// afterwards all methods are const and thread-safe.
#ifndef PARLEY_SERVICE_INDEX_TEXT_SEARCH_H_
#define PARLEY_SERVICE_INDEX_TEXT_SEARCH_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/base/snapshot_io.h"
#include "service/base/text_tokens.h"
#include "service/index/text_query.h"

namespace parley {

struct DocumentHit {
  int32_t document = 0;  // in the order added
  double score = 0;
};

struct TextSearchResult {
  size_t total = 0;  // documents that match the query and that the filter accepts
  // The best `best` of them (score, then document number), in order.
  std::vector<DocumentHit> hits;
  // Per clause, per term: the documents that have it (its df).
  std::vector<std::vector<int32_t>> term_documents;
};

class TextSearch {
 public:
  // Documents are numbered in the order added, from 0.
  void AddDocument(const std::vector<Token>& tokens);
  void Build();

  // Snapshots (index/snapshot.h). REQUIRES: SaveTo after Build(); LoadFrom
  // on an empty index. LoadFrom returns false when the reader fails (it
  // says why).
  void SaveTo(SnapshotWriter& w) const;
  bool LoadFrom(SnapshotReader& r);

  // Documents that match clauses and that filter accepts (null: every
  // one): how many, and the best `best` of them.
  TextSearchResult Search(const std::vector<QueryClause>& clauses,
                          const std::function<bool(int32_t)>& filter, size_t best) const;

  // "BM25 7.31 = cyber 7.31 (tf 3, df 1)": the share of hit's score of each
  // word and phrase it has.
  std::string Explain(const TextSearchResult& result, const DocumentHit& hit,
                      const std::vector<QueryClause>& clauses) const;

  // Other forms of words (SearchDocumentsRequest.stem): clauses with every
  // word (not phrase) widened into an OR of it and the indexed words with
  // its English stem (Snowball's, Xapian::Stem): negotiate also finds
  // negotiated and negotiations. At most kMaxForms forms a word: those in
  // most documents.
  static constexpr size_t kMaxForms = 16;
  std::vector<QueryClause> WithForms(std::vector<QueryClause> clauses) const;

  // "Did you mean": query with each word that no document has replaced by
  // the indexed word closest to it: fewest edits (at most MaxEditsFor its
  // size, base/edit_distance.h), then most documents, then alphabetical;
  // capitalized as written. Only words of clauses a hit must have that
  // cannot match as written (an OR none of whose terms has all its words
  // indexed, a NEAR one of whose terms has not): why nothing matched.
  // Empty when no word was replaced. At most kMaxSuggestedWords different
  // words are looked up (each is a scan of the vocabulary). clauses are
  // ParseTextQuery(query)'s (text_suggest.cc).
  static constexpr size_t kMaxSuggestedWords = 8;
  std::string SuggestQuery(absl::string_view query, const std::vector<QueryClause>& clauses) const;

  // The best window of about 40 words around the occurrences of the query's
  // words and phrases (not the excluded ones) in a document, with each
  // occurrence highlighted. text is the document's text, as added.
  v1::Snippet MakeSnippet(int32_t document, absl::string_view text,
                          const std::vector<QueryClause>& clauses) const;

 private:
  // Documents with a phrase, ascending, and its occurrences in each.
  struct PhraseDocuments {
    std::vector<uint32_t> documents;
    std::vector<uint32_t> counts;
  };
  // A clause's documents, ascending, and its score in each (text_search.cc).
  struct ClauseList;
  // The index's numbers of a query term's words; empty if a word is not
  // indexed.
  std::vector<uint32_t> WordNumbersOf(const QueryTerm& term) const;
  ClauseList ListOf(const QueryClause& clause, std::vector<int32_t>* term_documents) const;
  // A NEAR clause's documents, given each of its terms' documents and word
  // numbers (as ListOf found them).
  ClauseList NearList(const std::vector<ClauseList>& terms,
                      const std::vector<std::vector<uint32_t>>& words) const;
  static constexpr uint32_t kNoTerm = UINT32_MAX;
  uint32_t TermOf(const std::string& word) const;
  // The indexed word closest to word (see SuggestQuery, text_suggest.cc);
  // empty if none is within reach.
  std::string ClosestTerm(absl::string_view word) const;
  absl::Span<const uint32_t> DocumentsOf(uint32_t term) const;
  // The positions of term in document; empty if it does not occur there.
  absl::Span<const uint32_t> PositionsIn(uint32_t term, uint32_t document) const;
  absl::Span<const uint32_t> PostingPositions(size_t posting) const;
  PhraseDocuments Documents(const std::vector<uint32_t>& terms) const;
  // Positions (of the first word) where the terms occur in a row in document.
  std::vector<uint32_t> Occurrences(const std::vector<uint32_t>& terms, uint32_t document) const;
  double Idf(double df) const;
  double Bm25(double idf, double tf, uint32_t document) const;

  // Derives forms_ from terms_ and the postings (Build(), LoadFrom();
  // text_forms.cc).
  void IndexForms();

  absl::flat_hash_map<std::string, uint32_t> terms_;
  // Stems that more than one indexed word has, with those words (most
  // documents first, at most kMaxForms). Derived, not saved.
  absl::flat_hash_map<std::string, std::vector<std::string>> forms_;
  std::vector<uint32_t> term_postings_;      // [t, t+1): term t's postings
  std::vector<uint32_t> posting_document_;   // ascending within a term
  std::vector<uint32_t> posting_positions_;  // [p, p+1): posting p's positions
  // BM25's term-frequency part of each posting, tf (k1 + 1) / (tf + norm):
  // a word's score in a document is its idf times this.
  std::vector<float> posting_weights_;
  std::vector<uint32_t> positions_;
  std::vector<uint32_t> lengths_;    // words per document
  std::vector<float> length_norms_;  // k1 (1 - b + b length / average length)
  // Until Build(): every document's words as term numbers, one after another.
  std::vector<uint32_t> pending_terms_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_TEXT_SEARCH_H_
