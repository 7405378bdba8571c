// Call metrics in the Prometheus text exposition format (version 0.0.4),
// and a tiny HTTP endpoint (libmicrohttpd) that serves them at /metrics.
//
// CallMetrics counts calls by method and status code, keeps a latency
// histogram per method and the number of calls in flight. Gauges that
// describe the index (generation, counts, build time, reloads) are read at
// scrape time through a callback, so nothing has to push them.
//
// (prometheus-cpp, the usual library, is not packaged in Debian 12; the text
// format is small and stable, so it is written here.)
//
// Thread-safety: all methods are thread-safe.
#ifndef PARLEY_SERVICE_GRPC_METRICS_H_
#define PARLEY_SERVICE_GRPC_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

struct MHD_Daemon;  // libmicrohttpd

namespace parley {

class CallMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implied).
  static constexpr std::array<double, 14> kBuckets = {
      0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5};

  void CallStarted() { in_flight_.fetch_add(1, std::memory_order_relaxed); }
  // method: the full gRPC method ("/parley.v1.LookupService/GetEntity");
  // code: the status code's name ("OK", "NOT_FOUND").
  void CallFinished(absl::string_view method, absl::string_view code, absl::Duration latency);

  // The exposition text of the call metrics.
  std::string Render() const;

  int64_t calls(absl::string_view method, absl::string_view code) const;

 private:
  struct PerMethod {
    std::map<std::string, int64_t> calls_by_code;
    std::array<int64_t, kBuckets.size() + 1> buckets{};  // last: +Inf
    double sum_seconds = 0;
    int64_t count = 0;
  };
  std::atomic<int64_t> in_flight_{0};
  mutable std::mutex mu_;
  std::map<std::string, PerMethod> methods_;  // guarded by mu_
};

// Serves GET /metrics on an address such as "127.0.0.1:9464" or
// "0.0.0.0:9464" (port 0 picks a free port) with the text of render().
class MetricsEndpoint {
 public:
  // Errors: INVALID_ARGUMENT for a malformed address, UNAVAILABLE if it
  // cannot be bound.
  [[nodiscard]] static absl::StatusOr<std::unique_ptr<MetricsEndpoint>> Start(
      absl::string_view address, std::function<std::string()> render);
  ~MetricsEndpoint();

  int port() const { return port_; }
  std::string Render() const { return render_(); }

 private:
  MetricsEndpoint() = default;

  ::MHD_Daemon* daemon_ = nullptr;
  std::function<std::string()> render_;
  int port_ = 0;
};

}  // namespace parley

#endif  // PARLEY_SERVICE_GRPC_METRICS_H_
