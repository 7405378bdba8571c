#include "client/parley_client.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace parley {
namespace {

// round_robin over every address the target resolves to, and transparent
// retries of calls that failed with UNAVAILABLE (a replica going away).
// Every LookupService and Health RPC is a read, so retrying is safe: on
// UNAVAILABLE (a replica draining or gone) and on CANCELLED sent by a server
// that is closing its port (gRPC's answer to calls it had not started).
// gRPC never retries a cancellation made by the client itself.
constexpr char kServiceConfig[] = R"json({
  "loadBalancingConfig": [{"round_robin": {}}],
  "methodConfig": [{
    "name": [{"service": "parley.v1.LookupService"}, {"service": "grpc.health.v1.Health"}],
    "retryPolicy": {
      "maxAttempts": 4,
      "initialBackoff": "0.05s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE", "CANCELLED"]
    }
  }]
})json";

absl::StatusOr<std::string> ReadPem(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  if (!in || s.str().empty()) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read PEM file \"", path, "\""));
  }
  return s.str();
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> ParleyClient::Credentials(
    const ClientOptions& options) {
  if (options.tls_ca_file.empty() && options.tls_cert_file.empty()) {
    return grpc::InsecureChannelCredentials();
  }
  grpc::SslCredentialsOptions ssl;
  for (auto [path, field] : {std::pair{&options.tls_ca_file, &ssl.pem_root_certs},
                             std::pair{&options.tls_cert_file, &ssl.pem_cert_chain},
                             std::pair{&options.tls_key_file, &ssl.pem_private_key}}) {
    if (path->empty()) continue;
    absl::StatusOr<std::string> pem = ReadPem(*path);
    if (!pem.ok()) return pem.status();
    *field = *pem;
  }
  return grpc::SslCredentials(ssl);
}

std::string ParleyClient::ErrorReason(const grpc::Status& status) {
  google::rpc::Status details;
  if (status.error_details().empty() || !details.ParseFromString(status.error_details())) return "";
  for (const auto& any : details.details()) {
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&info)) return info.reason();
  }
  return "";
}

ParleyClient::ParleyClient(const ClientOptions& options) : options_(options) {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(kServiceConfig);
  if (!options.tls_server_name.empty()) args.SetSslTargetNameOverride(options.tls_server_name);
  absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>> credentials = Credentials(options);
  if (!credentials.ok()) {
    // Calls fail with this status; keep a channel so the object is usable.
    credentials_status_ = credentials.status();
    credentials = grpc::InsecureChannelCredentials();
  }
  channel_ = grpc::CreateCustomChannel(options.target, *credentials, args);
  stub_ = v1::LookupService::NewStub(channel_);
  health_stub_ = grpc::health::v1::Health::NewStub(channel_);
  admin_stub_ = v1::AdminService::NewStub(channel_);
}

absl::StatusOr<v1::ReloadResponse> ParleyClient::Reload() {
  if (!credentials_status_.ok()) return credentials_status_;
  grpc::ClientContext context;
  PrepareAdminContext(&context);
  v1::ReloadResponse response;
  absl::Status status =
      FromGrpcStatus(admin_stub_->Reload(&context, v1::ReloadRequest(), &response));
  if (!status.ok()) return status;
  return response;
}

absl::Status ParleyClient::Export(const v1::ExportRequest& request,
                                  const std::function<absl::Status(const v1::ExportItem&)>& each) {
  if (!credentials_status_.ok()) return credentials_status_;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() +
                       absl::ToChronoMilliseconds(std::max(options_.deadline, absl::Minutes(10))));
  std::unique_ptr<grpc::ClientReader<v1::ExportItem>> reader = stub_->Export(&context, request);
  v1::ExportItem item;
  while (reader->Read(&item)) {
    if (absl::Status s = each(item); !s.ok()) {
      context.TryCancel();
      reader->Finish().IgnoreError();
      return s;
    }
  }
  return FromGrpcStatus(reader->Finish());
}

