#include "service/lookup/corpus_source.h"

#include "absl/strings/str_cat.h"
#include "service/base/errors.h"

namespace parley {

absl::StatusOr<int64_t> AddArticle(CorpusSource& source, absl::string_view document_id,
                                   absl::string_view file_name, absl::string_view contents) {
  const std::string path = absl::StrCat("articles/", file_name);
  return source.ChangeFiles(
      "the article",
      [&](const Lookup& current, FileReader read) -> absl::StatusOr<std::vector<FileChange>> {
        if (read(path).ok()) {
          return WithReason(absl::AlreadyExistsError(
                                absl::StrCat(path, " already exists: choose another document_id")),
                            "DOCUMENT_EXISTS");
        }
        v1::GetDocumentRequest request;
        request.set_id(std::string(document_id));
        v1::Document existing;
        if (current.GetDocument(request, &existing).ok()) {
          return WithReason(absl::AlreadyExistsError(absl::StrCat(
                                "document \"", document_id, "\" already exists (",
                                existing.file_name(), "): choose another document_id")),
                            "DOCUMENT_EXISTS");
        }
        return std::vector<FileChange>{{path, std::string(contents)}};
      });
}

}  // namespace parley
