// A server interceptor on every call of the Parley server (lookups, health,
// reflection, admin): one log line per call (method, status, latency, peer,
// request id), call metrics, and a clear INVALID_ARGUMENT for requests that
// do not parse.
//
// Request ids: the client's "x-request-id" metadata, or a new random one,
// is echoed in the response's initial and trailing metadata and logged.
//
// gRPC answers a request it cannot deserialize (for example a proto3 string
// that is not UTF-8) with INTERNAL (synchronous API) or UNIMPLEMENTED
// (callback API) and an empty message; that is bad input,
// so the interceptor rewrites it into INVALID_ARGUMENT with reason
// MALFORMED_REQUEST and a message that says what to fix.
#ifndef PARLEY_SERVICE_GRPC_CALL_INTERCEPTOR_H_
#define PARLEY_SERVICE_GRPC_CALL_INTERCEPTOR_H_

#include <string>

#include <grpcpp/support/server_interceptor.h>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "service/grpc/metrics.h"

namespace parley {

inline constexpr char kRequestIdMetadata[] = "x-request-id";

// INVALID_ARGUMENT (reason MALFORMED_REQUEST) for a request to method (a
// full name, "/parley.v1.LookupService/GetEntity") that does not parse; also
// given by the handlers that parse their requests themselves.
absl::Status MalformedRequest(absl::string_view method);

class CallInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // metrics may be null. REQUIRES: metrics outlives every call.
  // raw_methods: the full names of the methods whose handlers take the
  // request's bytes (gRPC's raw methods), for which a request that never
  // came is an invalid ByteBuffer rather than no message.
  explicit CallInterceptorFactory(CallMetrics* metrics,
                                  absl::flat_hash_set<std::string> raw_methods = {})
      : metrics_(metrics), raw_methods_(std::move(raw_methods)) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  CallMetrics* metrics_;
  const absl::flat_hash_set<std::string> raw_methods_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_CALL_INTERCEPTOR_H_
