// Parley as replicas behind client-side load balancing, and its metrics:
// three servers in this process, one client whose target lists all three
// (round_robin with retries on UNAVAILABLE, from the client's service
// config); one replica is shut down mid-run. Metrics are scraped over HTTP.
#include <atomic>
#include <thread>

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "client/parley_client.h"
#include "service/grpc/server.h"
#include "tests/subprocess.h"

namespace parley {
namespace {

using ::parley::testing::HttpGet;

using ::testing::HasSubstr;

std::unique_ptr<ParleyServer> StartReplica(bool metrics = false) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.admin_listen_address = "";
  options.data_dir = PARLEY_SOURCE_DIR "/data";
  if (metrics) options.metrics_listen_address = "127.0.0.1:0";
  auto server = ParleyServer::Start(options);
  EXPECT_TRUE(server.ok()) << server.status();
  if (!server.ok()) return nullptr;
  auto index = Index::Load(options.data_dir);
  EXPECT_TRUE(index.ok());
  (*server)->SetIndex(std::move(*index));
  return std::move(*server);
}

constexpr char kGetEntity[] = "/parley.v1.LookupService/GetEntity";

TEST(ReplicasTest, OneClientSpreadsCallsOverEveryReplicaAndLosesNoneWhenOneStops) {
  std::vector<std::unique_ptr<ParleyServer>> replicas;
  std::vector<std::string> addresses;
  for (int i = 0; i < 3; ++i) {
    replicas.push_back(StartReplica());
    ASSERT_NE(replicas.back(), nullptr);
    addresses.push_back(absl::StrCat("127.0.0.1:", replicas.back()->port()));
  }
  ClientOptions options;
  options.target = "ipv4:" + absl::StrJoin(addresses, ",");
  options.deadline = absl::Seconds(10);
  ParleyClient client(options);

  // Bounded load: 4 threads x 300 calls, at most 60 s.
  constexpr int kThreads = 4, kCallsEach = 300;
  const absl::Time give_up = absl::Now() + absl::Seconds(60);
  std::atomic<int> done{0}, failed{0};
  std::vector<std::string> failures;
  std::mutex mu;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCallsEach && absl::Now() < give_up; ++i) {
        v1::GetEntityRequest request;
        request.set_id("janet-napolitano");
        v1::Entity entity;
        const absl::Status status =
            client.Call(&v1::LookupService::Stub::GetEntity, request, &entity);
        if (!status.ok() || entity.name() != "Janet Napolitano") {
          ++failed;
          std::lock_guard<std::mutex> lock(mu);
          failures.push_back(status.ToString());
        }
        ++done;
      }
    });
  }
  // Stop the second replica once a third of the calls are done.
  while (done < kThreads * kCallsEach / 3 && absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(2));
  }
  const int64_t before_stop = replicas[1]->call_metrics().calls(kGetEntity, "OK");
  replicas[1]->Shutdown(absl::Seconds(2));
  for (std::thread& t : threads) t.join();

  EXPECT_EQ(done.load(), kThreads * kCallsEach);
  EXPECT_EQ(failed.load(), 0) << absl::StrJoin(failures, "\n");
  int64_t served = 0;
  for (int i = 0; i < 3; ++i) {
    const int64_t ok = replicas[i]->call_metrics().calls(kGetEntity, "OK");
    served += ok;
    // Every replica answered a share while it was up.
    EXPECT_GT(ok, kThreads * kCallsEach / 3 / 3 / 2) << "replica " << i;
  }
  EXPECT_GT(before_stop, 0);
  // Calls refused by the stopping replica were retried elsewhere, so the
  // successes add up to the calls made.
  EXPECT_EQ(served, kThreads * kCallsEach);
}

