// Full-text search over documents: an inverted index of normalized words
// with positions, BM25 ranking (k1 = 1.2, b = 0.75), "quoted phrases", and
// snippets whose highlights are byte offsets into the document text.
//
// Every clause of a query (a word or a phrase) must occur in a hit (AND).
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
#include "parley/v1/lookup_service.pb.h"
#include "service/base/text_tokens.h"

namespace parley {

struct QueryClause {
  std::vector<std::string> words;  // normalized; more than one for a phrase
  std::string text;                // as the user wrote it
};

// Words and "quoted phrases". Errors: INVALID_ARGUMENT for an unclosed quote
// or a query without words.
[[nodiscard]] absl::StatusOr<std::vector<QueryClause>> ParseTextQuery(absl::string_view query);

struct DocumentHit {
  int32_t document = 0;  // in the order added
  double score = 0;
  std::string explanation;
};

class TextSearch {
 public:
  // Documents are numbered in the order added, from 0.
  void AddDocument(const std::vector<Token>& tokens);
  void Build();

  // Documents containing every clause and accepted by filter, best first
  // (score, then document number).
  std::vector<DocumentHit> Search(const std::vector<QueryClause>& clauses,
                                  const std::function<bool(int32_t)>& filter) const;

  // The best window of about 40 words around the clauses' occurrences in a
  // document, with each occurrence highlighted. text is the document's
  // text, as added.
  v1::Snippet MakeSnippet(int32_t document, absl::string_view text,
                          const std::vector<QueryClause>& clauses) const;

 private:
  struct Posting {
    int32_t document;
    std::vector<uint32_t> positions;
  };
  // Positions (of the first word) where clause occurs in document; empty if none.
  std::vector<uint32_t> Occurrences(const QueryClause& clause, int32_t document) const;
  const Posting* Find(const std::string& word, int32_t document) const;

  std::vector<uint32_t> lengths_;  // words per document
  absl::flat_hash_map<std::string, std::vector<Posting>> postings_;
  double average_length_ = 0;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_TEXT_SEARCH_H_
