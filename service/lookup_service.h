// gRPC handlers of parley.v1.LookupService. Each handler only forwards to
// the Lookup currently installed, maps the status and logs one line.
//
// Thread-safety: handlers run concurrently; the installed Lookup is swapped
// atomically with Install(), and a call keeps the snapshot it started with.
#ifndef PARLEY_SERVICE_LOOKUP_SERVICE_H_
#define PARLEY_SERVICE_LOOKUP_SERVICE_H_

#include <memory>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "lookup.h"
#include "parley/v1/lookup_service.grpc.pb.h"

namespace parley {

class LookupServiceImpl final : public v1::LookupService::Service {
 public:
  LookupServiceImpl() = default;

  // Makes lookup serve all calls that start from now on.
  void Install(std::shared_ptr<const Lookup> lookup);
  // The lookup serving now, or nullptr before the first Install().
  std::shared_ptr<const Lookup> Current() const;

  grpc::Status GetEntity(grpc::ServerContext* context, const v1::GetEntityRequest* request,
                         v1::Entity* response) override;
  grpc::Status BatchGetEntities(grpc::ServerContext* context,
                                const v1::BatchGetEntitiesRequest* request,
                                v1::BatchGetEntitiesResponse* response) override;
  grpc::Status SearchEntities(grpc::ServerContext* context,
                              const v1::SearchEntitiesRequest* request,
                              v1::SearchEntitiesResponse* response) override;
  grpc::Status GetEvent(grpc::ServerContext* context, const v1::GetEventRequest* request,
                        v1::Event* response) override;
  grpc::Status ListEvents(grpc::ServerContext* context, const v1::ListEventsRequest* request,
                          v1::ListEventsResponse* response) override;
  grpc::Status ListParticipations(grpc::ServerContext* context,
                                  const v1::ListParticipationsRequest* request,
                                  v1::ListParticipationsResponse* response) override;
  grpc::Status ListConnections(grpc::ServerContext* context,
                               const v1::ListConnectionsRequest* request,
                               v1::ListConnectionsResponse* response) override;
  grpc::Status GetDocument(grpc::ServerContext* context, const v1::GetDocumentRequest* request,
                           v1::Document* response) override;
  grpc::Status ListDocuments(grpc::ServerContext* context,
                             const v1::ListDocumentsRequest* request,
                             v1::ListDocumentsResponse* response) override;
  grpc::Status ListTopics(grpc::ServerContext* context, const v1::ListTopicsRequest* request,
                          v1::ListTopicsResponse* response) override;
  grpc::Status GetIndexInfo(grpc::ServerContext* context, const v1::GetIndexInfoRequest* request,
                            v1::IndexInfo* response) override;
  grpc::Status ListMentions(grpc::ServerContext* context, const v1::ListMentionsRequest* request,
                            v1::ListMentionsResponse* response) override;
  grpc::Status SearchDocuments(grpc::ServerContext* context,
                               const v1::SearchDocumentsRequest* request,
                               v1::SearchDocumentsResponse* response) override;
  grpc::Status LinkMentions(grpc::ServerContext* context, const v1::LinkMentionsRequest* request,
                            v1::LinkMentionsResponse* response) override;
  grpc::Status BatchLinkMentions(grpc::ServerContext* context,
                                 const v1::BatchLinkMentionsRequest* request,
                                 v1::BatchLinkMentionsResponse* response) override;

 private:
  // Runs call on the current lookup; UNAVAILABLE while none is installed.
  grpc::Status Handle(const char* method, grpc::ServerContext* context,
                      absl::FunctionRef<absl::Status(const Lookup&)> call);

  std::shared_ptr<const Lookup> lookup_;  // accessed with std::atomic_load/store
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_SERVICE_H_
