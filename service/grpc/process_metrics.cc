#include "service/grpc/process_metrics.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include <sys/resource.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "parley_build_info.h"  // generated: PARLEY_VERSION, PARLEY_COMMIT

namespace parley {
namespace {

void Metric(std::string* out, const char* name, const char* help, const char* type, double value) {
  absl::StrAppend(out, "# HELP ", name, " ", help, "\n# TYPE ", name, " ", type, "\n", name, " ",
                  value, "\n");
}

// The fields of /proc/self/stat after the command name (which may hold spaces).
std::vector<std::string> StatFields() {
  std::ifstream in("/proc/self/stat");
  std::string line;
  if (!std::getline(in, line)) return {};
  const size_t close = line.rfind(')');
  if (close == std::string::npos || close + 2 >= line.size()) return {};
  return absl::StrSplit(line.substr(close + 2), ' ', absl::SkipEmpty());
}

}  // namespace

const BuildInfo& ThisBuild() {
  static const BuildInfo* const kBuild =
      new BuildInfo{PARLEY_VERSION, PARLEY_COMMIT, absl::StrCat("gcc ", __VERSION__)};
  return *kBuild;
}

std::string RenderProcessMetrics() {
  const BuildInfo& build = ThisBuild();
  std::string out = absl::StrCat(
      "# HELP parley_build_info The build serving: version, commit, compiler.\n"
      "# TYPE parley_build_info gauge\n"
      "parley_build_info{version=\"",
      build.version, "\",commit=\"", build.commit, "\",compiler=\"", build.compiler, "\"} 1\n");
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  // Fields from state (3rd of stat): utime 14, stime 15, starttime 22, vsize 23, rss 24.
  const std::vector<std::string> stat = StatFields();
  if (stat.size() > 21 && ticks > 0) {
    Metric(&out, "process_cpu_seconds_total", "User and system CPU time spent, in seconds.",
           "counter", (std::stod(stat[11]) + std::stod(stat[12])) / ticks);
    Metric(&out, "process_virtual_memory_bytes", "Virtual memory size in bytes.", "gauge",
           std::stod(stat[20]));
    Metric(&out, "process_resident_memory_bytes", "Resident memory size in bytes.", "gauge",
           std::stod(stat[21]) * page);
    std::ifstream uptime_in("/proc/uptime");
    double uptime = 0;
    if (uptime_in >> uptime) {
      const double boot = static_cast<double>(time(nullptr)) - uptime;
      Metric(&out, "process_start_time_seconds", "Start time of the process since the epoch.",
             "gauge", boot + std::stod(stat[19]) / ticks);
    }
  }
  std::error_code error;
  size_t fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    ++fds;
  }
  if (!error) Metric(&out, "process_open_fds", "Open file descriptors.", "gauge", fds);
  rlimit limit;
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    Metric(&out, "process_max_fds", "Maximum number of open file descriptors.", "gauge",
           static_cast<double>(limit.rlim_cur));
  }
  return out;
}

}  // namespace parley
