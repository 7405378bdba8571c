#include "service/grpc/metrics.h"

#include <cstring>

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace parley {
namespace {

MHD_Result AnswerMetrics(void* cls, MHD_Connection* connection, const char* url, const char* method,
                         const char* /*version*/, const char* /*upload_data*/,
                         size_t* /*upload_data_size*/, void** /*request_state*/) {
  const auto* endpoint = static_cast<const MetricsEndpoint*>(cls);
  const bool found = std::strcmp(url, "/metrics") == 0;
  const bool get = std::strcmp(method, "GET") == 0 || std::strcmp(method, "HEAD") == 0;
  const std::string body = !get    ? std::string("only GET /metrics is served\n")
                           : found ? endpoint->Render()
                                   : std::string("not found: metrics are at /metrics\n");
  MHD_Response* response = MHD_create_response_from_buffer(
      body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  MHD_add_response_header(
      response, "Content-Type",
      found && get ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8");
  const unsigned int code = !get    ? MHD_HTTP_METHOD_NOT_ALLOWED
                            : found ? MHD_HTTP_OK
                                    : MHD_HTTP_NOT_FOUND;
  const MHD_Result result = MHD_queue_response(connection, code, response);
  MHD_destroy_response(response);
  return result;
}

}  // namespace

void CallMetrics::CallFinished(absl::string_view method, absl::string_view code,
                               absl::Duration latency) {
  in_flight_.fetch_sub(1, std::memory_order_relaxed);
  const double seconds = absl::ToDoubleSeconds(latency);
  size_t bucket = 0;
  while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
  std::lock_guard<std::mutex> lock(mu_);
  PerMethod& m = methods_[std::string(method)];
  ++m.calls_by_code[std::string(code)];
  ++m.buckets[bucket];
  m.sum_seconds += seconds;
  ++m.count;
}

int64_t CallMetrics::calls(absl::string_view method, absl::string_view code) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = methods_.find(std::string(method));
  if (it == methods_.end()) return 0;
  auto c = it->second.calls_by_code.find(std::string(code));
  return c == it->second.calls_by_code.end() ? 0 : c->second;
}

std::string CallMetrics::Render() const {
  std::string out =
      "# HELP parley_rpc_calls_total Calls finished, by gRPC method and status code.\n"
      "# TYPE parley_rpc_calls_total counter\n";
  std::string histogram =
      "# HELP parley_rpc_latency_seconds Time from a call's start to its status, by method.\n"
      "# TYPE parley_rpc_latency_seconds histogram\n";
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [method, m] : methods_) {
      for (const auto& [code, n] : m.calls_by_code) {
        absl::StrAppend(&out, "parley_rpc_calls_total{method=\"", method, "\",code=\"", code,
                        "\"} ", n, "\n");
      }
      int64_t cumulative = 0;
      for (size_t b = 0; b <= kBuckets.size(); ++b) {
        cumulative += m.buckets[b];
        const std::string le = b < kBuckets.size() ? absl::StrCat(kBuckets[b]) : "+Inf";
        absl::StrAppend(&histogram, "parley_rpc_latency_seconds_bucket{method=\"", method,
                        "\",le=\"", le, "\"} ", cumulative, "\n");
      }
      absl::StrAppend(&histogram, "parley_rpc_latency_seconds_sum{method=\"", method, "\"} ",
                      absl::StrFormat("%.9f", m.sum_seconds), "\n",
                      "parley_rpc_latency_seconds_count{method=\"", method, "\"} ", m.count, "\n");
    }
  }
  absl::StrAppend(&out, histogram,
                  "# HELP parley_rpc_in_flight Calls being handled now.\n"
                  "# TYPE parley_rpc_in_flight gauge\n"
                  "parley_rpc_in_flight ",
                  in_flight_.load(std::memory_order_relaxed), "\n");
  return out;
}

absl::StatusOr<std::unique_ptr<MetricsEndpoint>> MetricsEndpoint::Start(
    absl::string_view address, std::function<std::string()> render) {
  const size_t colon = address.rfind(':');
  int port = -1;
  if (colon == absl::string_view::npos || !absl::SimpleAtoi(address.substr(colon + 1), &port) ||
      port < 0 || port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat(
        "metrics address \"", address, "\" is malformed: use host:port, e.g. 0.0.0.0:9464"));
  }
  sockaddr_in addr;
  std::memset(&addr, 0, sizeof(addr));
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  std::string host(address.substr(0, colon));
  if (host == "localhost") host = "127.0.0.1";
  if (inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "metrics address \"", address, "\": the host must be an IPv4 address such as 0.0.0.0"));
  }
  std::unique_ptr<MetricsEndpoint> endpoint(new MetricsEndpoint());
  endpoint->render_ = std::move(render);
  endpoint->daemon_ = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, static_cast<uint16_t>(port), nullptr,
      nullptr, &AnswerMetrics, endpoint.get(), MHD_OPTION_SOCK_ADDR,
      reinterpret_cast<const sockaddr*>(&addr), MHD_OPTION_CONNECTION_TIMEOUT, 10u, MHD_OPTION_END);
  if (endpoint->daemon_ == nullptr) {
    return absl::UnavailableError(
        absl::StrCat("cannot serve metrics on ", address, ": the address is in use or not local"));
  }
  const MHD_DaemonInfo* info = MHD_get_daemon_info(endpoint->daemon_, MHD_DAEMON_INFO_BIND_PORT);
  endpoint->port_ = info != nullptr ? info->port : port;
  return endpoint;
}

MetricsEndpoint::~MetricsEndpoint() {
  if (daemon_ != nullptr) MHD_stop_daemon(daemon_);
}

}  // namespace parley
