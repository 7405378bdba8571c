// The request-level API of Parley: one method per RPC of
// parley.v1.LookupService, taking the request message and filling the
// response. Validates every request and returns canonical status codes with
// messages that say how to fix the call (AIP-193):
//   INVALID_ARGUMENT  malformed field, negative page_size, bad page_token,
//                     unknown topic, date range that ends before it starts,
//                     extracted.min_confidence outside 0 to 1
//   NOT_FOUND         an id that names no resource, or an extracted one that
//                     the request's extracted filter leaves out
// Every read that returns entities, events or participations takes an
// extracted filter and applies it as extracted_filter.h says; left unset,
// extracted facts below kDefaultMinExtractedConfidence are left out.
// No gRPC here: the server maps absl::Status to grpc::Status. Read masks
// are the caller's to apply (read_mask.h: ApplyReadMask), but for the
// methods of kAppliesReadMask: SearchEntities copies only what its mask
// keeps, so that a names-only search copies a name a match (trimming a
// whole response by reflection cost more than the search).
//
// Thread-safety: all methods are const and safe to call concurrently; the
// index is immutable and shared.
#ifndef PARLEY_SERVICE_LOOKUP_LOOKUP_H_
#define PARLEY_SERVICE_LOOKUP_LOOKUP_H_

#include <functional>
#include <memory>

#include "absl/status/status.h"
#include "parley/v1/lookup_service.pb.h"
#include "service/base/ids.h"
#include "service/index/index.h"
#include "service/lookup/export.h"
#include "service/lookup/extracted_filter.h"
#include "service/lookup/page_token.h"

namespace parley {

// Documented request limits.
inline constexpr size_t kMaxQueryBytes = 200;
inline constexpr int kMaxBatchIds = 100;
inline constexpr size_t kMaxLinkTextBytes = 1 << 20;  // 1 MiB per text
inline constexpr int kMaxLinkBatch = 100;
// Spans one LinkMentions or BatchLinkMentions answer may carry: under the
// 4 MiB every gRPC client receives by default, so any legal request gets an
// answer its caller can read (the rest is marked truncated).
inline constexpr size_t kMaxLinkResponseBytes = 3 << 20;
inline constexpr int kEntityMentionsShown = 20;  // GetEntity; ListMentions pages all

// Whether Lookup's method for Request applies the request's read mask
// itself (else its caller does, with ApplyReadMask).
template <typename Request>
inline constexpr bool kAppliesReadMask = false;
template <>
inline constexpr bool kAppliesReadMask<v1::SearchEntitiesRequest> = true;

class Lookup {
 public:
  // REQUIRES: index != nullptr. generation counts the indexes this process
  // served (GetIndexInfo); corpus_version is the store's version of the
  // corpus it was built from (the generation in directory mode). Page
  // tokens are bound to the corpus's content hash, not to either: any
  // replica serving the same corpus accepts them, and a token of another
  // corpus is refused (STALE_PAGE_TOKEN).
  explicit Lookup(std::shared_ptr<const Index> index, uint64_t generation = 1,
                  int64_t corpus_version = 0);

  [[nodiscard]] absl::Status GetEntity(const v1::GetEntityRequest& request,
                                       v1::Entity* response) const;
  [[nodiscard]] absl::Status BatchGetEntities(const v1::BatchGetEntitiesRequest& request,
                                              v1::BatchGetEntitiesResponse* response) const;
  [[nodiscard]] absl::Status SearchEntities(const v1::SearchEntitiesRequest& request,
                                            v1::SearchEntitiesResponse* response) const;
  [[nodiscard]] absl::Status GetEvent(const v1::GetEventRequest& request,
                                      v1::Event* response) const;
  [[nodiscard]] absl::Status ListEvents(const v1::ListEventsRequest& request,
                                        v1::ListEventsResponse* response) const;
  [[nodiscard]] absl::Status ListParticipations(const v1::ListParticipationsRequest& request,
                                                v1::ListParticipationsResponse* response) const;
  [[nodiscard]] absl::Status ListConnections(const v1::ListConnectionsRequest& request,
                                             v1::ListConnectionsResponse* response) const;
  [[nodiscard]] absl::Status GetDocument(const v1::GetDocumentRequest& request,
                                         v1::Document* response) const;
  [[nodiscard]] absl::Status ListDocuments(const v1::ListDocumentsRequest& request,
                                           v1::ListDocumentsResponse* response) const;
  [[nodiscard]] absl::Status ListTopics(const v1::ListTopicsRequest& request,
                                        v1::ListTopicsResponse* response) const;
  [[nodiscard]] absl::Status GetIndexInfo(const v1::GetIndexInfoRequest& request,
                                          v1::IndexInfo* response) const;
  [[nodiscard]] absl::Status ListMentions(const v1::ListMentionsRequest& request,
                                          v1::ListMentionsResponse* response) const;
  [[nodiscard]] absl::Status SearchDocuments(const v1::SearchDocumentsRequest& request,
                                             v1::SearchDocumentsResponse* response) const;
  [[nodiscard]] absl::Status LinkMentions(const v1::LinkMentionsRequest& request,
                                          v1::LinkMentionsResponse* response) const;
  // cancelled, if given, is polled between texts; when it returns true the
  // call stops with CANCELLED.
  [[nodiscard]] absl::Status BatchLinkMentions(
      const v1::BatchLinkMentionsRequest& request, v1::BatchLinkMentionsResponse* response,
      const std::function<bool()>& cancelled = nullptr) const;

  // Entity resolution (match_entities.cc): up to 100 examples, each with
  // scored candidates. INVALID_ARGUMENT for an empty or too large batch, an
  // example without a name, a bad date or a threshold outside [0, 1].
  [[nodiscard]] absl::Status MatchEntities(const v1::MatchEntitiesRequest& request,
                                           v1::MatchEntitiesResponse* response) const;

  // An export of the index (export.h). REQUIRES: this Lookup outlives the
  // cursor. INVALID_ARGUMENT for unknown kinds or view, or a bad extracted
  // filter.
  [[nodiscard]] absl::StatusOr<ExportCursor> StartExport(const v1::ExportRequest& request) const;

  const Index& index() const { return *index_; }
  uint64_t generation() const { return generation_; }
  int64_t corpus_version() const { return corpus_version_; }
  // What page tokens of this index are bound to (page_token.h).
  uint64_t content_epoch() const { return content_epoch_; }

 private:
  // Event indices matching a filter, dates included, in the given order;
  // only events that the extracted filter shows and that match without the
  // participants it hides.
  [[nodiscard]] absl::StatusOr<std::vector<int32_t>> FilterEvents(
      absl::string_view field, const v1::EventFilter& filter, v1::EventOrder order,
      const ExtractedFilter& extracted) const;

  // The extracted filter of a request, checked (extracted_filter.h).
  [[nodiscard]] absl::StatusOr<ExtractedFilter> Extracted(
      const v1::ExtractedFactsFilter& filter) const;

  // Paginate() for this corpus content.
  [[nodiscard]] absl::StatusOr<PageBounds> Page(absl::string_view method,
                                                const google::protobuf::Message& request,
                                                PageLimits limits, size_t total) const;

  std::shared_ptr<const Index> index_;
  uint64_t generation_;
  int64_t corpus_version_;
  uint64_t content_epoch_;  // page tokens: the first 64 bits of the content hash
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_LOOKUP_H_
