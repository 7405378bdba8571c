// gRPC handlers of parley.v1.AdminService: reload, ingest, and review of
// extracted facts. Every call checks the bearer token first; writes go to
// the CorpusSource (the data directory or the shared store), which checks
// them by building the index and installs the result. Admin calls are rare
// and may take as long as a build: they use the synchronous API on a server
// of their own.
//
// Thread-safety: handlers run concurrently; the source serializes writes.
#ifndef PARLEY_SERVICE_GRPC_ADMIN_SERVICE_H_
#define PARLEY_SERVICE_GRPC_ADMIN_SERVICE_H_

#include <string>

#include "absl/status/status.h"
#include "parley/v1/admin_service.grpc.pb.h"
#include "service/lookup/corpus_source.h"
#include "service/lookup/index_holder.h"

namespace parley {

class AdminServiceImpl final : public v1::AdminService::Service {
 public:
  // token "" = no token required. REQUIRES: holder and source outlive the
  // service.
  AdminServiceImpl(IndexHolder* holder, CorpusSource* source, std::string token)
      : holder_(holder), source_(source), token_(std::move(token)) {}

  grpc::Status Reload(grpc::ServerContext* context, const v1::ReloadRequest* request,
                      v1::ReloadResponse* response) override;
  grpc::Status IngestDocument(grpc::ServerContext* context,
                              const v1::IngestDocumentRequest* request,
                              v1::IngestDocumentResponse* response) override;
  grpc::Status ListExtractedFacts(grpc::ServerContext* context,
                                  const v1::ListExtractedFactsRequest* request,
                                  v1::ListExtractedFactsResponse* response) override;
  grpc::Status ReviewFact(grpc::ServerContext* context, const v1::ReviewFactRequest* request,
                          v1::ReviewFactResponse* response) override;

 private:
  // UNAUTHENTICATED without a bearer token, PERMISSION_DENIED for a wrong one.
  [[nodiscard]] absl::Status Authorize(const grpc::ServerContext& context) const;
  // The IndexInfo of the index serving now, with the holder's reload info.
  void FillInfo(v1::IndexInfo* info) const;

  IndexHolder* holder_;
  CorpusSource* source_;
  const std::string token_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_ADMIN_SERVICE_H_
