// PostgreSQL as the shared store, end to end: a real PostgreSQL 15 cluster
// (tests/postgres_cluster.h), real parley-server replicas as child
// processes, the real CLI. Import and export, ingestion through one
// replica served by all, page tokens across replicas, the store going
// away and coming back, review through the CLI, and the change feed.
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "parley/v1/admin_service.grpc.pb.h"
#include "parley/v1/lookup_service.grpc.pb.h"
#include "tests/postgres_cluster.h"
#include "tests/subprocess.h"

namespace parley::testing {
namespace {

using ::testing::HasSubstr;

const std::string kServer = PARLEY_SERVER_BIN;
const std::string kCli = PARLEY_CLI_BIN;
const std::string kData = PARLEY_SOURCE_DIR "/data";

// The article of cli_extraction_test: the extractor finds two officials and
// their talks in it.
constexpr char kTalks[] =
    "---\ntitle: India, US hold homeland security talks\npublished: 2026-11-19\n---\n"
    "New Delhi: Indian Home Secretary Govind Mohan and US Deputy Secretary of Homeland "
    "Security Troy Edgar held talks on cyber security on Wednesday. Mohan said the two "
    "sides would meet again next year.\n";

class StoreTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<PostgresCluster>> cluster = PostgresCluster::Start();
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    cluster_ = cluster->release();
  }
  static void TearDownTestSuite() {
    delete cluster_;
    cluster_ = nullptr;
  }

