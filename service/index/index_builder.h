// IndexBuilder: a corpus and the facts extracted from it in, an immutable
// Index out (index.h). It runs the build steps (build_steps.h) in order —
// documents, topics and entities, events, extracted facts, participations
// and postings, names, mentions, info — with the text index built on a
// thread of its own meanwhile, and records how long each took.
//
// Every problem of the corpus is collected into one list, so that one run
// reports them all; nothing is returned unless the list stays empty.
// Build() reads no files.
//
// Thread-safety: one Build() per builder.
#ifndef PARLEY_SERVICE_INDEX_INDEX_BUILDER_H_
#define PARLEY_SERVICE_INDEX_INDEX_BUILDER_H_

#include <functional>
#include <memory>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/base/text_tokens.h"
#include "service/corpus/corpus.h"
#include "service/extract/uncited_articles.h"
#include "service/index/build_context.h"
#include "service/index/index.h"
#include "service/index/text_search.h"

namespace parley {

class IndexBuilder {
 public:
  IndexBuilder(Corpus corpus, std::vector<ArticleExtraction> extractions);
  // Extracts the facts of the corpus's uncited articles (uncited_articles.h),
  // once its documents are assembled.
  using Extractor =
      std::function<absl::StatusOr<std::vector<ArticleExtraction>>(const Corpus& corpus)>;
  // The corpus's documents not assembled yet: Build() assembles them and
  // runs extract on a second thread while it takes the entities' ids (the
  // two read nothing the other writes; they were 0.3-0.5 s and 0.4-0.5 s
  // on one core each at 1M entities). Build() returns extract's error, if
  // any, as it is.
  IndexBuilder(Corpus corpus, Extractor extract);
  ~IndexBuilder();
  IndexBuilder(const IndexBuilder&) = delete;
  IndexBuilder& operator=(const IndexBuilder&) = delete;

  // REQUIRES: called once.
  [[nodiscard]] absl::StatusOr<std::unique_ptr<const Index>> Build();

 private:
  void Phase(const char* name, absl::Duration took);
  // Tokenizes the documents and indexes their words on text_thread_.
  void StartTextIndex();

  Corpus corpus_;
  std::vector<ArticleExtraction> extractions_;
  Extractor extract_;                             // or none: extractions_ given
  std::vector<const v1::ReviewRecord*> reviews_;  // in the corpus's knowledge base
  IndexData data_;
  BuildContext context_;
  TextSearch text_search_;              // built by text_thread_
  absl::Duration text_index_duration_;  // of text_thread_
  std::thread text_thread_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_INDEX_INDEX_BUILDER_H_
