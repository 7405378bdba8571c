// Load and soak: several clients, each on its own connection, mix every read
// RPC against the real server in-process while the index is rebuilt from a
// changing corpus every second. Every answer must equal what the index of
// the generation that answered (response metadata) gives for that request,
// no call may fail, and the heap must not grow across reloads.
//
// Bounded: PARLEY_SOAK_SECONDS (default 4) and PARLEY_SOAK_CLIENTS (default
// 4) set its length and width; every loop also stops at a hard time limit.
// It prints what it did; CI runs the short form, a soak is e.g.
//   PARLEY_SOAK_SECONDS=600 build/tests/soak_test
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>
#include <malloc.h>
#include <stdlib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "google/protobuf/util/message_differencer.h"
#include "service/grpc/server.h"
#include "service/lookup/lookup.h"

namespace parley {
namespace {

namespace fs = std::filesystem;
using S = v1::LookupService::Stub;

int EnvInt(const char* name, int fallback) {
  const char* value = getenv(name);
  int parsed;
  return value != nullptr && absl::SimpleAtoi(value, &parsed) && parsed > 0 ? parsed : fallback;
}

// Heap bytes in use (glibc); 0 under sanitizers, whose allocators differ.
size_t HeapInUse() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return 0;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  return 0;
#else
  return mallinfo2().uordblks;
#endif
#else
  return mallinfo2().uordblks;
#endif
}

// Peak resident set size of this process, from /proc.
long PeakRssKib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

// One kind of call: how to make it over gRPC and what the index says.
struct Probe {
  std::string name;
  // Calls the server; sets *generation from the response metadata and
  // returns the serialized response.
  std::function<grpc::Status(S*, uint64_t* generation, std::string* response)> call;
  // The answer of a Lookup, serialized.
  std::function<std::string(const Lookup&)> expect;
};

template <typename Request, typename Response>
Probe MakeProbe(std::string name, Request request,
                grpc::Status (S::*rpc)(grpc::ClientContext*, const Request&, Response*),
                std::function<absl::Status(const Lookup&, const Request&, Response*)> local) {
  Probe probe;
  probe.name = std::move(name);
  probe.call = [request, rpc](S* stub, uint64_t* generation, std::string* out) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    Response response;
    grpc::Status status = (stub->*rpc)(&context, request, &response);
    auto it = context.GetServerInitialMetadata().find(kGenerationMetadata);
    *generation = 0;
    if (it != context.GetServerInitialMetadata().end()) {
      (void)absl::SimpleAtoi(absl::string_view(it->second.data(), it->second.size()), generation);
    }
    response.SerializeToString(out);
    return status;
  };
  probe.expect = [request, local](const Lookup& lookup) {
    Response response;
    EXPECT_TRUE(local(lookup, request, &response).ok());
    std::string out;
    response.SerializeToString(&out);
    return out;
  };
  return probe;
}

#define PARLEY_PROBE(name, Method, request)                                                  \
  MakeProbe<v1::Method##Request, std::remove_pointer_t<decltype(LastArg(&Lookup::Method))>>( \
      name, request, &S::Method,                                                             \
      [](const Lookup& l, const auto& r, auto* out) { return l.Method(r, out); })

template <typename R, typename Req, typename Resp>
Resp* LastArg(R (Lookup::*)(const Req&, Resp*) const);
template <typename R, typename Req, typename Resp, typename X>
Resp* LastArg(R (Lookup::*)(const Req&, Resp*, X) const);