// GET path on 127.0.0.1:port; returns the whole HTTP response.
TEST(MetricsTest, TheEndpointServesCountersThatMoveWithCalls) {
  std::unique_ptr<ParleyServer> server = StartReplica(/*metrics=*/true);
  ASSERT_NE(server, nullptr);
  ASSERT_GT(server->metrics_port(), 0);
  const std::string before = HttpGet(server->metrics_port(), "/metrics");
  ASSERT_THAT(before, HasSubstr("HTTP/1.1 200"));
  EXPECT_THAT(before, HasSubstr("text/plain; version=0.0.4"));
  EXPECT_THAT(before, HasSubstr("parley_index_generation 1\n"));
  // What is serving, and what it uses.
  EXPECT_THAT(before, HasSubstr("parley_build_info{version=\"0."));
  EXPECT_THAT(before, HasSubstr("\nprocess_resident_memory_bytes "));
  EXPECT_THAT(before, HasSubstr("\nprocess_open_fds "));
  EXPECT_THAT(before, HasSubstr("\nprocess_cpu_seconds_total "));
  EXPECT_THAT(before, HasSubstr("parley_index_entities{kind=\"person\"} 21\n"));
  EXPECT_THAT(before, HasSubstr("parley_index_events 19\n"));
  EXPECT_THAT(before, HasSubstr("parley_index_documents 5\n"));
  EXPECT_THAT(before, HasSubstr("parley_reload_failures_total 0\n"));
  EXPECT_THAT(before, Not(HasSubstr(kGetEntity)));

  ClientOptions options;
  options.target = absl::StrCat("127.0.0.1:", server->port());
  ParleyClient client(options);
  v1::GetEntityRequest request;
  request.set_id("janet-napolitano");
  v1::Entity entity;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Call(&v1::LookupService::Stub::GetEntity, request, &entity).ok());
  }
  request.set_id("nobody-at-all");
  EXPECT_EQ(client.Call(&v1::LookupService::Stub::GetEntity, request, &entity).code(),
            absl::StatusCode::kNotFound);
  ASSERT_TRUE(server->Reload().ok());

  const std::string after = HttpGet(server->metrics_port(), "/metrics");
  EXPECT_THAT(after, HasSubstr(absl::StrCat("parley_rpc_calls_total{method=\"", kGetEntity,
                                            "\",code=\"OK\"} 3\n")));
  EXPECT_THAT(after, HasSubstr(absl::StrCat("parley_rpc_calls_total{method=\"", kGetEntity,
                                            "\",code=\"NOT_FOUND\"} 1\n")));
  EXPECT_THAT(after, HasSubstr(absl::StrCat("parley_rpc_latency_seconds_count{method=\"",
                                            kGetEntity, "\"} 4\n")));
  EXPECT_THAT(after, HasSubstr(absl::StrCat("parley_rpc_latency_seconds_bucket{method=\"",
                                            kGetEntity, "\",le=\"+Inf\"} 4\n")));
  EXPECT_THAT(after, HasSubstr("parley_rpc_in_flight 0\n"));
  EXPECT_THAT(after, HasSubstr("parley_index_generation 2\n"));
  EXPECT_THAT(after, HasSubstr("parley_reloads_total 1\n"));
  EXPECT_THAT(HttpGet(server->metrics_port(), "/other"), HasSubstr("HTTP/1.1 404"));
}

TEST(RequestIdTest, TheCallersIdIsEchoedAndOneIsMadeOtherwise) {
  std::unique_ptr<ParleyServer> server = StartReplica();
  ASSERT_NE(server, nullptr);
  auto stub = v1::LookupService::NewStub(grpc::CreateChannel(
      absl::StrCat("127.0.0.1:", server->port()), grpc::InsecureChannelCredentials()));
  auto request_id = [](const grpc::ClientContext& context) {
    for (const auto* md :
         {&context.GetServerInitialMetadata(), &context.GetServerTrailingMetadata()}) {
      auto it = md->find("x-request-id");
      if (it != md->end()) return std::string(it->second.data(), it->second.size());
    }
    return std::string();
  };
  {
    grpc::ClientContext context;
    context.AddMetadata("x-request-id", "trace-42");
    v1::IndexInfo info;
    ASSERT_TRUE(stub->GetIndexInfo(&context, v1::GetIndexInfoRequest(), &info).ok());
    EXPECT_EQ(request_id(context), "trace-42");
  }
  {
    grpc::ClientContext context;  // an error answered before any metadata
    v1::Entity entity;
    EXPECT_FALSE(stub->GetEntity(&context, v1::GetEntityRequest(), &entity).ok());
    EXPECT_EQ(request_id(context).size(), 16u);
  }
}

}  // namespace
}  // namespace parley
