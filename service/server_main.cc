// parley-server: loads a corpus, builds the index and serves
// parley.v1.LookupService with health and reflection.
#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>

#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/flags/usage_config.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/time_util.h"
#include "service/base/atomic_file.h"
#include "service/grpc/process_metrics.h"
#include "service/grpc/server.h"
#include "service/grpc/structured_log.h"
#include "service/index/index.h"
#include "service/index/snapshot.h"
#include "service/lookup/page_token.h"
#include "service/lookup/store_transfer.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051",
          "Address to serve on, host:port. Port 0 picks a free port (see --port_file). "
          "Use 0.0.0.0:50051 to accept connections from other hosts.");
ABSL_FLAG(std::string, data, "data",
          "Corpus directory: articles/*.txt and kb/*.textproto or kb/*.binpb (see "
          "docs/DATA_FORMAT.md).");
ABSL_FLAG(bool, check, false,
          "Validate the corpus in --data, print every problem or a summary, and exit "
          "(0 = valid, 1 = problems) without serving.");
ABSL_FLAG(std::string, database, "",
          "PostgreSQL URI of the shared corpus store, postgresql://[user@]host[:port]/db (password "
          "from $PGPASSWORD or ~/.pgpass): serve its corpus instead of --data and follow it");
ABSL_FLAG(bool, migrate, false, "Apply the store's schema migrations to --database and exit.");
ABSL_FLAG(std::string, import, "",
          "Check the corpus directory DIR (as --check) and replace --database's corpus with it "
          "in one transaction, then exit.");
ABSL_FLAG(std::string, export, "",
          "Write --database's corpus into the new directory DIR as a data directory, then exit.");
ABSL_FLAG(std::string, store_cache_dir, "",
          "Where a --database replica writes the snapshots it builds its index from (default: "
          "the system's temporary directory).");
ABSL_FLAG(std::string, snapshot_dir, "",
          "Directory for a snapshot of the built index (created if missing): a restart with an "
          "unchanged corpus, lexicons and program reads it instead of building (seconds instead "
          "of tens at 1M entities); after a build the snapshot is written there in the "
          "background, replacing older ones. Empty: no snapshot.");
ABSL_FLAG(bool, snapshot_content_stamp, true,
          "With --snapshot_dir: know an unchanged corpus at a restart by its files' names, sizes, "
          "inodes and modification and change times, as a content stamp in --snapshot_dir "
          "recorded them when their bytes were last hashed (as git and rsync do; ~0.3 s instead "
          "of ~0.9 s at 100k articles). Files changed within a second of that hash, a stamp of "
          "another build, and a corpus on a network file system are hashed again. false: read "
          "and hash every file at each start.");
ABSL_FLAG(absl::Duration, grace_period, absl::Seconds(5),
          "On SIGTERM/SIGINT, how long calls in flight may take to finish.");
ABSL_FLAG(std::string, port_file, "",
          "If set, write the bound port to this file once listening (for scripts and tests); "
          "the admin port goes to the same path with .admin appended.");
ABSL_FLAG(std::string, admin_listen, "127.0.0.1:50052",
          "Listener of parley.v1.AdminService (reload, ingest, review): host:port or unix:PATH; "
          "'' for none. "
          "Anything but loopback or a unix socket requires --admin_token_file.");
ABSL_FLAG(std::string, admin_token_file, "",
          "File holding the bearer token admin calls must send as 'authorization: Bearer "
          "<token>'. The token is never logged.");
ABSL_FLAG(std::string, page_token_key_file, "",
          "File whose first line (at least 16 bytes) keys the MAC of page tokens. Give every "
          "replica of one corpus the same file so that they accept each other's tokens; "
          "without it each process draws a random key (tokens then do not survive a restart).");
ABSL_FLAG(std::string, tls_cert, "", "PEM certificate chain: serve TLS instead of plaintext.");
ABSL_FLAG(std::string, tls_key, "", "PEM private key of --tls_cert.");
ABSL_FLAG(std::string, tls_client_ca, "",
          "PEM CA: require client certificates signed by it (mutual TLS).");
ABSL_FLAG(int32_t, max_message_bytes, 4 << 20,
          "Largest request accepted; larger ones get RESOURCE_EXHAUSTED.");
ABSL_FLAG(int32_t, max_concurrent_calls, 256,
          "Lookup calls received and not yet finished (an answer the client has not read "
          "counts); beyond that new calls get RESOURCE_EXHAUSTED.");
