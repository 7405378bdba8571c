#include "service/lookup/export.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "service/lookup/lookup.h"
#include "service/lookup/lookup_helpers.h"

namespace parley {

ExportCursor::ExportCursor(const Index* index, ExtractedFilter extracted,
                           std::vector<v1::ExportKind> kinds, v1::DocumentView document_view)
    : index_(index),
      extracted_(std::move(extracted)),
      kinds_(std::move(kinds)),
      document_view_(document_view) {}

size_t ExportCursor::SizeOf(v1::ExportKind kind) const {
  switch (kind) {
    case v1::EXPORT_KIND_ENTITIES:
      return index_->entities().size();
    case v1::EXPORT_KIND_EVENTS:
      return index_->events().size();
    case v1::EXPORT_KIND_PARTICIPATIONS:
      return index_->participation_count();
    case v1::EXPORT_KIND_DOCUMENTS:
      return index_->documents().size();
    default:
      return 0;
  }
}

bool ExportCursor::Fill(v1::ExportKind kind, size_t at, v1::ExportItem* item) const {
  switch (kind) {
    case v1::EXPORT_KIND_ENTITIES: {
      const EntityView entity = index_->entities()[at];
      if (!extracted_.Shows(entity)) return false;
      entity.CopyTo(item->mutable_entity());
      extracted_.RemoveHidden(item->mutable_entity());
      return true;
    }
    case v1::EXPORT_KIND_EVENTS: {
      const EventView event = index_->events()[static_cast<int32_t>(at)];
      if (!extracted_.Shows(event)) return false;
      index_->CopyEvent(event, item->mutable_event());
      extracted_.RemoveHidden(item->mutable_event());
      return true;
    }
    case v1::EXPORT_KIND_PARTICIPATIONS: {
      const ParticipationView row = index_->participation(static_cast<int32_t>(at));
      if (!extracted_.Shows(row)) return false;
      row.ToProto(item->mutable_participation());
      extracted_.RemoveHidden(item->mutable_participation());
      return true;
    }
    case v1::EXPORT_KIND_DOCUMENTS: {
      index_->CopyDocument(static_cast<int32_t>(at), document_view_ != v1::DOCUMENT_VIEW_BASIC,
                           item->mutable_document());
      return true;
    }
    default:
      return false;
  }
}

bool ExportCursor::Next(v1::ExportItem* item) {
  item->Clear();
  while (kind_ < kinds_.size()) {
    const v1::ExportKind kind = kinds_[kind_];
    if (at_ >= SizeOf(kind)) {
      ++kind_, at_ = 0;
      continue;
    }
    if (Fill(kind, at_++, item)) {
      ++count_;
      return true;
    }
  }
  return false;
}

absl::StatusOr<ExportCursor> Lookup::StartExport(const v1::ExportRequest& request) const {
  if (absl::Status s = CheckEnums<v1::ExportKind>("kinds", request.kinds(), v1::ExportKind_IsValid);
      !s.ok()) {
    return s;
  }
  if (!v1::DocumentView_IsValid(request.document_view())) {
    return InvalidArgument("UNKNOWN_ENUM_VALUE",
                           "document_view has an unknown value: use DOCUMENT_VIEW_BASIC or _FULL");
  }
  absl::StatusOr<ExtractedFilter> extracted = Extracted(request.extracted());
  if (!extracted.ok()) return extracted.status();
  std::vector<v1::ExportKind> kinds;
  for (int k : request.kinds()) kinds.push_back(static_cast<v1::ExportKind>(k));
  if (kinds.empty()) {
    kinds = {v1::EXPORT_KIND_ENTITIES, v1::EXPORT_KIND_EVENTS, v1::EXPORT_KIND_PARTICIPATIONS,
             v1::EXPORT_KIND_DOCUMENTS};
  }
  std::sort(kinds.begin(), kinds.end());
  kinds.erase(std::unique(kinds.begin(), kinds.end()), kinds.end());
  return ExportCursor(index_.get(), *std::move(extracted), std::move(kinds),
                      request.document_view());
}

}  // namespace parley
