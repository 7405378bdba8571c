// A running Parley gRPC server: parley.v1.LookupService, the standard health
// service (grpc.health.v1) and server reflection, on one listening address.
//
// Lifecycle: Start() binds and serves at once with health NOT_SERVING and
// lookups answering UNAVAILABLE; SetIndex() installs an index and flips
// health to SERVING for "" and "parley.v1.LookupService"; Shutdown() flips
// health back to NOT_SERVING, refuses new calls and lets calls in flight
// finish until the grace period ends.
//
// Thread-safety: all methods may be called from any thread.
#ifndef PARLEY_SERVICE_SERVER_H_
#define PARLEY_SERVICE_SERVER_H_

#include <grpcpp/server.h>

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "index.h"
#include "lookup_service.h"

namespace parley {

struct ServerOptions {
  // host:port; port 0 picks a free port (see ParleyServer::port()).
  std::string listen_address = "127.0.0.1:50051";
};

class ParleyServer {
 public:
  static constexpr char kServiceName[] = "parley.v1.LookupService";

  // Errors: UNAVAILABLE if the address cannot be bound.
  static absl::StatusOr<std::unique_ptr<ParleyServer>> Start(const ServerOptions& options);

  ~ParleyServer();

  // The bound port.
  int port() const { return port_; }

  // Serves index from now on and reports SERVING.
  void SetIndex(std::shared_ptr<const Index> index);

  // Idempotent. Returns when every call has finished or was cancelled at the
  // end of the grace period.
  void Shutdown(absl::Duration grace_period);

 private:
  ParleyServer() = default;

  LookupServiceImpl service_;
  std::unique_ptr<grpc::Server> server_;
  int port_ = 0;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_SERVER_H_
