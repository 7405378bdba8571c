#include "service/grpc/server.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <unistd.h>

#include "absl/random/random.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "grpc/health/v1/health.pb.h"
#include "service/grpc/call_interceptor.h"
#include "service/grpc/listen_address.h"
#include "service/grpc/process_metrics.h"
#include "service/lookup/directory_source.h"

namespace parley {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, absl::string_view flag) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  if (!in || s.str().empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": cannot read \"", path, "\"; give a readable PEM file"));
  }
  return s.str();
}

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> Credentials(const TlsOptions& tls) {
  if (tls.cert_file.empty() && tls.key_file.empty() && tls.client_ca_file.empty()) {
    return grpc::InsecureServerCredentials();
  }
  if (tls.cert_file.empty() || tls.key_file.empty()) {
    return absl::InvalidArgumentError("TLS needs both --tls_cert and --tls_key");
  }
  absl::StatusOr<std::string> cert = ReadPem(tls.cert_file, "--tls_cert");
  if (!cert.ok()) return cert.status();
  absl::StatusOr<std::string> key = ReadPem(tls.key_file, "--tls_key");
  if (!key.ok()) return key.status();
  grpc::SslServerCredentialsOptions options(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
  if (!tls.client_ca_file.empty()) {
    absl::StatusOr<std::string> ca = ReadPem(tls.client_ca_file, "--tls_client_ca");
    if (!ca.ok()) return ca.status();
    options.pem_root_certs = *ca;
    options.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
  }
  options.pem_key_cert_pairs.push_back({*key, *cert});
  return grpc::SslServerCredentials(options);
}

// The transport limits of docs/OPERATIONS.md, for the public and the admin
// listener alike.
void Configure(grpc::ServerBuilder* builder, const ServerOptions& options, CallMetrics* metrics) {
  builder->SetMaxReceiveMessageSize(options.max_message_bytes);
  grpc::ResourceQuota quota("parley");
  quota.SetMaxThreads(options.max_concurrent_calls);
  quota.Resize(static_cast<size_t>(options.transport_memory_bytes));
  builder->SetResourceQuota(quota);
  // gRPC turns SO_REUSEPORT on: a second server on the same port would start
  // and the kernel would split connections between two corpora.
  builder->AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  builder->AddChannelArgument(GRPC_ARG_MAX_CONCURRENT_STREAMS, options.max_streams_per_connection);
  // Keepalive: find dead peers (ping after 60 s of silence, give up after
  // 20 s) and refuse clients that ping more than every 10 s (GOAWAY after two
  // strikes), so neither a vanished nor a chatty peer holds a connection.
  builder->AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 60'000);
  builder->AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 20'000);
  builder->AddChannelArgument(GRPC_ARG_HTTP2_MIN_RECV_PING_INTERVAL_WITHOUT_DATA_MS, 10'000);
  builder->AddChannelArgument(GRPC_ARG_HTTP2_MAX_PING_STRIKES, 2);
  if (!options.accept_compressed_requests) {
    // A compressed request is then refused (UNIMPLEMENTED) before its
    // message is inflated; responses go uncompressed as before.
    builder->SetCompressionAlgorithmSupportStatus(GRPC_COMPRESS_DEFLATE, false);
    builder->SetCompressionAlgorithmSupportStatus(GRPC_COMPRESS_GZIP, false);
  }
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> interceptors;
  interceptors.push_back(
      std::make_unique<CallInterceptorFactory>(metrics, LookupServiceImpl::RawMethods()));
  builder->experimental().SetInterceptorCreators(std::move(interceptors));
}

// A unix socket is created with the process's umask (world-writable under
// umask 000) and admin calls on it need no token: only the owner may connect.
absl::Status RestrictUnixSocket(absl::string_view address) {
  if (!absl::ConsumePrefix(&address, "unix:")) return absl::OkStatus();
  absl::ConsumePrefix(&address, "//");  // unix:///abs/path
  const std::string path(address);
  if (chmod(path.c_str(), S_IRUSR | S_IWUSR) != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot restrict the admin socket ", path,
                     " to its owner (chmod 0600): ", std::strerror(errno)));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<ParleyServer>> ParleyServer::Start(const ServerOptions& options) {
  if (!options.admin_listen_address.empty() && options.admin_token.empty() &&
      !IsLoopbackListenAddress(options.admin_listen_address)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the admin listener ", options.admin_listen_address,
        " is reachable from other hosts: give --admin_token_file, or bind it to 127.0.0.1 or "
        "a unix: socket"));
  }
  absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> credentials = Credentials(options.tls);
  if (!credentials.ok()) return credentials.status();

  grpc::EnableDefaultHealthCheckService(true);
  // gRPC's built-in health service has no protobuf descriptors; linking ours
  // lets reflection describe grpc.health.v1.Health to generic clients.
  (void)grpc::health::v1::HealthCheckRequest::descriptor();
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  auto holder = std::make_unique<IndexHolder>();
  std::unique_ptr<CorpusSource> source;
  StoreReplica* replica = nullptr;
  if (options.database_uri.empty()) {
    holder->SetSource("directory", "");
    source = std::make_unique<DirectorySource>(options.data_dir, holder.get());
  } else {
    absl::StatusOr<std::unique_ptr<PostgresStore>> store =
        PostgresStore::Create(options.database_uri);
    if (!store.ok()) return store.status();
    StoreReplica::Options replica_options;
    replica_options.cache_dir = options.store_cache_dir;
    replica_options.log = [](const std::string& message) { spdlog::info("store: {}", message); };
    auto follower =
        std::make_unique<StoreReplica>(std::move(*store), holder.get(), replica_options);
    replica = follower.get();
    source = std::move(follower);
  }
  std::unique_ptr<ParleyServer> server(
      new ParleyServer(options, std::move(holder), std::move(source)));
  server->replica_ = replica;

  // Guarded, gRPC listens on a private abstract socket that only the guard
  // (and this machine's users) can reach, and the guard on the public address.
  const bool guarded = options.http2_guard && options.tls.cert_file.empty();
  const std::string private_name =
      guarded ? absl::StrCat("parley-", getpid(), "-",
                             absl::Hex(absl::Uniform<uint64_t>(absl::BitGen())))
              : std::string();
  int private_port = 0;
  grpc::ServerBuilder builder;
  if (guarded) {
    builder.AddListeningPort(absl::StrCat("unix-abstract:", private_name),
                             grpc::InsecureServerCredentials(), &private_port);
  } else {
    builder.AddListeningPort(options.listen_address, *credentials, &server->port_);
  }
  builder.RegisterService(&server->service_);
  builder.RegisterService(&server->reflection_v1_);
  Configure(&builder, options, &server->call_metrics_);
  server->server_ = builder.BuildAndStart();
  if (server->server_ != nullptr && guarded) {
    Http2GuardOptions guard;
    guard.listen_address = options.listen_address;
    guard.upstream_abstract_name = private_name;
    guard.max_premature_resets = options.max_premature_resets;
    guard.max_message_bytes = options.max_message_bytes;
    absl::StatusOr<std::unique_ptr<Http2Guard>> started = Http2Guard::Start(guard);
    if (!started.ok()) {
      server->Shutdown(absl::ZeroDuration());
      return started.status();
    }
    server->guard_ = std::move(*started);
    server->port_ = server->guard_->port();
  }
  if (server->server_ == nullptr || server->port_ == 0) {
    return absl::UnavailableError(absl::StrCat(
        "cannot listen on ", options.listen_address,
        ": the address is malformed or in use; pass --listen host:port (port 0 picks a free one)"));
  }
  grpc::HealthCheckServiceInterface* health = server->server_->GetHealthCheckService();
  health->SetServingStatus(false);
  health->SetServingStatus(kServiceName, false);

  if (!options.admin_listen_address.empty()) {
    // A server of its own, so the public port never routes to AdminService
    // and public reflection never lists it.
    grpc::ServerBuilder admin;
    admin.AddListeningPort(options.admin_listen_address, *credentials, &server->admin_port_);
    admin.RegisterService(&server->admin_);
    Configure(&admin, options, &server->call_metrics_);
    server->admin_server_ = admin.BuildAndStart();
    if (server->admin_server_ == nullptr ||
        (server->admin_port_ == 0 && !absl::StartsWith(options.admin_listen_address, "unix:"))) {
      server->Shutdown(absl::ZeroDuration());
      return absl::UnavailableError(
          absl::StrCat("cannot listen on ", options.admin_listen_address,
                       " for admin calls: the address is malformed or in use; pass "
                       "--admin_listen host:port or unix:PATH"));
    }
    if (absl::Status s = RestrictUnixSocket(options.admin_listen_address); !s.ok()) {
      server->Shutdown(absl::ZeroDuration());
      return s;
    }
  }
  if (!options.metrics_listen_address.empty()) {
    const ParleyServer* self = server.get();
    absl::StatusOr<std::unique_ptr<MetricsEndpoint>> metrics = MetricsEndpoint::Start(
        options.metrics_listen_address, [self] { return self->RenderMetrics(); });
    if (!metrics.ok()) {
      server->Shutdown(absl::ZeroDuration());
      return metrics.status();
    }
    server->metrics_ = std::move(*metrics);
  }
  if (replica != nullptr) {
    // Serving once the first index from the store is installed; health
    // stays NOT_SERVING while the store cannot be reached.
    ParleyServer* self = server.get();
    replica->Start([self] { self->MarkServing(); });
  }
  return server;
}

