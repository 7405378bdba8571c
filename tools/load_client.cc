// load_client: an RPC load generator for Parley (gRPC async API, one
// completion queue, loopback use). Two modes:
//   closed loop: --concurrency calls always outstanding (throughput)
//   open loop:   --rate calls per second on a fixed schedule, latency counted
//                from each call's planned start (no coordinated omission)
// Bounded by --duration and --max_calls. Reports QPS, p50/p90/p99/p99.9
// latency and every non-OK status; --csv prints one machine-readable line.
//
//   load_client --target=127.0.0.1:50051 --rpc=GetEntity --concurrency=8 --duration=5s
//   load_client --rpc=health --mode=open --rate=20000 --duration=5s
//
// --rpc: health (grpc.health.v1.Health/Check, the floor), GetEntity,
// SearchEntities (an exact name), ListEvents, SearchDocuments, LinkMentions,
// GetIndexInfo.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/byte_buffer.h>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "grpc/health/v1/health.pb.h"
#include "parley/v1/lookup_service.pb.h"

ABSL_FLAG(std::string, target, "127.0.0.1:50051", "Server address (any gRPC target)");
ABSL_FLAG(std::string, rpc, "health",
          "health, GetEntity, SearchEntities, ListEvents, "
          "SearchDocuments, LinkMentions or GetIndexInfo");
ABSL_FLAG(std::string, mode, "closed", "closed (fixed concurrency) or open (fixed rate)");
ABSL_FLAG(int32_t, concurrency, 8, "closed: calls outstanding at all times");
ABSL_FLAG(double, rate, 1000, "open: calls per second");
ABSL_FLAG(int32_t, connections, 1, "Channels (TCP connections) to spread calls over");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(5), "How long to send calls");
ABSL_FLAG(absl::Duration, warmup, absl::Milliseconds(500), "Calls not counted at the start");
ABSL_FLAG(int64_t, max_calls, 10000000, "Stop after this many calls");
ABSL_FLAG(int32_t, text_bytes, 0,
          "LinkMentions: repeat the news sentence to about this many bytes (0: once)");
ABSL_FLAG(absl::Duration, deadline, absl::Seconds(5), "Deadline of each call");
ABSL_FLAG(std::string, id, "janet-napolitano", "GetEntity: the id");
ABSL_FLAG(std::string, query, "Janet Napolitano", "SearchEntities/SearchDocuments: the query");
ABSL_FLAG(bool, csv, false,
          "Print one CSV line: rpc,mode,concurrency,offered,qps,p50,p90,p99,p999,errors");

namespace {

using Clock = std::chrono::steady_clock;

struct Method {
  std::string path;
  std::string request;  // serialized
};

Method MethodFor(const std::string& rpc) {
  Method m;
  if (rpc == "health") {
    m.path = "/grpc.health.v1.Health/Check";
    m.request = grpc::health::v1::HealthCheckRequest().SerializeAsString();
  } else if (rpc == "GetEntity") {
    parley::v1::GetEntityRequest r;
    r.set_id(absl::GetFlag(FLAGS_id));
    m.request = r.SerializeAsString();
  } else if (rpc == "SearchEntities") {
    parley::v1::SearchEntitiesRequest r;
    r.set_query(absl::GetFlag(FLAGS_query));
    r.set_page_size(10);
    m.request = r.SerializeAsString();
  } else if (rpc == "ListEvents") {
    parley::v1::ListEventsRequest r;
    r.mutable_filter()->add_topics("cyber");
    m.request = r.SerializeAsString();
  } else if (rpc == "SearchDocuments") {
    parley::v1::SearchDocumentsRequest r;
    r.set_query(absl::GetFlag(FLAGS_query));
    m.request = r.SerializeAsString();
  } else if (rpc == "LinkMentions") {
    parley::v1::LinkMentionsRequest r;
    const std::string sentence =
        "Janet Napolitano met P Chidambaram and officials of CERT-In in New Delhi. ";
    std::string text = sentence;
    while (text.size() + sentence.size() <= static_cast<size_t>(absl::GetFlag(FLAGS_text_bytes))) {
      text += sentence;
    }
    r.set_text(text);
    m.request = r.SerializeAsString();
  } else if (rpc == "GetIndexInfo") {
    m.request = parley::v1::GetIndexInfoRequest().SerializeAsString();
  } else {
    return m;
  }
  if (m.path.empty()) m.path = "/parley.v1.LookupService/" + rpc;
  return m;
}

struct Call {
  grpc::ClientContext context;
  grpc::ByteBuffer response;
  grpc::Status status;
  std::unique_ptr<grpc::GenericClientAsyncResponseReader> reader;
  Clock::time_point start;  // planned start in open loop
};

// Prints the run's rate, latency percentiles and errors (a CSV row with
// --csv); the exit code: 0 when no call failed.
int Report(const std::string& rpc, bool open, int concurrency, double rate,
           std::vector<double> latencies_us, const std::map<int, int64_t>& errors) {
  std::sort(latencies_us.begin(), latencies_us.end());
  auto pct = [&](double p) {
    if (latencies_us.empty()) return 0.0;
    size_t i = static_cast<size_t>(p / 100.0 * (latencies_us.size() - 1) + 0.5);
    return latencies_us[std::min(i, latencies_us.size() - 1)];
  };
  const double seconds = absl::ToDoubleSeconds(absl::GetFlag(FLAGS_duration));
  const double qps = latencies_us.size() / seconds;
  int64_t error_count = 0;
  for (const auto& [code, count] : errors) error_count += count;
  if (absl::GetFlag(FLAGS_csv)) {
    std::printf("%s,%s,%d,%.0f,%.0f,%.1f,%.1f,%.1f,%.1f,%lld\n", rpc.c_str(),
                open ? "open" : "closed", open ? 0 : concurrency, open ? rate : 0.0, qps, pct(50),
                pct(90), pct(99), pct(99.9), static_cast<long long>(error_count));
  } else {
    std::printf(
        "%s %s-loop %s: %lld ok calls in %.1f s = %.0f calls/s; latency us p50 %.1f "
        "p90 %.1f p99 %.1f p99.9 %.1f; %lld errors\n",
        rpc.c_str(), open ? "open" : "closed",
        open ? absl::StrCat(rate, " calls/s offered").c_str()
             : absl::StrCat(concurrency, " outstanding").c_str(),
        static_cast<long long>(latencies_us.size()), seconds, qps, pct(50), pct(90), pct(99),
        pct(99.9), static_cast<long long>(error_count));
    for (const auto& [code, count] : errors) {
      std::printf("  status %d: %lld call(s)\n", code, static_cast<long long>(count));
    }
  }
  return error_count == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("RPC load generator for Parley (see the header of load_client.cc)");
  absl::ParseCommandLine(argc, argv);
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);  // see server_main.cc
  const std::string rpc = absl::GetFlag(FLAGS_rpc);
  const Method method = MethodFor(rpc);
  if (method.path.empty()) {
    std::cerr << "load_client: unknown --rpc " << rpc << "\n";
    return 2;
  }
  const bool open = absl::GetFlag(FLAGS_mode) == "open";
  if (!open && absl::GetFlag(FLAGS_mode) != "closed") {
    std::cerr << "load_client: --mode is closed or open\n";
    return 2;
  }
  const int concurrency = std::max(1, absl::GetFlag(FLAGS_concurrency));
  const double rate = absl::GetFlag(FLAGS_rate);
  if (open && rate <= 0) {
    std::cerr << "load_client: --rate must be positive\n";
    return 2;
  }

