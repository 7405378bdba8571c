#include "lookup_service.h"

#include <spdlog/spdlog.h>

#include <atomic>

#include "absl/time/clock.h"
#include "grpc_status.h"

namespace parley {

void LookupServiceImpl::Install(std::shared_ptr<const Lookup> lookup) {
  std::atomic_store(&lookup_, std::move(lookup));
}

std::shared_ptr<const Lookup> LookupServiceImpl::Current() const {
  return std::atomic_load(&lookup_);
}

grpc::Status LookupServiceImpl::Handle(const char* method, grpc::ServerContext* context,
                                       absl::FunctionRef<absl::Status(const Lookup&)> call) {
  const absl::Time start = absl::Now();
  const std::shared_ptr<const Lookup> lookup = Current();
  const absl::Status status =
      lookup == nullptr ? absl::UnavailableError("the index is still loading: retry shortly")
                        : call(*lookup);
  spdlog::info("rpc method={} status={} latency_us={} peer={}", method,
               absl::StatusCodeToString(status.code()),
               absl::ToInt64Microseconds(absl::Now() - start), context->peer());
  return ToGrpcStatus(status);
}

#define PARLEY_HANDLER(Method, Request, Response)                                       \
  grpc::Status LookupServiceImpl::Method(grpc::ServerContext* context,                 \
                                         const v1::Request* request,                   \
                                         v1::Response* response) {                     \
    return Handle(#Method, context,                                                    \
                  [&](const Lookup& lookup) { return lookup.Method(*request, response); }); \
  }

PARLEY_HANDLER(GetEntity, GetEntityRequest, Entity)
PARLEY_HANDLER(BatchGetEntities, BatchGetEntitiesRequest, BatchGetEntitiesResponse)
PARLEY_HANDLER(SearchEntities, SearchEntitiesRequest, SearchEntitiesResponse)
PARLEY_HANDLER(GetEvent, GetEventRequest, Event)
PARLEY_HANDLER(ListEvents, ListEventsRequest, ListEventsResponse)
PARLEY_HANDLER(ListParticipations, ListParticipationsRequest, ListParticipationsResponse)
PARLEY_HANDLER(ListConnections, ListConnectionsRequest, ListConnectionsResponse)
PARLEY_HANDLER(GetDocument, GetDocumentRequest, Document)
PARLEY_HANDLER(ListDocuments, ListDocumentsRequest, ListDocumentsResponse)
PARLEY_HANDLER(ListTopics, ListTopicsRequest, ListTopicsResponse)
PARLEY_HANDLER(GetIndexInfo, GetIndexInfoRequest, IndexInfo)
PARLEY_HANDLER(ListMentions, ListMentionsRequest, ListMentionsResponse)
PARLEY_HANDLER(SearchDocuments, SearchDocumentsRequest, SearchDocumentsResponse)
PARLEY_HANDLER(LinkMentions, LinkMentionsRequest, LinkMentionsResponse)
PARLEY_HANDLER(BatchLinkMentions, BatchLinkMentionsRequest, BatchLinkMentionsResponse)

#undef PARLEY_HANDLER

}  // namespace parley
