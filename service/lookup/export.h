// Export: everything an index holds, one resource at a time, as the reads
// return it (entities in the FULL view without mentions, events and
// participation rows with the request's extracted filter applied, documents
// in the view asked for). Kinds come in a fixed order: entities (by kind,
// then name), events (by date), participations (by event), documents (by
// publication date); an export holds one item in memory at a time.
//
// Thread-safety: a cursor is used by one thread at a time; the Lookup it
// reads is immutable and must outlive it.
#ifndef PARLEY_SERVICE_LOOKUP_EXPORT_H_
#define PARLEY_SERVICE_LOOKUP_EXPORT_H_

#include <cstddef>
#include <vector>

#include "parley/v1/lookup_service.pb.h"
#include "service/index/index.h"
#include "service/lookup/extracted_filter.h"

namespace parley {

class ExportCursor {
 public:
  // Made by Lookup::StartExport, which checks the request.
  ExportCursor(const Index* index, ExtractedFilter extracted, std::vector<v1::ExportKind> kinds,
               v1::DocumentView document_view);

  // Fills item with the next resource and returns true; false at the end.
  bool Next(v1::ExportItem* item);

  // Items returned so far.
  size_t count() const { return count_; }

 private:
  // Fills item with the resource at position `at` of kind; false if the
  // extracted filter leaves that resource out.
  bool Fill(v1::ExportKind kind, size_t at, v1::ExportItem* item) const;
  size_t SizeOf(v1::ExportKind kind) const;

  const Index* index_;
  ExtractedFilter extracted_;
  std::vector<v1::ExportKind> kinds_;
  v1::DocumentView document_view_;
  size_t kind_ = 0;
  size_t at_ = 0;
  size_t count_ = 0;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_EXPORT_H_