ABSL_FLAG(int64_t, max_inflight_bytes, 64 << 20,
          "Bytes of requests and answers of unfinished LinkMentions, BatchLinkMentions and "
          "SearchDocuments calls; a call that would pass it gets RESOURCE_EXHAUSTED.");
ABSL_FLAG(int32_t, max_streams_per_connection, 100,
          "HTTP/2 streams one connection may have open at once (MAX_CONCURRENT_STREAMS).");
ABSL_FLAG(int64_t, transport_memory_bytes, 128 << 20,
          "Memory gRPC's transports may use for all connections (gRPC ResourceQuota); under "
          "pressure gRPC shrinks buffers and then cancels streams.");
ABSL_FLAG(bool, http2_guard, true,
          "Relay the plaintext public listener through Parley's HTTP/2 guard, which closes "
          "connections that reset streams before their answer faster than "
          "--max_premature_resets per second (the rapid-reset attack gRPC 1.51 does not stop). "
          "TLS listeners are never guarded: put a proxy in front of them.");
ABSL_FLAG(int32_t, max_premature_resets, 200,
          "Streams a client may reset before the server answered them, at once and per second, "
          "per connection; over it the connection is closed.");
ABSL_FLAG(bool, accept_compressed_requests, false,
          "Accept gzip/deflate-compressed requests. Off by default: gRPC 1.51 inflates a "
          "compressed request whole before applying --max_message_bytes.");
ABSL_FLAG(int32_t, heavy_call_threads, 0,
          "Threads for the calls whose cost grows with their input (LinkMentions, "
          "BatchLinkMentions, SearchDocuments); 0 = one per core. Other calls are answered on "
          "gRPC's own threads.");
ABSL_FLAG(int32_t, response_cache_mb, 32,
          "MiB of serialized GetEntity and SearchEntities answers kept, so that a request seen "
          "again is answered without building its answer (answers of an index are never given "
          "after a reload); 0 keeps none.");
ABSL_FLAG(std::string, metrics_listen, "",
          "Serve Prometheus metrics at http://HOST:PORT/metrics (e.g. 0.0.0.0:9464); '' for "
          "none. Port 0 picks a free port (written to --port_file with .metrics appended).");
ABSL_FLAG(std::string, log_format, "text",
          "text: one line per event; json: one JSON object per line (ts, level, msg, and for "
          "calls method, status, latency_us, peer, request_id).");
ABSL_FLAG(std::string, log_level, "info",
          "Least severe log lines written: debug, info (every call), warn or error.");

#ifdef PARLEY_JEMALLOC
#include <jemalloc/jemalloc.h>  // its settings: service/allocator_settings.cc
#endif

