// A client of parley.v1.LookupService and of the server's health service.
//
// Every call carries a deadline (ClientOptions::deadline). The target may be
// any gRPC target: "127.0.0.1:50051", "dns:///parley-headless:50051" or
// "ipv4:127.0.0.1:50051,127.0.0.1:50052"; calls are spread with round_robin
// and retried on UNAVAILABLE.
//
// Thread-safety: a ParleyClient may be used from many threads at once.
#ifndef PARLEY_CLIENT_PARLEY_CLIENT_H_
#define PARLEY_CLIENT_PARLEY_CLIENT_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/channel.h>
#include <grpcpp/security/credentials.h>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "parley/v1/admin_service.grpc.pb.h"
#include "parley/v1/lookup_service.grpc.pb.h"

namespace parley {

struct ClientOptions {
  std::string target = "127.0.0.1:50051";
  absl::Duration deadline = absl::Seconds(5);
  // TLS: all empty = plaintext. tls_ca_file alone = TLS verifying the server;
  // with tls_cert_file and tls_key_file also a client certificate (mutual TLS).
  std::string tls_ca_file;
  std::string tls_cert_file;
  std::string tls_key_file;
  // The name the server's certificate must carry, when it is not the
  // target's host (e.g. "localhost" for a certificate issued to it).
  std::string tls_server_name;
  // Sent as "authorization: Bearer <token>" on admin calls.
  std::string admin_token;
};

// The outcome of turning a name typed by a person into one entity.
struct NameResolution {
  // Set when the name picks exactly one entity.
  std::unique_ptr<v1::Entity> entity;
  // How it was picked ("exact name", "alias \"US\"", ...).
  std::string how;
  // When the name is ambiguous: the equally good candidates; when it is a
  // close call, the guess and every other entity the name starts or ends
  // (a prefix or the end of a name) — to be asked, not guessed.
  std::vector<v1::EntityMatch> candidates;
};

class ParleyClient {
 public:
  explicit ParleyClient(const ClientOptions& options);

  // The gRPC stub, for calls not wrapped below.
  v1::LookupService::Stub& stub() { return *stub_; }

  // Calls stub method `rpc` with the configured deadline.
  template <typename Request, typename Response>
  absl::Status Call(grpc::Status (v1::LookupService::Stub::*rpc)(grpc::ClientContext*,
                                                                 const Request&, Response*),
                    const Request& request, Response* response) {
    if (!credentials_status_.ok()) return credentials_status_;
    grpc::ClientContext context;
    PrepareContext(&context);
    return FromGrpcStatus((stub_.get()->*rpc)(&context, request, response));
  }

  // parley.v1.LookupService/Export: calls each(item) for every item as it
  // arrives; stops at the first error each returns. Allowed at least ten
  // minutes whatever the configured deadline (a corpus can be large).
  absl::Status Export(const v1::ExportRequest& request,
                      const std::function<absl::Status(const v1::ExportItem&)>& each);

  // parley.v1.AdminService/Reload (use a client whose target is the admin listener).
  absl::StatusOr<v1::ReloadResponse> Reload();
  // parley.v1.AdminService/IngestDocument (on the admin listener).
  absl::StatusOr<v1::IngestDocumentResponse> IngestDocument(
      const v1::IngestDocumentRequest& request) {
    return AdminCall(&v1::AdminService::Stub::IngestDocument, request);
  }
  // parley.v1.AdminService/ListExtractedFacts and ReviewFact (admin listener).
  absl::StatusOr<v1::ListExtractedFactsResponse> ListExtractedFacts(
      const v1::ListExtractedFactsRequest& request) {
    return AdminCall(&v1::AdminService::Stub::ListExtractedFacts, request);
  }
  absl::StatusOr<v1::ReviewFactResponse> ReviewFact(const v1::ReviewFactRequest& request) {
    return AdminCall(&v1::AdminService::Stub::ReviewFact, request);
  }

  // Any AdminService method, with the admin token and the deadline.
  template <typename Request, typename Response>
  absl::StatusOr<Response> AdminCall(
      grpc::Status (v1::AdminService::Stub::*rpc)(grpc::ClientContext*, const Request&, Response*),
      const Request& request) {
    if (!credentials_status_.ok()) return credentials_status_;
    grpc::ClientContext context;
    PrepareAdminContext(&context);
    Response response;
    absl::Status status = FromGrpcStatus((admin_stub_.get()->*rpc)(&context, request, &response));
    if (!status.ok()) return status;
    return response;
  }

  // grpc.health.v1.Health/Check for service ("" = the whole server).
  // Returns SERVING, NOT_SERVING, ...; errors are the call's status.
  absl::StatusOr<grpc::health::v1::HealthCheckResponse::ServingStatus> Health(
      absl::string_view service);

  // Resolves a name through SearchEntities, among the entities the
  // extracted filter shows (by default the server's). An exact name or alias
  // wins; otherwise a unique match on the end of a name (a surname) or a
  // unique prefix. Errors are those of the RPC; "not found" is an empty
  // resolution.
  absl::StatusOr<NameResolution> ResolveName(
      absl::string_view name, v1::EntityKind kind = v1::ENTITY_KIND_UNSPECIFIED,
      const v1::ExtractedFactsFilter& extracted = v1::ExtractedFactsFilter());

  // Maps a grpc::Status to the absl::Status with the same code and message.
  static absl::Status FromGrpcStatus(const grpc::Status& status);

  // Channel credentials for options (plaintext, TLS or mutual TLS).
  // Errors: INVALID_ARGUMENT naming a PEM file that cannot be read.
  static absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> Credentials(
      const ClientOptions& options);

  // The reason of the google.rpc.ErrorInfo in a failed call's details, if any.
  static std::string ErrorReason(const grpc::Status& status);

 private:
  void PrepareContext(grpc::ClientContext* context) const;
  void PrepareAdminContext(grpc::ClientContext* context) const;

  ClientOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::LookupService::Stub> stub_;
  std::unique_ptr<grpc::health::v1::Health::Stub> health_stub_;
  std::unique_ptr<v1::AdminService::Stub> admin_stub_;
  absl::Status credentials_status_;
};

}  // namespace parley

#endif  // PARLEY_CLIENT_PARLEY_CLIENT_H_
