#include "service/corpus/ingest.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "service/base/dates.h"
#include "service/base/errors.h"
#include "service/base/ids.h"
#include "service/base/normalize.h"

namespace parley {
namespace {

absl::Status CheckMetadata(absl::string_view field, absl::string_view value) {
  if (value.size() > kMaxIngestFieldBytes) {
    return InvalidArgument("INVALID_METADATA",
                           absl::StrCat(field, " is ", value.size(), " bytes long; at most ",
                                        kMaxIngestFieldBytes, " allowed"));
  }
  if (FirstInvalidUtf8(value) != absl::string_view::npos) {
    return InvalidArgument("INVALID_METADATA", absl::StrCat(field, " is not valid UTF-8"));
  }
  for (char c : value) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return InvalidArgument("INVALID_METADATA",
                             absl::StrCat(field, " must be one line without control characters"));
    }
  }
  if (value != absl::StripAsciiWhitespace(value)) {
    return InvalidArgument("INVALID_METADATA",
                           absl::StrCat(field, " has leading or trailing spaces: trim it"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<ArticleToWrite> RenderArticle(const v1::IngestDocumentRequest& request) {
  const std::string& id = request.document_id();
  // Ingested ids name files: shorter than other ids.
  if (id.size() > kMaxIngestIdBytes) {
    return InvalidArgument("INVALID_ID", absl::StrCat("document_id is ", id.size(),
                                                      " bytes long; at most ", kMaxIngestIdBytes));
  }
  if (std::string problem = IdProblem("document_id", id, "pti-2026-11-20-cyber-dialogue");
      !problem.empty()) {
    return InvalidArgument("INVALID_ID", std::move(problem));
  }
  const std::string& text = request.text();
  if (text.size() > kMaxIngestTextBytes) {
    return InvalidArgument("INVALID_TEXT",
                           absl::StrCat("text is ", text.size(), " bytes; split articles over ",
                                        kMaxIngestTextBytes, " bytes"));
  }
  if (absl::StripAsciiWhitespace(text).empty()) {
    return InvalidArgument("INVALID_TEXT", "text is required: pass the article's text");
  }
  if (size_t bad = FirstInvalidUtf8(text); bad != absl::string_view::npos) {
    return InvalidArgument("INVALID_TEXT", absl::StrCat("text is not valid UTF-8 at byte ", bad,
                                                        ": convert the article to UTF-8 first"));
  }
  if (text.find('\0') != std::string::npos) {
    return InvalidArgument("INVALID_TEXT", "text contains a NUL byte: pass plain text");
  }
  const std::pair<const char*, const std::string*> fields[] = {
      {"title", &request.title()},   {"publisher", &request.publisher()},
      {"author", &request.author()}, {"published", &request.published()},
      {"url", &request.url()},
  };
  for (const auto& [name, value] : fields) {
    if (absl::Status s = CheckMetadata(name, *value); !s.ok()) return s;
  }
  if (!request.published().empty()) {
    absl::StatusOr<v1::FuzzyDate> date = ParseFuzzyDate(request.published(), false);
    if (!date.ok()) {
      return InvalidArgument("INVALID_DATE", absl::StrCat("published: ", date.status().message()));
    }
  }
  // Always write front matter, so that a text starting with "---" is never
  // read as metadata.
  ArticleToWrite out;
  out.file_name = absl::StrCat(id, ".txt");
  out.contents = absl::StrCat("---\nid: ", id, "\n");
  for (const auto& [name, value] : fields) {
    if (!value->empty()) absl::StrAppend(&out.contents, name, ": ", *value, "\n");
  }
  absl::StrAppend(&out.contents, "---\n", text);
  return out;
}

}  // namespace parley