namespace {

// The heap as the allocator sees it, for the startup line: what the program
// holds and what is resident (with the pages jemalloc keeps for reuse).
std::string HeapSummary() {
#ifdef PARLEY_JEMALLOC
  uint64_t epoch = 1;
  size_t size = sizeof(epoch);
  mallctl("epoch", &epoch, &size, &epoch, size);  // refreshes the statistics
  size_t allocated = 0, resident = 0;
  size = sizeof(size_t);
  if (mallctl("stats.allocated", &allocated, &size, nullptr, 0) != 0 ||
      mallctl("stats.resident", &resident, &size, nullptr, 0) != 0) {
    return "heap figures unavailable";
  }
  return absl::StrFormat("heap %.0f MiB held, %.0f MiB resident", allocated / 1048576.0,
                         resident / 1048576.0);
#else
  return "heap figures need jemalloc";
#endif
}

std::string Summary(const parley::Index& index) {
  const parley::v1::IndexInfo& info = index.info();
  std::vector<std::string> phases;
  for (const parley::v1::BuildPhase& phase : info.build_phases()) {
    phases.push_back(absl::StrFormat(
        "%s %.0f ms", phase.name(),
        google::protobuf::util::TimeUtil::DurationToMicroseconds(phase.duration()) / 1000.0));
  }
  return absl::StrCat(
      info.person_count(), " people, ", info.organization_count(), " organizations, ",
      info.country_count(), " countries, ", info.event_count(), " events, ",
      info.participation_count(), " participations, ", info.document_count(), " documents, ",
      info.evidence_count(), " evidence quotes; built in ",
      google::protobuf::util::TimeUtil::DurationToMicroseconds(info.build_duration()) / 1000.0,
      " ms (", absl::StrJoin(phases, ", "), "); corpus sha256 ",
      info.content_sha256().substr(0, 12));
}

// The first line of path, trimmed; "" if unreadable.
std::string ReadToken(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  std::getline(in, token);
  while (!token.empty() && (token.back() == '\r' || token.back() == ' ')) token.pop_back();
  return token;
}

bool WritePortFile(const std::string& path, int port) {
  absl::Status status = parley::WriteFileAtomically(path, absl::StrCat(port, "\n"));
  if (!status.ok()) spdlog::critical("{}", std::string(status.message()));
  return status.ok();
}

// The server's options from the flags; reads the token and key files (and
// installs the page-token key). An error says which flag to fix.
absl::StatusOr<parley::ServerOptions> OptionsFromFlags(const std::string& data_dir) {
  parley::ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.data_dir = data_dir;
  options.admin_listen_address = absl::GetFlag(FLAGS_admin_listen);
  if (const std::string file = absl::GetFlag(FLAGS_admin_token_file); !file.empty()) {
    options.admin_token = ReadToken(file);
    if (options.admin_token.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--admin_token_file ", file, ": no token in it (write the token on the first line)"));
    }
  }
  if (const std::string file = absl::GetFlag(FLAGS_page_token_key_file); !file.empty()) {
    if (absl::Status s = parley::SetPageTokenKey(ReadToken(file)); !s.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--page_token_key_file ", file, ": ", s.message()));
    }
  }
  options.tls = {absl::GetFlag(FLAGS_tls_cert), absl::GetFlag(FLAGS_tls_key),
                 absl::GetFlag(FLAGS_tls_client_ca)};
  options.max_message_bytes = absl::GetFlag(FLAGS_max_message_bytes);
  options.max_concurrent_calls = absl::GetFlag(FLAGS_max_concurrent_calls);
  options.max_inflight_bytes = absl::GetFlag(FLAGS_max_inflight_bytes);
  options.max_streams_per_connection = absl::GetFlag(FLAGS_max_streams_per_connection);
  options.transport_memory_bytes = absl::GetFlag(FLAGS_transport_memory_bytes);
  options.accept_compressed_requests = absl::GetFlag(FLAGS_accept_compressed_requests);
  options.http2_guard = absl::GetFlag(FLAGS_http2_guard);
  options.max_premature_resets = absl::GetFlag(FLAGS_max_premature_resets);
  options.heavy_call_threads = absl::GetFlag(FLAGS_heavy_call_threads);
  if (absl::GetFlag(FLAGS_response_cache_mb) < 0) {
    return absl::InvalidArgumentError("--response_cache_mb must be 0 (none) or more");
  }
  options.response_cache_bytes = int64_t{absl::GetFlag(FLAGS_response_cache_mb)} << 20;
  options.metrics_listen_address = absl::GetFlag(FLAGS_metrics_listen);
  options.database_uri = absl::GetFlag(FLAGS_database);
  options.store_cache_dir = absl::GetFlag(FLAGS_store_cache_dir);
  return options;
}

// Waits for the blocked signals: SIGHUP reloads the corpus (rebuilt here,
// off the serving threads; calls keep using the old index until the new
// one is swapped in); SIGTERM or SIGINT is returned.
int ReloadUntilStopped(const sigset_t& signals, const std::string& data_dir,
                       parley::ParleyServer& server) {
  int signal_number = 0;
  for (;;) {
    sigwait(&signals, &signal_number);
    if (signal_number != SIGHUP) return signal_number;
    spdlog::info("SIGHUP: reloading {}", data_dir);
    absl::StatusOr<int64_t> version = server.Reload();
    if (version.ok()) {
      spdlog::info("reloaded: corpus version {} serving", *version);
    } else {
      spdlog::error("reload failed; the previous index keeps serving: {}",
                    std::string(version.status().message()));
    }
  }
}

// --migrate, --import, --export: one step on the store, then exit.
// Returns the exit code, or -1 when none of them was given.
int RunStoreCommand() {
  const std::string uri = absl::GetFlag(FLAGS_database);
  const std::string import_dir = absl::GetFlag(FLAGS_import);
  const std::string export_dir = absl::GetFlag(FLAGS_export);
  const bool migrate = absl::GetFlag(FLAGS_migrate);
  if (!migrate && import_dir.empty() && export_dir.empty()) return -1;
  if (uri.empty()) {
    std::cerr << "parley-server: --migrate, --import and --export work on a store: give "
                 "--database=postgresql://...\n";
    return 2;
  }
  if (migrate) {
    if (absl::Status s = parley::MigrateStore(uri); !s.ok()) {
      std::cerr << "parley-server --migrate: " << s.message() << "\n";
      return 1;
    }
    std::cout << "migrated: the store's schema is current\n";
  }
  if (!import_dir.empty()) {
    absl::StatusOr<parley::ImportResult> result =
        parley::ImportCorpus(import_dir, uri, absl::GetFlag(FLAGS_store_cache_dir));
    if (!result.ok()) {
      std::cerr << import_dir << ": " << result.status().message() << "\n";
      return 1;
    }
    std::cout << import_dir << ": imported " << result->files << " files as corpus version "
              << result->version << " (" << result->changes << " changes; corpus sha256 "
              << result->content_sha256.substr(0, 12) << ")\n";
  }
  if (!export_dir.empty()) {
    absl::StatusOr<int64_t> version = parley::ExportCorpus(uri, export_dir);
    if (!version.ok()) {
      std::cerr << export_dir << ": " << version.status().message() << "\n";
      return 1;
    }
    std::cout << export_dir << ": exported corpus version " << *version << "\n";
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "Serves parley.v1.LookupService over gRPC from a corpus directory (--data) or the shared "
      "PostgreSQL store (--database).\n"
      "Usage: parley-server [--listen=127.0.0.1:50051] [--data=data | --database=URI] [--check]\n"
      "       parley-server --database=URI [--migrate] [--import=DIR] [--export=DIR]");
  absl::FlagsUsageConfig usage;
  usage.version_string = [] {
    const parley::BuildInfo& build = parley::ThisBuild();
    return absl::StrCat("parley-server ", build.version, " (API parley.v1), commit ", build.commit,
                        ", ", build.compiler, "\n");
  };
  // --help lists this file's flags (Abseil's default looks for a file named
  // after the program, parley-server.cc).
  usage.contains_help_flags = [](absl::string_view path) {
    return absl::EndsWith(path, "server_main.cc");
  };
  usage.contains_helpshort_flags = usage.contains_help_flags;
  absl::SetFlagsUsageConfig(usage);
  absl::ParseCommandLine(argc, argv);
  // Debian builds Abseil without NDEBUG, which leaves absl::Mutex's deadlock
  // detection on; gRPC takes absl::Mutex on every call, and the detector's
  // bookkeeping cost measurable throughput (docs/BENCHMARKS.md).
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  if (absl::Status logging =
          parley::InstallLogging(absl::GetFlag(FLAGS_log_format), absl::GetFlag(FLAGS_log_level));
      !logging.ok()) {
    std::cerr << "parley-server: " << logging.message() << "\n";
    return 2;
  }
  const std::string data_dir = absl::GetFlag(FLAGS_data);
  if (const int code = RunStoreCommand(); code >= 0) return code;

  if (absl::GetFlag(FLAGS_check)) {
    const std::string uri = absl::GetFlag(FLAGS_database);
    const std::string what = uri.empty() ? data_dir : "the store";
    auto index = uri.empty() ? parley::Index::Load(data_dir)
                             : parley::CheckStore(uri, absl::GetFlag(FLAGS_store_cache_dir));
    if (!index.ok()) {
      std::cerr << what << ": " << index.status().message() << "\n";
      return 1;
    }
    std::cout << what << ": valid: " << Summary(**index) << "\n";
    return 0;
  }

  // Signals go to a thread of our own; block them before gRPC starts threads.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  absl::StatusOr<parley::ServerOptions> flags = OptionsFromFlags(data_dir);
  if (!flags.ok()) {
    spdlog::critical("{}", std::string(flags.status().message()));
    return 1;
  }
  const parley::ServerOptions& options = *flags;
  auto server = parley::ParleyServer::Start(options);
  if (!server.ok()) {
    spdlog::critical("{}", server.status().ToString());
    return 1;
  }
  spdlog::info(
      "listening on {} (port {}, {}); admin on {} (port {}, token {}); health "
      "NOT_SERVING while the index loads",
      options.listen_address, (*server)->port(),
      options.tls.cert_file.empty()        ? "plaintext"
      : options.tls.client_ca_file.empty() ? "TLS"
                                           : "mutual TLS",
      options.admin_listen_address.empty() ? "none" : options.admin_listen_address,
      (*server)->admin_port(), options.admin_token.empty() ? "not required" : "required");
  if (const std::string port_file = absl::GetFlag(FLAGS_port_file); !port_file.empty()) {
    if (!WritePortFile(port_file + ".admin", (*server)->admin_port()) ||
        !WritePortFile(port_file + ".metrics", (*server)->metrics_port()) ||
        !WritePortFile(port_file, (*server)->port())) {
      spdlog::critical("cannot write --port_file {}", port_file);
      return 1;
    }
  }

  // Writes the index's snapshot after a build (--snapshot_dir), beside serving.
  std::thread snapshot_writer;
  std::atomic<bool> stop_snapshot{false};
  if (options.database_uri.empty()) {
    const absl::Time load_start = absl::Now();
    const std::string snapshot_dir = absl::GetFlag(FLAGS_snapshot_dir);
    parley::SnapshotReport snapshot;
    if (!snapshot_dir.empty()) {
      // Before the load, so that the first start already leaves its content
      // stamp there (and the snapshot written after the build has a home).
      std::error_code ec;
      std::filesystem::create_directories(snapshot_dir, ec);
    }
    auto index = snapshot_dir.empty()
                     ? parley::Index::Load(data_dir)
                     : parley::LoadThroughSnapshot(data_dir, snapshot_dir, &snapshot,
                                                   absl::GetFlag(FLAGS_snapshot_content_stamp));
    if (!index.ok()) {
      spdlog::critical("cannot load corpus {}: {}", data_dir,
                       std::string(index.status().message()));
      (*server)->Shutdown(absl::ZeroDuration());
      return 1;
    }
    std::shared_ptr<const parley::Index> shared = std::move(*index);
    // Before SERVING, so that whoever sees SERVING can read why.
    if (!snapshot_dir.empty() && !snapshot.read) {
      spdlog::info("snapshot not read: {}; writing one", snapshot.not_read);
    }
    (*server)->SetIndex(shared);
    if (snapshot.read) {
      spdlog::info(
          "serving {}: {}; read from snapshot {} in {} ms (corpus hashed in {} ms{}); {}; "
          "ready {} ms after start",
          data_dir, Summary(*shared), snapshot.path, absl::ToInt64Milliseconds(snapshot.read_time),
          absl::ToInt64Milliseconds(snapshot.key_time),
          snapshot.key_from_stamp ? ", from its content stamp" : "", HeapSummary(),
          absl::ToInt64Milliseconds(absl::Now() - load_start));
    } else {
      spdlog::info("serving {}: {}; {}; ready {} ms after start", data_dir, Summary(*shared),
                   HeapSummary(), absl::ToInt64Milliseconds(absl::Now() - load_start));
    }
    if (!snapshot_dir.empty() && !snapshot.read) {
      snapshot_writer = std::thread([shared, snapshot, snapshot_dir, &stop_snapshot] {
        const absl::Time start = absl::Now();
        absl::StatusOr<bool> written =
            parley::SaveSnapshotAfterBuild(*shared, snapshot, &stop_snapshot);
        if (!written.ok()) {
          spdlog::warn("snapshot not written: {}", std::string(written.status().message()));
        } else if (*written) {
          spdlog::info("snapshot written to {} in {} ms", snapshot.path,
                       absl::ToInt64Milliseconds(absl::Now() - start));
        } else {
          spdlog::info("snapshot not written: the corpus changed while it was read");
        }
      });
    }
  } else {
    // The replica builds from the store in the background and reports
    // SERVING once it has (lookup/store_replica.h).
    spdlog::info("following the store; health NOT_SERVING until its corpus is built");
  }

  const int signal_number = ReloadUntilStopped(signals, data_dir, **server);
  spdlog::info("received signal {}; health NOT_SERVING, draining calls for up to {}", signal_number,
               absl::FormatDuration(absl::GetFlag(FLAGS_grace_period)));
  stop_snapshot = true;  // a snapshot still being written is abandoned
  (*server)->Shutdown(absl::GetFlag(FLAGS_grace_period));
  if (snapshot_writer.joinable()) snapshot_writer.join();
  spdlog::info("stopped");
  return 0;
}