  void SetUp() override {
    ASSERT_NE(cluster_, nullptr);
    // Every test starts from the bundled corpus (an import replaces all).
    RunResult imported =
        RunCommand({kServer, "--database=" + cluster_->uri(), "--migrate", "--import=" + kData},
                   absl::Seconds(60));
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    char tmpl[] = "/tmp/parley-store-test-XXXXXX";
    dir_ = mkdtemp(tmpl);
    std::ofstream(dir_ + "/key") << "a page token key shared by every replica\n";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A replica of the store, SERVING (or the test fails).
  std::unique_ptr<ServerProcess> Replica(std::vector<std::string> flags = {}) {
    flags.push_back("--database=" + cluster_->uri());
    flags.push_back("--page_token_key_file=" + dir_ + "/key");
    flags.push_back("--store_cache_dir=" + dir_);
    auto replica = std::make_unique<ServerProcess>(kServer, flags);
    EXPECT_GT(replica->port(), 0) << replica->Log();
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    while (absl::Now() < give_up) {
      v1::IndexInfo info;
      if (Lookup(*replica)->GetIndexInfo(Context().get(), {}, &info).ok()) return replica;
      absl::SleepFor(absl::Milliseconds(50));
    }
    ADD_FAILURE() << "the replica never served: " << replica->Log();
    return replica;
  }

  static std::unique_ptr<grpc::ClientContext> Context() {
    auto context = std::make_unique<grpc::ClientContext>();
    context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    return context;
  }
  static std::unique_ptr<v1::LookupService::Stub> Lookup(const ServerProcess& s) {
    return v1::LookupService::NewStub(
        grpc::CreateChannel(s.address(), grpc::InsecureChannelCredentials()));
  }
  static std::unique_ptr<v1::AdminService::Stub> Admin(const ServerProcess& s) {
    return v1::AdminService::NewStub(
        grpc::CreateChannel(s.admin_address(), grpc::InsecureChannelCredentials()));
  }
  static bool HasDocument(const ServerProcess& s, const std::string& id) {
    v1::GetDocumentRequest request;
    request.set_id(id);
    v1::Document doc;
    return Lookup(s)->GetDocument(Context().get(), request, &doc).ok();
  }
  // Waits (bounded) until every replica serves document id; returns how long.
  static absl::Duration UntilAllServe(const std::vector<std::unique_ptr<ServerProcess>>& replicas,
                                      const std::string& id, absl::Duration bound) {
    const absl::Time start = absl::Now();
    for (const auto& r : replicas) {
      while (!HasDocument(*r, id) && absl::Now() - start < bound) {
        absl::SleepFor(absl::Milliseconds(20));
      }
    }
    return absl::Now() - start;
  }
  std::string WriteArticle(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  RunResult Cli(const ServerProcess& s, std::vector<std::string> args) {
    args.insert(args.begin(), kCli);
    args.push_back("--server=" + s.address());
    args.push_back("--admin=" + s.admin_address());
    args.push_back("--deadline=60s");  // a write builds the index, maybe twice
    return RunCommand(args, absl::Seconds(90));
  }
  static v1::IngestDocumentRequest Article(const std::string& id, const std::string& text) {
    v1::IngestDocumentRequest request;
    request.set_document_id(id);
    request.set_text(text);
    request.set_published("2026-11-20");
    return request;
  }
  static std::vector<v1::Change> Changes(const ServerProcess& s, int64_t since,
                                         grpc::Status* status) {
    v1::ListChangesRequest request;
    request.set_since_version(since);
    auto context = Context();
    auto reader = Lookup(s)->ListChanges(context.get(), request);
    std::vector<v1::Change> out;
    v1::Change change;
    while (reader->Read(&change)) out.push_back(change);
    *status = reader->Finish();
    return out;
  }

  static PostgresCluster* cluster_;
  std::string dir_;
};

PostgresCluster* StoreTest::cluster_ = nullptr;

TEST_F(StoreTest, ImportThenExportGivesTheSameCorpusAndABrokenImportChangesNothing) {
  RunResult exported =
      RunCommand({kServer, "--database=" + cluster_->uri(), "--export=" + dir_ + "/exported"});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  RunResult original = RunCommand({kServer, "--check", "--data=" + kData});
  RunResult store = RunCommand({kServer, "--check", "--database=" + cluster_->uri()});
  EXPECT_EQ(store.exit_code, 0) << store.err;
  EXPECT_THAT(store.out, HasSubstr("the store: valid: "));
  RunResult copy = RunCommand({kServer, "--check", "--data=" + dir_ + "/exported"});
  ASSERT_EQ(copy.exit_code, 0) << copy.err;
  const size_t at = original.out.find("corpus sha256 ");
  ASSERT_NE(at, std::string::npos) << original.out;
  EXPECT_THAT(store.out, HasSubstr(original.out.substr(at, 26)));
  EXPECT_THAT(copy.out, HasSubstr(original.out.substr(at, 26)));
  // A corpus with a problem is refused whole, with file and line.
  CorpusCopy broken(kData);
  std::ofstream(broken.dir() + "/kb/events.textproto", std::ios::app) << "events { id: \"cut";
  RunResult refused =
      RunCommand({kServer, "--database=" + cluster_->uri(), "--import=" + broken.dir()});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("events.textproto:"));
  // So is one with a knowledge-base file in binary form (an empty one is a
  // valid file), which the store would not keep.
  CorpusCopy binary(kData);
  std::ofstream(binary.dir() + "/kb/extra.binpb").flush();
  RunResult binary_refused =
      RunCommand({kServer, "--database=" + cluster_->uri(), "--import=" + binary.dir()});
  EXPECT_EQ(binary_refused.exit_code, 1);
  EXPECT_THAT(binary_refused.err,
              HasSubstr("extra.binpb: the shared store keeps knowledge-base files as text"));
  RunResult again =
      RunCommand({kServer, "--database=" + cluster_->uri(), "--export=" + dir_ + "/again"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  RunResult unchanged = RunCommand({kServer, "--check", "--data=" + dir_ + "/again"});
  EXPECT_THAT(unchanged.out, HasSubstr(original.out.substr(at, 26)));
}

TEST_F(StoreTest, AnIngestThroughOneReplicaIsServedByAllAndPageTokensCrossReplicas) {
  std::vector<std::unique_ptr<ServerProcess>> replicas;
  for (int i = 0; i < 3; ++i) replicas.push_back(Replica());
  // A page token of one replica is good on another: same corpus, same key.
  v1::ListEventsRequest page;
  page.set_page_size(2);
  v1::ListEventsResponse first, second, second_here;
  ASSERT_TRUE(Lookup(*replicas[0])->ListEvents(Context().get(), page, &first).ok());
  ASSERT_FALSE(first.next_page_token().empty());
  page.set_page_token(first.next_page_token());
  grpc::Status crossed = Lookup(*replicas[1])->ListEvents(Context().get(), page, &second);
  ASSERT_TRUE(crossed.ok()) << crossed.error_message();
  ASSERT_TRUE(Lookup(*replicas[0])->ListEvents(Context().get(), page, &second_here).ok());
  EXPECT_EQ(second.SerializeAsString(), second_here.SerializeAsString());

  v1::IndexInfo before;
  ASSERT_TRUE(Lookup(*replicas[0])->GetIndexInfo(Context().get(), {}, &before).ok());
  // Reads on every replica all through the ingestion: bounded in count and time.
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, failed{0};
  std::vector<std::unique_ptr<v1::LookupService::Stub>> stubs;
  for (const auto& r : replicas) stubs.push_back(Lookup(*r));
  std::thread reader([&] {
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    for (int i = 0; i < 100000 && !stop && absl::Now() < give_up; ++i) {
      v1::GetEntityRequest request;
      request.set_id("janet-napolitano");
      v1::Entity entity;
      if (!stubs[i % 3]->GetEntity(Context().get(), request, &entity).ok()) ++failed;
      ++reads;
    }
  });
  RunResult ingested = Cli(*replicas[0], {"ingest", WriteArticle("talks.txt", kTalks)});
  EXPECT_EQ(ingested.exit_code, 0) << ingested.err;
  const absl::Duration took = UntilAllServe(replicas, "talks", absl::Seconds(5));
  stop = true;
  reader.join();
  for (const auto& r : replicas) EXPECT_TRUE(HasDocument(*r, "talks")) << r->Log();
  EXPECT_LT(took, absl::Seconds(5));
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(failed.load(), 0) << "of " << reads.load() << " reads";
  for (const auto& r : replicas) {
    v1::IndexInfo info;
    auto context = Context();
    ASSERT_TRUE(Lookup(*r)->GetIndexInfo(context.get(), {}, &info).ok());
    // Every response says which corpus version answered it.
    auto version = context->GetServerInitialMetadata().find("parley-corpus-version");
    ASSERT_NE(version, context->GetServerInitialMetadata().end());
    EXPECT_EQ(std::string(version->second.data(), version->second.size()),
              absl::StrCat(before.corpus_version() + 1));
    EXPECT_EQ(info.store(), "postgresql");
    EXPECT_EQ(info.corpus_version(), before.corpus_version() + 1);  // the ingestion
    EXPECT_TRUE(info.store_reachable());
  }
  // The page token of the old corpus is refused now, on any replica.
  grpc::Status stale = Lookup(*replicas[2])->ListEvents(Context().get(), page, &second);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(stale.error_message(), HasSubstr("another corpus"));
}

TEST_F(StoreTest, WithTheStoreDownReplicasAnswerWritesAreUnavailableAndTheyCatchUpAfter) {
  std::vector<std::unique_ptr<ServerProcess>> replicas;
  for (int i = 0; i < 2; ++i) replicas.push_back(Replica({"--metrics_listen=127.0.0.1:0"}));
  EXPECT_THAT(HttpGet(replicas[0]->metrics_port(), "/metrics"),
              HasSubstr("\nparley_store_reachable 1\n"));
  ASSERT_TRUE(cluster_->Stop().ok());
  for (const auto& r : replicas) {
    v1::GetEntityRequest request;
    request.set_id("janet-napolitano");
    v1::Entity entity;
    EXPECT_TRUE(Lookup(*r)->GetEntity(Context().get(), request, &entity).ok());
  }
  v1::IngestDocumentResponse response;
  grpc::Status refused =
      Admin(*replicas[0])
          ->IngestDocument(Context().get(), Article("while-down", "Kapil Sibal spoke.\n"),
                           &response);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(refused.error_message(), HasSubstr("nothing was written"));
  for (const auto& r : replicas) {
    v1::IndexInfo info;
    const absl::Time give_up = absl::Now() + absl::Seconds(30);
    do {
      ASSERT_TRUE(Lookup(*r)->GetIndexInfo(Context().get(), {}, &info).ok());
    } while (info.store_reachable() && absl::Now() < give_up &&
             (absl::SleepFor(absl::Milliseconds(50)), true));
    EXPECT_FALSE(info.store_reachable());
    EXPECT_THAT(info.store_error(), HasSubstr("unreachable"));
    EXPECT_THAT(RunCommand({kCli, "info", "--server=" + r->address()}).out,
                HasSubstr("Store:           postgresql (NOT REACHABLE: "));
    EXPECT_THAT(HttpGet(r->metrics_port(), "/metrics"), HasSubstr("\nparley_store_reachable 0\n"));
    // Now that it knows, it still answers from its last index.
    v1::GetEntityRequest request;
    request.set_id("janet-napolitano");
    v1::Entity entity;
    EXPECT_TRUE(Lookup(*r)->GetEntity(Context().get(), request, &entity).ok());
    EXPECT_EQ(entity.name(), "Janet Napolitano");
  }
  ASSERT_TRUE(cluster_->Restart().ok());
  grpc::Status added;
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  do {
    added = Admin(*replicas[1])
                ->IngestDocument(Context().get(),
                                 Article("after-restart", "Kapil Sibal spoke again.\n"), &response);
  } while (!added.ok() && absl::Now() < give_up && (absl::SleepFor(absl::Milliseconds(100)), true));
  ASSERT_TRUE(added.ok()) << added.error_message();
  UntilAllServe(replicas, "after-restart", absl::Seconds(30));
  for (const auto& r : replicas) {
    EXPECT_TRUE(HasDocument(*r, "after-restart")) << r->Log();
    EXPECT_FALSE(HasDocument(*r, "while-down"));
  }
}

TEST_F(StoreTest, AReplicaStartedWithoutItsStoreWaitsNotServingAndServesWhenItComes) {
  ASSERT_TRUE(cluster_->Stop().ok());
  ServerProcess replica(kServer, {"--database=" + cluster_->uri(), "--store_cache_dir=" + dir_,
                                  "--metrics_listen=127.0.0.1:0"});
  ASSERT_GT(replica.port(), 0) << replica.Log();
  // Up and answering, but not serving: health NOT_SERVING, lookups UNAVAILABLE.
  RunResult health = RunCommand({kCli, "health", "--server=" + replica.address()});
  EXPECT_EQ(health.exit_code, 5) << health.out << health.err;
  EXPECT_THAT(health.out, HasSubstr("NOT_SERVING"));
  v1::IndexInfo info;
  EXPECT_EQ(Lookup(replica)->GetIndexInfo(Context().get(), {}, &info).error_code(),
            grpc::StatusCode::UNAVAILABLE);
  // The log says why, and that it retries.
  const absl::Time give_up = absl::Now() + absl::Seconds(30);
  while (replica.Log().find("store unreachable, retrying") == std::string::npos &&
         absl::Now() < give_up) {
    absl::SleepFor(absl::Milliseconds(50));
  }
  EXPECT_THAT(replica.Log(), HasSubstr("store unreachable, retrying"));
  ASSERT_TRUE(cluster_->Restart().ok());
  grpc::Status status;
  do {
    status = Lookup(replica)->GetIndexInfo(Context().get(), {}, &info);
  } while (!status.ok() && absl::Now() < give_up && (absl::SleepFor(absl::Milliseconds(50)), true));
  ASSERT_TRUE(status.ok()) << replica.Log();
  EXPECT_TRUE(info.store_reachable());
  EXPECT_EQ(info.document_count(), 5);
  EXPECT_EQ(RunCommand({kCli, "health", "--server=" + replica.address()}).exit_code, 0);
}

// A store written by an older release carries a content hash of that
// release's definition (it changed on 2026-12-07): a replica builds from it
// once, and serves it, not building it again at every wake-up (one a second).
TEST_F(StoreTest, AHeadWrittenByAnOlderReleaseIsBuiltOnce) {
  RunResult updated =
      RunCommand({"/usr/lib/postgresql/15/bin/psql", cluster_->uri(), "-v", "ON_ERROR_STOP=1", "-c",
                  "UPDATE parley_corpus SET content_sha256 = 'an older definition'"},
                 absl::Seconds(30));
  ASSERT_EQ(updated.exit_code, 0) << updated.err;
  std::unique_ptr<ServerProcess> replica = Replica();
  // Several of the follower's wake-ups (a second apart), bounded.
  absl::SleepFor(absl::Seconds(4));
  v1::IndexInfo info;
  ASSERT_TRUE(Lookup(*replica)->GetIndexInfo(Context().get(), {}, &info).ok());
  EXPECT_EQ(info.reload_count(), 0) << replica->Log();
  const std::string log = replica->Log();
  size_t builds = 0;
  for (size_t at = log.find("serving corpus version"); at != std::string::npos;
       at = log.find("serving corpus version", at + 1)) {
    ++builds;
  }
  EXPECT_EQ(builds, 1u) << log;
  EXPECT_EQ(info.document_count(), 5);
}

TEST_F(StoreTest, ReviewThroughTheCliChangesTheAnswersOfEveryReplica) {
  std::vector<std::unique_ptr<ServerProcess>> replicas;
  for (int i = 0; i < 2; ++i) replicas.push_back(Replica());
  ASSERT_EQ(Cli(*replicas[0], {"ingest", WriteArticle("talks.txt", kTalks)}).exit_code, 0);
  UntilAllServe(replicas, "talks", absl::Seconds(10));
  RunResult list = Cli(*replicas[1], {"review", "list", "--kind=participant"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const std::string mohan = "participant:x-talks-1:x-govind-mohan";
  const std::string edgar = "participant:x-talks-1:x-troy-edgar";
  ASSERT_THAT(list.out, HasSubstr(mohan));
  ASSERT_THAT(list.out, HasSubstr(edgar));
  RunResult wrong = Cli(*replicas[0], {"review", "correct", "event:x-talks-1", "--reviewer=analyst",
                                       "--function=host"});
  EXPECT_NE(wrong.exit_code, 0);
  EXPECT_THAT(wrong.err, HasSubstr("an event has no function to correct"));
  RunResult accepted = Cli(*replicas[1], {"review", "accept", mohan, "--reviewer=analyst"});
  ASSERT_EQ(accepted.exit_code, 0) << accepted.err;
  EXPECT_THAT(accepted.out, HasSubstr("accepted " + mohan + " (by analyst"));
  RunResult corrected = Cli(
      *replicas[0], {"review", "correct", edgar, "--reviewer=analyst", "--function=counterpart"});
  ASSERT_EQ(corrected.exit_code, 0) << corrected.err;
  RunResult twice = Cli(*replicas[0], {"review", "reject", mohan, "--reviewer=analyst"});
  EXPECT_NE(twice.exit_code, 0);
  EXPECT_THAT(twice.err, HasSubstr("already reviewed"));
  // The event was accepted with its participant.
  RunResult curated = Cli(*replicas[0], {"review", "reject", "event:x-talks-1", "--reviewer=x"});
  EXPECT_EQ(curated.exit_code, 2);
  EXPECT_THAT(curated.err, HasSubstr("event x-talks-1 is curated"));
  // Every replica serves both decisions.
  for (const auto& r : replicas) {
    v1::Event event;
    v1::GetEventRequest request;
    request.set_id("x-talks-1");
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    bool both = false;
    while (!both && absl::Now() < give_up) {
      ASSERT_TRUE(Lookup(*r)->GetEvent(Context().get(), request, &event).ok());
      int reviewed = 0;
      for (const v1::Participant& p : event.participants()) {
        if (p.origin() == v1::ORIGIN_CURATED && p.review().reviewer() == "analyst") ++reviewed;
      }
      both = reviewed == 2;
      if (!both) absl::SleepFor(absl::Milliseconds(50));
    }
    ASSERT_TRUE(both) << event.DebugString();
    for (const v1::Participant& p : event.participants()) {
      if (p.entity().id() == "x-troy-edgar") {
        EXPECT_EQ(p.function(), v1::PARTICIPANT_FUNCTION_COUNTERPART);
        EXPECT_TRUE(p.review().corrected());
      }
    }
  }
  // An accepted participant's event is accepted with it: shown at the
  // default floor, on every replica, with the quote.
  for (const auto& r : replicas) {
    RunResult who = RunCommand({kCli, "who", "--from=2026-11", "--server=" + r->address()});
    EXPECT_THAT(who.out, HasSubstr("Govind Mohan")) << who.out << who.err;
    EXPECT_THAT(who.out, HasSubstr("held talks on cyber security"));
  }
  // A rejected position is gone from every replica, and not extracted again.
  const std::string position = "position:x-govind-mohan:Home Secretary";
  ASSERT_THAT(Cli(*replicas[0], {"review", "list", "--kind=position"}).out, HasSubstr(position));
  auto has_position = [&](const ServerProcess& r) {
    v1::GetEntityRequest request;
    request.set_id("x-govind-mohan");
    v1::Entity entity;
    EXPECT_TRUE(Lookup(r)->GetEntity(Context().get(), request, &entity).ok());
    for (const v1::Position& p : entity.positions()) {
      if (p.title() == "Home Secretary") return true;
    }
    return false;
  };
  ASSERT_TRUE(has_position(*replicas[1]));
  RunResult rejected = Cli(
      *replicas[0], {"review", "reject", position, "--reviewer=analyst", "--note=not his title"});
  ASSERT_EQ(rejected.exit_code, 0) << rejected.err;
  for (const auto& r : replicas) {
    const absl::Time give_up = absl::Now() + absl::Seconds(10);
    while (has_position(*r) && absl::Now() < give_up) absl::SleepFor(absl::Milliseconds(50));
    EXPECT_FALSE(has_position(*r));
    // Built again from the store, the article is read again: still rejected.
    ASSERT_EQ(Cli(*r, {"reload"}).exit_code, 0);
    EXPECT_FALSE(has_position(*r));
  }
}

TEST_F(StoreTest, TheChangeFeedReturnsExactlyTheChangesSinceAVersion) {
  std::unique_ptr<ServerProcess> replica = Replica();
  v1::IndexInfo imported;
  ASSERT_TRUE(Lookup(*replica)->GetIndexInfo(Context().get(), {}, &imported).ok());
  const int64_t v = imported.corpus_version();  // the import
  v1::IngestDocumentResponse response;
  ASSERT_TRUE(
      Admin(*replica)
          ->IngestDocument(Context().get(), Article("first", "Kapil Sibal spoke.\n"), &response)
          .ok());
  ASSERT_TRUE(Admin(*replica)
                  ->IngestDocument(Context().get(),
                                   Article("talks", std::string(kTalks).substr(
                                                        std::string(kTalks).find("New Delhi"))),
                                   &response)
                  .ok());
  EXPECT_EQ(response.info().corpus_version(), v + 2);
  grpc::Status status;
  const std::vector<v1::Change> last = Changes(*replica, v + 1, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  bool talks_added = false;
  for (const v1::Change& c : last) {
    EXPECT_EQ(c.version(), v + 2) << c.DebugString();
    EXPECT_FALSE(c.kind() == v1::CHANGE_KIND_DOCUMENT && c.id() == "first");
    talks_added |= c.kind() == v1::CHANGE_KIND_DOCUMENT && c.id() == "talks" &&
                   c.type() == v1::CHANGE_TYPE_ADDED;
    // What the feed says was added is there.
    if (c.kind() == v1::CHANGE_KIND_EVENT && c.type() == v1::CHANGE_TYPE_ADDED) {
      v1::GetEventRequest request;
      request.set_id(c.id());
      v1::Event event;
      EXPECT_TRUE(Lookup(*replica)->GetEvent(Context().get(), request, &event).ok()) << c.id();
    }
  }
  EXPECT_TRUE(talks_added);
  const std::vector<v1::Change> both = Changes(*replica, v, &status);
  ASSERT_TRUE(status.ok());
  size_t of_version_2 = 0;
  bool first_added = false;
  for (const v1::Change& c : both) {
    of_version_2 += c.version() == v + 1;
    first_added |= c.kind() == v1::CHANGE_KIND_DOCUMENT && c.id() == "first";
  }
  EXPECT_TRUE(first_added);
  EXPECT_EQ(both.size(), of_version_2 + last.size());
  for (const v1::Change& c : both) {
    if (c.version() != v + 1) continue;
    // "Kapil Sibal spoke.": the document, and the entities it mentions.
    const bool document = c.kind() == v1::CHANGE_KIND_DOCUMENT && c.id() == "first" &&
                          c.type() == v1::CHANGE_TYPE_ADDED;
    const bool mentioned = c.kind() == v1::CHANGE_KIND_ENTITY && c.id() == "kapil-sibal" &&
                           c.type() == v1::CHANGE_TYPE_CHANGED;
    EXPECT_TRUE(document || mentioned) << c.DebugString();
  }
  // A rejected event: REMOVED, with its participations.
  v1::ReviewFactRequest reject;
  reject.set_fact("event:x-talks-1");
  reject.set_decision(v1::ReviewRecord::REJECT);
  reject.set_reviewer("analyst");
  v1::ReviewFactResponse reviewed;
  ASSERT_TRUE(Admin(*replica)->ReviewFact(Context().get(), reject, &reviewed).ok());
  std::set<std::string> removed;
  for (const v1::Change& c : Changes(*replica, v + 2, &status)) {
    EXPECT_EQ(c.version(), v + 3);
    if (c.type() == v1::CHANGE_TYPE_REMOVED) removed.insert(c.id());
  }
  EXPECT_TRUE(removed.count("x-talks-1"));
  EXPECT_TRUE(removed.count("x-talks-1/x-govind-mohan"));
  EXPECT_TRUE(removed.count("x-talks-1/x-troy-edgar"));
  const std::vector<v1::Change> all = Changes(*replica, v - 1, &status);
  ASSERT_TRUE(status.ok());
  EXPECT_GT(all.size(), both.size());  // the import's own changes
  Changes(*replica, v + 4, &status);   // ahead of the store
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

}  // namespace
}  // namespace parley::testing