LookupServiceOptions ParleyServer::LookupOptions(const ServerOptions& options) {
  LookupServiceOptions lookup;
  lookup.max_concurrent_calls = options.max_concurrent_calls;
  lookup.max_inflight_bytes = options.max_inflight_bytes;
  lookup.response_cache_bytes =
      static_cast<size_t>(std::max<int64_t>(0, options.response_cache_bytes));
  lookup.heavy_call_threads =
      options.heavy_call_threads > 0
          ? options.heavy_call_threads
          : static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  return lookup;
}

std::string ParleyServer::RenderMetrics() const {
  std::string out = call_metrics_.Render();
  v1::IndexInfo info;
  if (std::shared_ptr<const Lookup> lookup = holder_->Current()) {
    (void)lookup->GetIndexInfo(v1::GetIndexInfoRequest(), &info);
  }
  holder_->FillReloadInfo(&info);
  auto gauge = [&out](const char* name, const char* help, const std::string& labels, double value,
                      const char* type = "gauge") {
    absl::StrAppend(&out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n", name,
                    labels, " ", value, "\n");
  };
  gauge("parley_index_generation", "Generation of the index being served (0: none yet).", "",
        static_cast<double>(info.generation()));
  absl::StrAppend(&out,
                  "# HELP parley_index_entities Entities in the index, by kind.\n"
                  "# TYPE parley_index_entities gauge\n",
                  "parley_index_entities{kind=\"person\"} ", info.person_count(), "\n",
                  "parley_index_entities{kind=\"organization\"} ", info.organization_count(), "\n",
                  "parley_index_entities{kind=\"country\"} ", info.country_count(), "\n");
  gauge("parley_index_events", "Events in the index.", "", info.event_count());
  gauge("parley_index_participations", "Participations in the index.", "",
        info.participation_count());
  gauge("parley_index_documents", "Documents in the index.", "", info.document_count());
  gauge("parley_index_build_seconds", "How long building the index being served took.", "",
        static_cast<double>(info.build_duration().seconds()) + info.build_duration().nanos() / 1e9);
  gauge("parley_reloads_total", "Reloads attempted (SIGHUP, admin Reload, ingestion).", "",
        static_cast<double>(info.reload_count()), "counter");
  gauge("parley_reload_failures_total", "Reloads that failed; the old index kept serving.", "",
        static_cast<double>(info.reload_failure_count()), "counter");
  gauge("parley_store_reachable",
        "1 when the corpus store can be reached (always with a data directory), else 0.", "",
        info.store_reachable() ? 1 : 0);
  gauge("parley_corpus_version", "Corpus version of the index being served.", "",
        static_cast<double>(info.corpus_version()));
  gauge("parley_last_reload_timestamp_seconds", "Unix time of the last reload (0: none).", "",
        static_cast<double>(info.last_reload_time().seconds()));
  const ResponseCache& kept = service_.kept_answers();
  gauge("parley_response_cache_hits_total",
        "GetEntity and SearchEntities calls answered with the bytes kept from the same request.",
        "", static_cast<double>(kept.hits()), "counter");
  gauge("parley_response_cache_misses_total",
        "GetEntity and SearchEntities calls whose answer was built (and, if it succeeded, kept).",
        "", static_cast<double>(kept.misses()), "counter");
  gauge("parley_response_cache_bytes", "Bytes of requests and answers kept (--response_cache_mb).",
        "", static_cast<double>(kept.bytes()));
  absl::StrAppend(&out, RenderProcessMetrics());
  return out;
}

