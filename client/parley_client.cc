#include "parley_client.h"

#include <grpcpp/client_context.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <chrono>

#include "absl/strings/str_cat.h"

namespace parley {
namespace {

// round_robin over every address the target resolves to, and transparent
// retries of calls that failed with UNAVAILABLE (a replica going away).
constexpr char kServiceConfig[] = R"json({
  "loadBalancingConfig": [{"round_robin": {}}],
  "methodConfig": [{
    "name": [{"service": "parley.v1.LookupService"}, {"service": "grpc.health.v1.Health"}],
    "retryPolicy": {
      "maxAttempts": 4,
      "initialBackoff": "0.05s",
      "maxBackoff": "1s",
      "backoffMultiplier": 2,
      "retryableStatusCodes": ["UNAVAILABLE"]
    }
  }]
})json";

}  // namespace

ParleyClient::ParleyClient(const ClientOptions& options) : options_(options) {
  grpc::ChannelArguments args;
  args.SetServiceConfigJSON(kServiceConfig);
  channel_ = grpc::CreateCustomChannel(options.target, grpc::InsecureChannelCredentials(), args);
  stub_ = v1::LookupService::NewStub(channel_);
  health_stub_ = grpc::health::v1::Health::NewStub(channel_);
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
  grpc::ClientContext context;
  PrepareContext(&context);
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(std::string(service));
  grpc::health::v1::HealthCheckResponse response;
  absl::Status status = FromGrpcStatus(health_stub_->Check(&context, request, &response));
  if (!status.ok()) return status;
  return response.status();
}

absl::StatusOr<NameResolution> ParleyClient::ResolveName(absl::string_view name,
                                                         v1::EntityKind kind) {
  v1::SearchEntitiesRequest request;
  request.set_query(std::string(name));
  if (kind != v1::ENTITY_KIND_UNSPECIFIED) request.add_kinds(kind);
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
  // another entity shares a looser match.
  if (tied.size() == 1) {
    resolution.entity = std::make_unique<v1::Entity>(tied[0]->entity());
    switch (best) {
      case v1::MATCH_KIND_EXACT_NAME: resolution.how = "exact name"; break;
      case v1::MATCH_KIND_ALIAS:
        resolution.how = absl::StrCat("alias \"", tied[0]->matched_name(), "\"");
        break;
      case v1::MATCH_KIND_WORD:
        resolution.how = absl::StrCat("end of the name \"", tied[0]->matched_name(), "\"");
        break;
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
