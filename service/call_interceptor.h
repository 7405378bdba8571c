// A server interceptor on every call of the Parley server (lookups, health,
// reflection, admin): one log line per call (method, status, latency, peer),
// and a clear INVALID_ARGUMENT for requests that do not parse.
//
// gRPC answers a request it cannot deserialize (for example a proto3 string
// that is not UTF-8) with INTERNAL and an empty message; that is bad input,
// so the interceptor rewrites it into INVALID_ARGUMENT with reason
// MALFORMED_REQUEST and a message that says what to fix.
#ifndef PARLEY_SERVICE_CALL_INTERCEPTOR_H_
#define PARLEY_SERVICE_CALL_INTERCEPTOR_H_

#include <grpcpp/support/server_interceptor.h>

namespace parley {

class CallInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_CALL_INTERCEPTOR_H_