std::vector<Probe> Probes() {
  v1::GetEntityRequest entity;
  entity.set_id("janet-napolitano");
  v1::BatchGetEntitiesRequest batch;
  for (const char* id : {"p-chidambaram", "kapil-sibal", "united-states"}) batch.add_ids(id);
  v1::SearchEntitiesRequest search;
  search.set_query("Chidambram");
  v1::SearchEntitiesRequest prefix;
  prefix.set_query("Kri");
  v1::GetEventRequest event;
  event.set_id("2011-05-27-homeland-security-dialogue-launch");
  v1::ListEventsRequest events;
  events.mutable_filter()->add_topics("cyber");
  events.set_page_size(200);
  v1::ListParticipationsRequest participations;
  participations.set_page_size(500);
  v1::ListConnectionsRequest connections;
  connections.set_entity_id("janet-napolitano");
  connections.set_page_size(500);
  v1::GetDocumentRequest document;
  document.set_id("wire-2015-painter");
  v1::ListDocumentsRequest documents;
  documents.set_page_size(200);
  v1::ListMentionsRequest mentions;
  mentions.set_entity_id("janet-napolitano");
  mentions.set_page_size(500);
  v1::SearchDocumentsRequest docs;
  docs.set_query("cyber security");
  docs.set_page_size(100);
  v1::SearchDocumentsRequest quantum;  // found only in the even generations
  quantum.set_query("quantum-safe");
  v1::LinkMentionsRequest link;
  link.set_text("Janet Napolitano met P Chidambaram and officials of CERT-In.");
  v1::BatchLinkMentionsRequest batch_link;
  *batch_link.add_requests() = link;
  batch_link.add_requests()->set_text("Kristie Canegallo spoke in Washington.");
  return {
      PARLEY_PROBE("GetEntity", GetEntity, entity),
      PARLEY_PROBE("BatchGetEntities", BatchGetEntities, batch),
      PARLEY_PROBE("SearchEntities fuzzy", SearchEntities, search),
      PARLEY_PROBE("SearchEntities prefix", SearchEntities, prefix),
      PARLEY_PROBE("GetEvent", GetEvent, event),
      PARLEY_PROBE("ListEvents", ListEvents, events),
      PARLEY_PROBE("ListParticipations", ListParticipations, participations),
      PARLEY_PROBE("ListConnections", ListConnections, connections),
      PARLEY_PROBE("GetDocument", GetDocument, document),
      PARLEY_PROBE("ListDocuments", ListDocuments, documents),
      PARLEY_PROBE("ListTopics", ListTopics, v1::ListTopicsRequest()),
      PARLEY_PROBE("ListMentions", ListMentions, mentions),
      PARLEY_PROBE("SearchDocuments", SearchDocuments, docs),
      PARLEY_PROBE("SearchDocuments new article", SearchDocuments, quantum),
      PARLEY_PROBE("LinkMentions", LinkMentions, link),
      MakeProbe<v1::BatchLinkMentionsRequest, v1::BatchLinkMentionsResponse>(
          "BatchLinkMentions", batch_link, &S::BatchLinkMentions,
          [](const Lookup& l, const auto& r, auto* out) { return l.BatchLinkMentions(r, out); }),
  };
}

