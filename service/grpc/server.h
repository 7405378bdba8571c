// A running Parley server: parley.v1.LookupService, the standard health
// service (grpc.health.v1) and server reflection on the public listener, and
// parley.v1.AdminService on a separate admin listener.
//
// Lifecycle: Start() binds and serves at once with health NOT_SERVING and
// lookups answering UNAVAILABLE; SetIndex() installs the first index and
// flips health to SERVING for "" and "parley.v1.LookupService"; Reload()
// (also SIGHUP in parley-server, and AdminService.Reload) swaps in a rebuilt
// index; Shutdown() flips health to NOT_SERVING, refuses new calls and lets
// calls in flight finish until the grace period ends.
//
// Thread-safety: all methods may be called from any thread.
#ifndef PARLEY_SERVICE_GRPC_SERVER_H_
#define PARLEY_SERVICE_GRPC_SERVER_H_

#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include <grpcpp/server.h>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "service/grpc/admin_service.h"
#include "service/grpc/http2_guard.h"
#include "service/grpc/lookup_service.h"
#include "service/grpc/metrics.h"
#include "service/grpc/reflection_v1.h"
#include "service/lookup/index_holder.h"
#include "service/lookup/store_replica.h"

namespace parley {

// PEM files; all empty = plaintext.
struct TlsOptions {
  std::string cert_file;       // server certificate chain
  std::string key_file;        // its private key
  std::string client_ca_file;  // if set: mutual TLS, clients need a certificate signed by it
};

struct ServerOptions {
  // host:port; port 0 picks a free port (see ParleyServer::port()).
  std::string listen_address = "127.0.0.1:50051";
  // The corpus Reload() reads, unless database_uri is set.
  std::string data_dir = "data";
  // The shared store (postgresql://...): the corpus comes from it and
  // writes go to it; the server follows it (lookup/store_replica.h) and is
  // SERVING once its first index is installed.
  std::string database_uri;
  // Where a store replica writes the snapshots it builds from ("" = the
  // system's temporary directory).
  std::string store_cache_dir;
  // AdminService listener: "" for none; loopback or unix:PATH unless a token is set.
  std::string admin_listen_address = "127.0.0.1:0";
  // Bearer token admin calls must carry; "" = none (only on a loopback listener).
  std::string admin_token;
  TlsOptions tls;
  // Larger requests get RESOURCE_EXHAUSTED.
  int max_message_bytes = 4 << 20;
  // Lookup calls received and not yet finished (a call whose answer the client
  // has not read yet is not finished); more get RESOURCE_EXHAUSTED.
  // (Also the thread limit of gRPC's resource quota, for reflection and admin.)
  int max_concurrent_calls = 256;
  // Bytes of requests and responses of unfinished lookup calls; a call that
  // would pass it gets RESOURCE_EXHAUSTED (TOO_MANY_BYTES). Bounds what slow
  // or absent readers can make the server hold.
  int64_t max_inflight_bytes = 64 << 20;
  // Streams one HTTP/2 connection may have open (SETTINGS_MAX_CONCURRENT_STREAMS).
  int max_streams_per_connection = 100;
  // Memory gRPC's transports may take for all connections (its ResourceQuota);
  // under pressure gRPC shrinks buffers and then cancels streams.
  int64_t transport_memory_bytes = 128 << 20;
  // Accept gzip/deflate requests. Off by default: gRPC 1.51 inflates a
  // compressed message whole before it applies max_message_bytes.
  bool accept_compressed_requests = false;
  // Put an Http2Guard (the rapid-reset limit) in front of a plaintext public
  // listener; TLS listeners are served by gRPC directly.
  bool http2_guard = true;
  // Its budget: stream resets before an answer, per connection, at once and
  // per second.
  int max_premature_resets = 200;
  // Threads for lookups whose cost grows with their input (0: one per core).
  int heavy_call_threads = 0;
  // Bytes of serialized GetEntity and SearchEntities answers kept to answer the same request
  // again (grpc/response_cache.h); 0 keeps none.
  int64_t response_cache_bytes = 32 << 20;
  // Prometheus metrics over HTTP at http://<address>/metrics; "" = none.
  // Port 0 picks a free port (see metrics_port()).
  std::string metrics_listen_address;
};

class ParleyServer {
 public:
  static constexpr char kServiceName[] = "parley.v1.LookupService";

  // Errors: UNAVAILABLE if an address cannot be bound; INVALID_ARGUMENT for
  // unreadable TLS files or an admin listener exposed without a token.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<ParleyServer>> Start(
      const ServerOptions& options);

  ~ParleyServer();

  int port() const { return port_; }
  int admin_port() const { return admin_port_; }  // 0 without an admin listener
  int metrics_port() const { return metrics_ ? metrics_->port() : 0; }

  const CallMetrics& call_metrics() const { return call_metrics_; }
  // The full exposition text: call metrics and index gauges.
  std::string RenderMetrics() const;

  // Serves index from now on and reports SERVING.
  void SetIndex(std::shared_ptr<const Index> index);

  // Rebuilds the index from the data directory or the store and swaps it
  // in; on failure the old index keeps serving. Returns the corpus version.
  [[nodiscard]] absl::StatusOr<int64_t> Reload() { return source_->Reload(); }

  const IndexHolder& holder() const { return *holder_; }
  CorpusSource& source() { return *source_; }

  // Idempotent. Returns when every call has finished or was cancelled at the
  // end of the grace period.
  void Shutdown(absl::Duration grace_period);

 private:
  ParleyServer(const ServerOptions& options, std::unique_ptr<IndexHolder> holder,
               std::unique_ptr<CorpusSource> source)
      : holder_(std::move(holder)),
        source_(std::move(source)),
        service_(holder_.get(), source_.get(), LookupOptions(options)),
        admin_(holder_.get(), source_.get(), options.admin_token),
        reflection_v1_({kServiceName, "grpc.health.v1.Health",
                        "grpc.reflection.v1alpha.ServerReflection",
                        "grpc.reflection.v1.ServerReflection"}) {}
  static LookupServiceOptions LookupOptions(const ServerOptions& options);

  // Reports SERVING (unless shut down).
  void MarkServing();

  std::unique_ptr<IndexHolder> holder_;
  std::unique_ptr<CorpusSource> source_;
  StoreReplica* replica_ = nullptr;  // source_, when it is the store
  std::mutex health_mu_;             // MarkServing against Shutdown
  bool shut_down_ = false;
  LookupServiceImpl service_;
  AdminServiceImpl admin_;
  ReflectionV1Service reflection_v1_;
  CallMetrics call_metrics_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<grpc::Server> admin_server_;
  std::unique_ptr<MetricsEndpoint> metrics_;
  std::unique_ptr<Http2Guard> guard_;  // the plaintext public listener, if guarded
  int port_ = 0;
  int admin_port_ = 0;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_SERVER_H_
