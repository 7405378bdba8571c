// The RPCs of parley.v1.LookupService, written once: the service declares a
// handler for each, gives each request and response a per-call arena, and
// defines the handlers from this list (lookup_service.h/.cc). The one
// streaming RPC, Export, is written by hand.
//
// X(Method, Request, Response, Cost, Handler):
//   Cost     kCheap: answered on the gRPC thread that read it; kHeavy: cost
//            grows with the corpus or the text sent, so it runs on the
//            service's own thread pool;
//   Handler  Generic: forwards to Lookup::Method(request, response);
//            Cached: as Generic, on the request's bytes, with answers kept
//            serialized (grpc/response_cache.h): for an answer that
//            depends on the request and the index alone (kCheap only: it
//            is answered inline; each needs its WithRawCallbackMethod_
//            among LookupServiceImpl's bases);
//            Custom: written by hand in lookup_service.cc.
#ifndef PARLEY_SERVICE_GRPC_LOOKUP_RPCS_H_
#define PARLEY_SERVICE_GRPC_LOOKUP_RPCS_H_

#define PARLEY_LOOKUP_RPCS(X)                                                                   \
  X(GetEntity, GetEntityRequest, Entity, kCheap, Cached)                                        \
  X(BatchGetEntities, BatchGetEntitiesRequest, BatchGetEntitiesResponse, kCheap, Generic)       \
  X(SearchEntities, SearchEntitiesRequest, SearchEntitiesResponse, kCheap, Cached)              \
  X(GetEvent, GetEventRequest, Event, kCheap, Generic)                                          \
  X(ListEvents, ListEventsRequest, ListEventsResponse, kCheap, Generic)                         \
  X(ListParticipations, ListParticipationsRequest, ListParticipationsResponse, kCheap, Generic) \
  X(ListConnections, ListConnectionsRequest, ListConnectionsResponse, kCheap, Generic)          \
  X(GetDocument, GetDocumentRequest, Document, kCheap, Generic)                                 \
  X(ListDocuments, ListDocumentsRequest, ListDocumentsResponse, kCheap, Generic)                \
  X(ListTopics, ListTopicsRequest, ListTopicsResponse, kCheap, Generic)                         \
  X(GetIndexInfo, GetIndexInfoRequest, IndexInfo, kCheap, Custom)                               \
  X(ListMentions, ListMentionsRequest, ListMentionsResponse, kCheap, Generic)                   \
  X(SearchDocuments, SearchDocumentsRequest, SearchDocumentsResponse, kHeavy, Generic)          \
  X(LinkMentions, LinkMentionsRequest, LinkMentionsResponse, kHeavy, Generic)                   \
  X(BatchLinkMentions, BatchLinkMentionsRequest, BatchLinkMentionsResponse, kHeavy, Custom)     \
  X(MatchEntities, MatchEntitiesRequest, MatchEntitiesResponse, kHeavy, Generic)

#endif  // PARLEY_SERVICE_GRPC_LOOKUP_RPCS_H_