TEST(SoakTest, MixedReadsDuringReloadsEverySecondAllSucceedAndMatchTheirGeneration) {
  const int seconds = EnvInt("PARLEY_SOAK_SECONDS", 4);
  const int clients = EnvInt("PARLEY_SOAK_CLIENTS", 4);
  char tmpl[] = "/tmp/parley-soak-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  fs::copy(PARLEY_SOURCE_DIR "/data", dir, fs::copy_options::recursive);
  const std::string extra = dir + "/articles/zz-extra.txt";
  auto set_extra = [&](bool present) {
    if (!present) {
      fs::remove(extra);
      return;
    }
    std::ofstream(extra) << "Janet Napolitano and CERT-In discussed quantum-safe encryption.\n";
  };

  // The expected answers of both corpus states: odd generations have no extra
  // article, even ones have it.
  std::vector<Probe> probes = Probes();
  std::vector<std::string> expected[2];
  // Heap held by one index generation: the smaller of the two states, so
  // that keeping a single generation of either shows.
  size_t index_bytes = SIZE_MAX;
  for (bool present : {false, true}) {
    set_extra(present);
    const size_t heap_without = HeapInUse();
    auto index = Index::Load(dir);
    index_bytes = std::min(index_bytes, HeapInUse() - heap_without);
    ASSERT_TRUE(index.ok()) << index.status();
    Lookup lookup(std::shared_ptr<const Index>(std::move(*index)));
    for (const Probe& p : probes) expected[present].push_back(p.expect(lookup));
  }
  int differ = 0;
  for (size_t i = 0; i < probes.size(); ++i) differ += expected[0][i] != expected[1][i];
  ASSERT_GE(differ, 4) << "the two corpus states should answer differently";

  set_extra(false);
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.admin_listen_address = "";
  options.data_dir = dir;
  auto server = ParleyServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  ASSERT_TRUE((*server)->Reload().ok());  // generation 1, no extra article
  // Two quiet reloads so that caches and arenas reach their steady size.
  set_extra(true);
  ASSERT_EQ(*(*server)->Reload(), 2u);
  set_extra(false);
  ASSERT_EQ(*(*server)->Reload(), 3u);
  const size_t heap_before = HeapInUse();

  std::atomic<bool> stop{false};
  std::atomic<int64_t> calls{0}, failures{0}, mismatches{0}, reloads{0};
  absl::Mutex mu;
  std::vector<std::string> problems;  // first few, for the report
  auto note = [&](std::string problem) {
    absl::MutexLock lock(&mu);
    if (problems.size() < 10) problems.push_back(std::move(problem));
  };
  const absl::Time hard_stop = absl::Now() + absl::Seconds(seconds + 60);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      grpc::ChannelArguments args;
      args.SetInt("parley-client", c);  // a connection of its own
      auto channel = grpc::CreateCustomChannel(absl::StrCat("127.0.0.1:", (*server)->port()),
                                               grpc::InsecureChannelCredentials(), args);
      // Connected before the first call: what is measured is reads during
      // reloads, not a first connect that failed once on a loaded machine
      // and waits out gRPC's reconnect backoff (seen in CI: every call of
      // one client "failed to connect to all addresses").
      channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(30));
      auto stub = v1::LookupService::NewStub(channel);
      for (size_t i = c; !stop && absl::Now() < hard_stop; ++i) {
        const Probe& probe = probes[i % probes.size()];
        uint64_t generation = 0;
        std::string response;
        const grpc::Status status = probe.call(stub.get(), &generation, &response);
        ++calls;
        if (!status.ok()) {
          ++failures;
          note(absl::StrCat(probe.name, ": ", status.error_code(), " ", status.error_message()));
        } else if (generation == 0 ||
                   response != expected[generation % 2 == 0][i % probes.size()]) {
          ++mismatches;
          note(absl::StrCat(probe.name, ": answer not that of generation ", generation));
        }
      }
    });
  }
  // The reloader: flips the corpus and rebuilds every second.
  const absl::Time end = absl::Now() + absl::Seconds(seconds);
  bool present = false;
  while (absl::Now() < end) {
    absl::SleepFor(std::min(absl::Seconds(1), end - absl::Now()));
    present = !present;
    set_extra(present);
    absl::StatusOr<uint64_t> generation = (*server)->Reload();
    ASSERT_TRUE(generation.ok()) << generation.status();
    EXPECT_EQ(*generation % 2 == 0, present);
    ++reloads;
  }
  stop = true;
  for (std::thread& t : threads) t.join();
  // Back to the state of the "before" measurement, one more quiet reload.
  set_extra(false);
  absl::StatusOr<uint64_t> last = (*server)->Reload();
  ASSERT_TRUE(last.ok());
  if (*last % 2 == 0) {  // keep the parity of generation 3's state
    ASSERT_TRUE((*server)->Reload().ok());
  }
  const size_t heap_after = HeapInUse();
  const long peak_kib = PeakRssKib();
  server->reset();
  fs::remove_all(dir);

  std::printf(
      "soak: %d client(s) for %d s: %lld calls (%.0f/s), %lld reloads, %lld failed, "
      "%lld inconsistent; heap in use %.2f MiB before, %.2f MiB after (one index: %.2f MiB); "
      "peak RSS %.1f MiB\n",
      clients, seconds, static_cast<long long>(calls.load()), calls.load() / double(seconds),
      static_cast<long long>(reloads.load()), static_cast<long long>(failures.load()),
      static_cast<long long>(mismatches.load()), heap_before / 1048576.0, heap_after / 1048576.0,
      index_bytes / 1048576.0, peak_kib / 1024.0);
  for (const std::string& p : problems) std::printf("  %s\n", p.c_str());
  ::testing::Test::RecordProperty("calls", static_cast<int>(calls.load()));
  ::testing::Test::RecordProperty("reloads", static_cast<int>(reloads.load()));
  ::testing::Test::RecordProperty("peak_rss_kib", static_cast<int>(peak_kib));

  EXPECT_GT(calls.load(), static_cast<int64_t>(probes.size()));
  EXPECT_GE(reloads.load(), std::min(seconds, 3));
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(mismatches.load(), 0);
  // Old generations are freed: the heap grew by less than half an index and
  // what gRPC keeps (its buffers took about 0.26 MiB here), whatever the
  // number of reloads; a single generation kept would add a whole index.
  constexpr size_t kGrpcBuffers = 384 * 1024;
  if (heap_before != 0) {
    EXPECT_LT(heap_after, heap_before + index_bytes / 2 + kGrpcBuffers)
        << "heap grew across " << reloads.load() << " reloads";
  }
}

}  // namespace
}  // namespace parley
