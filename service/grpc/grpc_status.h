// The one place where absl::Status becomes grpc::Status. Canonical codes
// have the same numbers in both, so the mapping keeps code and message, and
// adds a google.rpc.Status with a google.rpc.ErrorInfo detail (reason from
// errors.h, domain "parley.v1") as the binary error details (AIP-193).
#ifndef PARLEY_SERVICE_GRPC_GRPC_STATUS_H_
#define PARLEY_SERVICE_GRPC_GRPC_STATUS_H_

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace parley {

grpc::Status ToGrpcStatus(const absl::Status& status);

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_GRPC_STATUS_H_
