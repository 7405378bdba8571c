// The extraction step of the build pipeline: every article that no curated
// fact cites, read by the extractor (extract.h) with the corpus's lexicons
// and known facts. A function of the corpus and the lexicon files; the index
// build (index/index_builder.h) then joins the results to curated facts.
//
// Thread-safety: pure apart from reading the lexicon files.
#ifndef PARLEY_SERVICE_EXTRACT_UNCITED_ARTICLES_H_
#define PARLEY_SERVICE_EXTRACT_UNCITED_ARTICLES_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "service/corpus/corpus.h"
#include "service/extract/extract.h"

namespace parley {

struct ArticleExtraction {
  std::string document_id;
  Extraction extraction;
};

// Ids of the documents that some curated quote (of an entity, position,
// event or participant) cites. Errors: ForEachEntityRecord's.
absl::StatusOr<absl::flat_hash_set<std::string>> CitedDocuments(const Corpus& corpus);

// The extractions of corpus's uncited documents, in document order. The
// lexicons in lexicon_dir are read only when some document is uncited; a
// corpus without lexicon_dir extracts nothing. Errors: INVALID_ARGUMENT
// naming the lexicon file and line at fault.
// REQUIRES: corpus.documents_assembled().
[[nodiscard]] absl::StatusOr<std::vector<ArticleExtraction>> ExtractUncitedArticles(
    const Corpus& corpus, const std::string& lexicon_dir);

}  // namespace parley

#endif  // PARLEY_SERVICE_EXTRACT_UNCITED_ARTICLES_H_