ParleyServer::~ParleyServer() { Shutdown(absl::ZeroDuration()); }

void ParleyServer::SetIndex(std::shared_ptr<const Index> index) {
  holder_->Install(std::move(index));
  MarkServing();
}

void ParleyServer::MarkServing() {
  std::lock_guard<std::mutex> lock(health_mu_);
  if (server_ == nullptr || shut_down_) return;
  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus(kServiceName, true);
  health->SetServingStatus(true);
}

void ParleyServer::Shutdown(absl::Duration grace_period) {
  const auto deadline = std::chrono::system_clock::now() + absl::ToChronoMilliseconds(grace_period);
  {
    std::lock_guard<std::mutex> lock(health_mu_);
    shut_down_ = true;
  }
  service_.StartDraining();
  if (server_ != nullptr) {
    grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
    health->SetServingStatus(kServiceName, false);
    health->SetServingStatus(false);
    // Calls already on their way are answered UNAVAILABLE by the draining
    // service (clients retry elsewhere) rather than cancelled by gRPC as it
    // closes the port: give them a moment.
    if (grace_period > absl::ZeroDuration()) {
      absl::SleepFor(std::min(grace_period / 10, absl::Milliseconds(200)));
    }
    if (guard_ != nullptr) guard_->StopAccepting();
    server_->Shutdown(deadline);
  }
  if (admin_server_ != nullptr) admin_server_->Shutdown(deadline);
  if (server_ != nullptr) server_->Wait();
  if (admin_server_ != nullptr) admin_server_->Wait();
  // Last: the follower may be in a build; nothing waits on it any more.
  if (replica_ != nullptr) replica_->Stop();
  guard_.reset();  // after gRPC has closed its ends of the connections
  server_.reset();
  admin_server_.reset();
  metrics_.reset();
}

}  // namespace parley
