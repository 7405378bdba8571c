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

#include <grpcpp/support/server_interceptor.h>

#include "service/grpc/metrics.h"

namespace parley {

inline constexpr char kRequestIdMetadata[] = "x-request-id";

class CallInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  // metrics may be null. REQUIRES: metrics outlives every call.
  explicit CallInterceptorFactory(CallMetrics* metrics) : metrics_(metrics) {}

  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;

 private:
  CallMetrics* metrics_;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_CALL_INTERCEPTOR_H_
