// What the server is and what it uses, in the Prometheus text format:
// parley_build_info{version, commit, compiler} 1, and the process metrics
// every Prometheus client library exports (process_resident_memory_bytes,
// process_virtual_memory_bytes, process_cpu_seconds_total,
// process_open_fds, process_max_fds, process_start_time_seconds), read
// from /proc/self (Linux); a file that cannot be read leaves its metric out.
//
// Thread-safety: reads files only; safe from any thread.
#ifndef PARLEY_SERVICE_GRPC_PROCESS_METRICS_H_
#define PARLEY_SERVICE_GRPC_PROCESS_METRICS_H_

#include <string>

namespace parley {

// "0.1.0", the commit the build was configured at ("unknown" outside a git
// checkout), and the compiler.
struct BuildInfo {
  std::string version;
  std::string commit;
  std::string compiler;
};
const BuildInfo& ThisBuild();

std::string RenderProcessMetrics();

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_PROCESS_METRICS_H_
