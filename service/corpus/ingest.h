// Turning an IngestDocumentRequest into an article file of the corpus (see
// corpus.h for the format): every field is validated and the metadata
// written as front matter, so that reading the file back yields exactly the
// request's text and metadata.
//
// Thread-safety: pure functions.
#ifndef PARLEY_SERVICE_CORPUS_INGEST_H_
#define PARLEY_SERVICE_CORPUS_INGEST_H_

#include <string>

#include "absl/status/statusor.h"
#include "parley/v1/admin_service.pb.h"

namespace parley {

inline constexpr size_t kMaxIngestTextBytes = 1 << 20;  // 1 MiB
inline constexpr size_t kMaxIngestIdBytes = 100;
inline constexpr size_t kMaxIngestFieldBytes = 2000;

struct ArticleToWrite {
  std::string file_name;  // "<document_id>.txt"
  std::string contents;   // front matter + text
};

// Errors: INVALID_ARGUMENT with a reason (INVALID_ID, INVALID_TEXT,
// INVALID_METADATA, INVALID_DATE) and a message naming the field and the fix.
[[nodiscard]] absl::StatusOr<ArticleToWrite> RenderArticle(
    const v1::IngestDocumentRequest& request);

}  // namespace parley

#endif  // PARLEY_SERVICE_CORPUS_INGEST_H_
