#include "server.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.pb.h"

namespace parley {

absl::StatusOr<std::unique_ptr<ParleyServer>> ParleyServer::Start(const ServerOptions& options) {
  grpc::EnableDefaultHealthCheckService(true);
  // gRPC's built-in health service has no protobuf descriptors; linking ours
  // lets reflection describe grpc.health.v1.Health to generic clients.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  std::unique_ptr<ParleyServer> server(new ParleyServer());
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options.listen_address, grpc::InsecureServerCredentials(),
                           &server->port_);
  builder.RegisterService(&server->service_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", options.listen_address,
        ": the address is malformed or in use; pass --listen host:port (port 0 picks a free one)"));
  }
  grpc::HealthCheckServiceInterface* health = server->server_->GetHealthCheckService();
  health->SetServingStatus(false);
  health->SetServingStatus(kServiceName, false);
  return server;
}

ParleyServer::~ParleyServer() { Shutdown(absl::ZeroDuration()); }

void ParleyServer::SetIndex(std::shared_ptr<const Index> index) {
  service_.Install(std::make_shared<const Lookup>(std::move(index)));
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus(kServiceName, true);
  health->SetServingStatus(true);
}

void ParleyServer::Shutdown(absl::Duration grace_period) {
  if (server_ == nullptr) return;
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus(kServiceName, false);
  health->SetServingStatus(false);
  server_->Shutdown(std::chrono::system_clock::now() + absl::ToChronoMilliseconds(grace_period));
  server_->Wait();
  server_.reset();
}

}  // namespace parley
