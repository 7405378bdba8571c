// gRPC handlers of parley.v1.LookupService and parley.v1.AdminService. Each
// lookup handler takes a snapshot of the index being served, forwards to its
// Lookup, maps the status and tags the response with the index generation
// (metadata "parley-index-generation").
//
// Thread-safety: handlers run concurrently; see IndexHolder for the swap.
#ifndef PARLEY_SERVICE_LOOKUP_SERVICE_H_
#define PARLEY_SERVICE_LOOKUP_SERVICE_H_

#include <atomic>
#include <memory>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/status.h"
#include "index_holder.h"
#include "parley/v1/admin_service.grpc.pb.h"
#include "parley/v1/lookup_service.grpc.pb.h"

namespace parley {

inline constexpr char kGenerationMetadata[] = "parley-index-generation";

class LookupServiceImpl final : public v1::LookupService::Service {
 public:
  // REQUIRES: holder outlives the service.
  explicit LookupServiceImpl(const IndexHolder* holder) : holder_(holder) {}

  // From now on, calls that arrive get UNAVAILABLE (reason SHUTTING_DOWN) so
  // that clients retry elsewhere; calls already running are not affected.
  void StartDraining() { draining_.store(true, std::memory_order_relaxed); }

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
  // Runs call on the current snapshot; UNAVAILABLE while none is installed,
  // and the call's own status if it was cancelled or ran out of time.
  grpc::Status Handle(grpc::ServerContext* context,
                      absl::FunctionRef<absl::Status(const Lookup&)> call);

  const IndexHolder* holder_;
  std::atomic<bool> draining_{false};
};

class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  // token "" = no token required. REQUIRES: holder outlives the service.
  AdminServiceImpl(IndexHolder* holder, std::string token)
      : holder_(holder), token_(std::move(token)) {}

  grpc::Status Reload(grpc::ServerContext* context, const v1::ReloadRequest* request,
                      v1::ReloadResponse* response) override;
  grpc::Status IngestDocument(grpc::ServerContext* context,
                              const v1::IngestDocumentRequest* request,
                              v1::IngestDocumentResponse* response) override;

 private:
  // UNAUTHENTICATED without a bearer token, PERMISSION_DENIED for a wrong one.
  absl::Status Authorize(const grpc::ServerContext& context) const;

  IndexHolder* holder_;
  const std::string token_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_LOOKUP_SERVICE_H_