  std::vector<std::unique_ptr<grpc::GenericStub>> stubs;
  for (int c = 0; c < std::max(1, absl::GetFlag(FLAGS_connections)); ++c) {
    grpc::ChannelArguments args;
    args.SetInt("load-client-channel", c);  // distinct channels, distinct connections
    auto channel = grpc::CreateCustomChannel(absl::GetFlag(FLAGS_target),
                                             grpc::InsecureChannelCredentials(), args);
    if (!channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(5))) {
      std::cerr << "load_client: cannot connect to " << absl::GetFlag(FLAGS_target) << "\n";
      return 5;
    }
    stubs.push_back(std::make_unique<grpc::GenericStub>(channel));
  }
  const grpc::Slice request_slice(method.request);
  grpc::CompletionQueue cq;
  const auto call_deadline = absl::ToChronoMilliseconds(absl::GetFlag(FLAGS_deadline));
  int64_t started = 0;
  auto start_call = [&](Clock::time_point planned) {
    auto* call = new Call;
    call->start = planned;
    call->context.set_deadline(std::chrono::system_clock::now() + call_deadline);
    grpc::ByteBuffer request(&request_slice, 1);
    call->reader =
        stubs[started % stubs.size()]->PrepareUnaryCall(&call->context, method.path, request, &cq);
    call->reader->StartCall();
    call->reader->Finish(&call->response, &call->status, call);
    ++started;
  };

  const Clock::time_point begin = Clock::now();
  const Clock::time_point measure_from =
      begin + absl::ToChronoNanoseconds(absl::GetFlag(FLAGS_warmup));
  const Clock::time_point end =
      measure_from + absl::ToChronoNanoseconds(absl::GetFlag(FLAGS_duration));
  const int64_t max_calls = absl::GetFlag(FLAGS_max_calls);
  std::vector<double> latencies_us;
  latencies_us.reserve(1 << 20);
  std::map<int, int64_t> errors;  // status code -> count
  int64_t outstanding = 0, measured = 0;
  const auto interval = std::chrono::nanoseconds(static_cast<int64_t>(1e9 / std::max(rate, 1e-9)));
  Clock::time_point next_send = begin;

  if (!open) {
    for (int i = 0; i < concurrency; ++i, ++outstanding) start_call(Clock::now());
  }
  while (true) {
    const Clock::time_point now = Clock::now();
    const bool sending = now < end && started < max_calls;
    if (open && sending) {
      while (next_send <= now && started < max_calls) {  // catch up on the schedule
        start_call(next_send);
        ++outstanding;
        next_send += interval;
      }
    }
    if (!sending && outstanding == 0) break;
    void* tag;
    bool ok;
    const auto wait_until = open && sending ? next_send : now + std::chrono::milliseconds(100);
    const grpc::CompletionQueue::NextStatus st =
        cq.AsyncNext(&tag, &ok, std::chrono::system_clock::now() + (wait_until - Clock::now()));
    if (st == grpc::CompletionQueue::TIMEOUT) continue;
    if (st == grpc::CompletionQueue::SHUTDOWN) break;
    auto* call = static_cast<Call*>(tag);
    --outstanding;
    const Clock::time_point done = Clock::now();
    if (call->start >= measure_from && done <= end + std::chrono::seconds(10)) {
      ++measured;
      if (call->status.ok()) {
        latencies_us.push_back(
            std::chrono::duration<double, std::micro>(done - call->start).count());
      } else {
        ++errors[call->status.error_code()];
      }
    }
    delete call;
    if (!open && Clock::now() < end && started < max_calls) {
      start_call(Clock::now());
      ++outstanding;
    }
  }
  cq.Shutdown();

  return Report(rpc, open, concurrency, rate, std::move(latencies_us), errors);
}
