// grpc.reflection.v1.ServerReflection, which gRPC 1.51 does not serve (its
// plugin serves only grpc.reflection.v1alpha, and current generic clients
// ask for v1 first). Answers from the same descriptors as v1alpha: the
// generated pool of this binary, so every message and service compiled in
// is described; list_services names the services given at construction.
//
// Thread-safety: the service is stateless; gRPC runs streams concurrently.
#ifndef PARLEY_SERVICE_GRPC_REFLECTION_V1_H_
#define PARLEY_SERVICE_GRPC_REFLECTION_V1_H_

#include <string>
#include <vector>

#include "grpc/reflection/v1/reflection.grpc.pb.h"

namespace parley {

class ReflectionV1Service final : public grpc::reflection::v1::ServerReflection::Service {
 public:
  // services: full names of the services the server exposes.
  explicit ReflectionV1Service(std::vector<std::string> services)
      : services_(std::move(services)) {}

  grpc::Status ServerReflectionInfo(
      grpc::ServerContext* context,
      grpc::ServerReaderWriter<grpc::reflection::v1::ServerReflectionResponse,
                               grpc::reflection::v1::ServerReflectionRequest>* stream) override;

 private:
  const std::vector<std::string> services_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_REFLECTION_V1_H_