void ParleyClient::PrepareAdminContext(grpc::ClientContext* context) const {
  PrepareContext(context);
  if (!options_.admin_token.empty()) {
    context->AddMetadata("authorization", "Bearer " + options_.admin_token);
  }
}

void ParleyClient::PrepareContext(grpc::ClientContext* context) const {
  context->set_deadline(std::chrono::system_clock::now() +
                        absl::ToChronoMilliseconds(options_.deadline));
}

absl::Status ParleyClient::FromGrpcStatus(const grpc::Status& status) {
  if (status.ok()) return absl::OkStatus();
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()), status.error_message());
}

absl::StatusOr<grpc::health::v1::HealthCheckResponse::ServingStatus> ParleyClient::Health(
    absl::string_view service) {
  if (!credentials_status_.ok()) return credentials_status_;
  grpc::ClientContext context;
  PrepareContext(&context);
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(std::string(service));
  grpc::health::v1::HealthCheckResponse response;
  absl::Status status = FromGrpcStatus(health_stub_->Check(&context, request, &response));
  if (!status.ok()) return status;
  return response.status();
}

absl::StatusOr<NameResolution> ParleyClient::ResolveName(
    absl::string_view name, v1::EntityKind kind, const v1::ExtractedFactsFilter& extracted) {
  v1::SearchEntitiesRequest request;
  request.set_query(std::string(name));
  if (kind != v1::ENTITY_KIND_UNSPECIFIED) request.add_kinds(kind);
  *request.mutable_extracted() = extracted;
  request.set_page_size(20);
  v1::SearchEntitiesResponse response;
  if (absl::Status s = Call(&v1::LookupService::Stub::SearchEntities, request, &response);
      !s.ok()) {
    return s;
  }
  NameResolution resolution;
  if (response.matches().empty()) return resolution;
  // Matches come best kind first; only the best kind competes.
  const v1::MatchKind best = response.matches(0).match_kind();
  std::vector<const v1::EntityMatch*> tied;
  for (const v1::EntityMatch& m : response.matches()) {
    if (m.match_kind() == best) tied.push_back(&m);
  }
  // Exact names and aliases beat everything; one of them is enough even if
  // another entity shares a looser match. A guess (the end of a name or its
  // start) is a close call when another entity is guessed so too: "Homeland
  // Security" ends one department's name and starts a center's.
  auto guess = [](v1::MatchKind match) {
    return match == v1::MATCH_KIND_WORD || match == v1::MATCH_KIND_PHONETIC ||
           match == v1::MATCH_KIND_PREFIX;
  };
  if (tied.size() == 1 && guess(best)) {
    for (const v1::EntityMatch& m : response.matches()) {
      if (&m != tied[0] && guess(m.match_kind())) {
        tied.push_back(&m);
      }
    }
  }
  if (tied.size() == 1) {
    resolution.entity = std::make_unique<v1::Entity>(tied[0]->entity());
    switch (best) {
      case v1::MATCH_KIND_EXACT_NAME:
        resolution.how = "exact name";
        break;
      case v1::MATCH_KIND_ALIAS:
        resolution.how = absl::StrCat("alias \"", tied[0]->matched_name(), "\"");
        break;
      case v1::MATCH_KIND_WORD:
        resolution.how = absl::StrCat("end of the name \"", tied[0]->matched_name(), "\"");
        break;
      case v1::MATCH_KIND_PHONETIC:
        resolution.how = absl::StrCat("another spelling of \"", tied[0]->matched_name(), "\"");
        break;
      case v1::MATCH_KIND_FUZZY: {
        const int edits = tied[0]->edit_distance();
        resolution.how = absl::StrCat("the only name close to it, \"", tied[0]->matched_name(),
                                      "\" (", edits, edits == 1 ? " edit" : " edits", " away)");
        break;
      }
      default:
        resolution.how = absl::StrCat("the only name starting with \"", name, "\"");
        break;
    }
    return resolution;
  }
  for (const v1::EntityMatch* m : tied) resolution.candidates.push_back(*m);
  return resolution;
}

}  // namespace parley
