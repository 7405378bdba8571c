// Bad input, limits, deadlines, reloads and admin access, against the real
// server in-process on 127.0.0.1:0. The bad-input table is copied in
// docs/OPERATIONS.md; keep the two in step.
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/generic/generic_stub.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "client/parley_client.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "service/grpc/listen_address.h"
#include "service/grpc/server.h"
#include "service/lookup/lookup.h"

namespace parley {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr char kToken[] = "s3cret-admin-token";

// A copy of the bundled corpus that tests may change, and a server on it.
class ReliabilityTest : public ::testing::Test {
 public:  // the bad-input table's rows call into the fixture
  void SetUp() override {
    char tmpl[] = "/tmp/parley-reliability-XXXXXX";
    dir_ = mkdtemp(tmpl);
    fs::copy(PARLEY_SOURCE_DIR "/data", dir_, fs::copy_options::recursive);
    ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.admin_listen_address = "127.0.0.1:0";
    options.admin_token = kToken;
    options.data_dir = dir_;
    options.max_message_bytes = 2 << 20;
    auto server = ParleyServer::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    auto index = Index::Load(dir_);
    ASSERT_TRUE(index.ok()) << index.status();
    server_->SetIndex(std::move(*index));
    channel_ = grpc::CreateChannel(Address(), grpc::InsecureChannelCredentials());
    stub_ = v1::LookupService::NewStub(channel_);
  }
  void TearDown() override {
    server_.reset();
    fs::remove_all(dir_);
  }

  std::string Address() const { return absl::StrCat("127.0.0.1:", server_->port()); }

  ParleyClient Admin(const std::string& token) const {
    ClientOptions options;
    options.target = absl::StrCat("127.0.0.1:", server_->admin_port());
    options.admin_token = token;
    return ParleyClient(options);
  }

  // Calls rpc on a fresh context; returns the status.
  template <typename Request, typename Response>
  grpc::Status Call(grpc::Status (v1::LookupService::Stub::*rpc)(grpc::ClientContext*,
                                                                 const Request&, Response*),
                    const Request& request, Response* response = nullptr) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    Response local;
    return (stub_.get()->*rpc)(&context, request, response ? response : &local);
  }

  // Calls method with request bytes as they are (no protobuf client would
  // send them); returns the status, and the answer's bytes in *response.
  grpc::Status CallRaw(const std::string& method, const std::string& bytes,
                       std::string* response = nullptr) {
    grpc::Slice slice(bytes);
    grpc::ByteBuffer request(&slice, 1);
    grpc::ByteBuffer answer;
    grpc::GenericStub stub(channel_);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    grpc::CompletionQueue cq;
    auto call = stub.PrepareUnaryCall(&context, method, request, &cq);
    call->StartCall();
    grpc::Status status;
    call->Finish(&answer, &status, reinterpret_cast<void*>(1));
    void* tag;
    bool ok;
    cq.Next(&tag, &ok);
    if (response != nullptr) {
      response->clear();
      std::vector<grpc::Slice> slices;
      if (answer.Dump(&slices).ok()) {
        for (const grpc::Slice& s : slices) {
          response->append(reinterpret_cast<const char*>(s.begin()), s.size());
        }
      }
    }
    return status;
  }

  // A counter or gauge of the server's /metrics text; -1 if absent.
  double Metric(const std::string& name) const {
    for (absl::string_view line : absl::StrSplit(server_->RenderMetrics(), '\n')) {
      if (absl::ConsumePrefix(&line, name + " ")) {
        double value;
        return absl::SimpleAtod(line, &value) ? value : -1;
      }
    }
    return -1;
  }

  std::string dir_;
  std::unique_ptr<ParleyServer> server_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::LookupService::Stub> stub_;
};

struct BadInputRow {
  std::string name;
  grpc::StatusCode code;
  std::string reason;  // google.rpc.ErrorInfo.reason; "" for gRPC's own statuses
  std::string says;    // part of the message that says how to fix it
  std::function<grpc::Status(ReliabilityTest&)> call;
};

using S = v1::LookupService::Stub;

// One row per bad input of docs/OPERATIONS.md; a table, long by design: a row
// reads best beside its neighbours.
std::vector<BadInputRow> BadInputTable() {
  auto events_token = [](ReliabilityTest& t, const std::string& topic) {
    v1::ListEventsRequest r;
    r.set_page_size(2);
    r.mutable_filter()->add_topics(topic);
    v1::ListEventsResponse page;
    EXPECT_TRUE(t.Call(&S::ListEvents, r, &page).ok());
    return page.next_page_token();
  };
  std::vector<BadInputRow> rows = {
      // The all-default request of every RPC that needs something.
      {"GetEntity default", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ID", "id is required",
       [](auto& t) { return t.Call(&S::GetEntity, v1::GetEntityRequest()); }},
      {"BatchGetEntities default", grpc::StatusCode::INVALID_ARGUMENT, "EMPTY_BATCH",
       "pass 1 to 100 entity ids",
       [](auto& t) { return t.Call(&S::BatchGetEntities, v1::BatchGetEntitiesRequest()); }},
      {"SearchEntities default", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_QUERY",
       "query is empty",
       [](auto& t) { return t.Call(&S::SearchEntities, v1::SearchEntitiesRequest()); }},
      {"GetEvent default", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ID", "id is required",
       [](auto& t) { return t.Call(&S::GetEvent, v1::GetEventRequest()); }},
      {"ListConnections default", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ID",
       "entity_id is required",
       [](auto& t) { return t.Call(&S::ListConnections, v1::ListConnectionsRequest()); }},
      {"GetDocument default", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ID", "id is required",
       [](auto& t) { return t.Call(&S::GetDocument, v1::GetDocumentRequest()); }},
      {"ListMentions default", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ID",
       "entity_id is required",
       [](auto& t) { return t.Call(&S::ListMentions, v1::ListMentionsRequest()); }},
      {"SearchDocuments default", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_QUERY",
       "query is empty",
       [](auto& t) { return t.Call(&S::SearchDocuments, v1::SearchDocumentsRequest()); }},
      {"BatchLinkMentions default", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_BATCH_SIZE",
       "send 1 to 100",
       [](auto& t) { return t.Call(&S::BatchLinkMentions, v1::BatchLinkMentionsRequest()); }},
      // Queries.
      {"whitespace-only query", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_QUERY",
       "query is empty",
       [](auto& t) {
         v1::SearchEntitiesRequest r;
         r.set_query(" \t ");
         return t.Call(&S::SearchEntities, r);
       }},
      {"over-long query", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_QUERY", "at most 200",
       [](auto& t) {
         v1::SearchDocumentsRequest r;
         r.set_query(std::string(5000, 'x'));
         return t.Call(&S::SearchDocuments, r);
       }},
      {"control character in query", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_QUERY",
       "control character 0x01",
       [](auto& t) {
         v1::SearchEntitiesRequest r;
         r.set_query("Napo\x01litano");
         return t.Call(&S::SearchEntities, r);
       }},
      // Field 1 (query; id), length 3, bytes that are not UTF-8: sent raw,
      // since a protobuf client would refuse to build it.
      {"invalid UTF-8 in a string field", grpc::StatusCode::INVALID_ARGUMENT, "MALFORMED_REQUEST",
       "valid UTF-8",
       [](auto& t) {
         return t.CallRaw("/parley.v1.LookupService/SearchEntities",
                          std::string("\x0a\x03\xff\xfe\xfd", 5));
       }},
      // GetEntity parses its request itself (its answers are kept as bytes).
      {"invalid UTF-8 in GetEntity's id", grpc::StatusCode::INVALID_ARGUMENT, "MALFORMED_REQUEST",
       "not a valid message for /parley.v1.LookupService/GetEntity",
       [](auto& t) {
         return t.CallRaw("/parley.v1.LookupService/GetEntity",
                          std::string("\x0a\x03\xff\xfe\xfd", 5));
       }},
      {"GetEntity request cut short", grpc::StatusCode::INVALID_ARGUMENT, "MALFORMED_REQUEST",
       "check the request type",
       [](auto& t) {
         // Field 1, length 20, 5 bytes.
         return t.CallRaw("/parley.v1.LookupService/GetEntity", std::string("\x0a\x14india", 7));
       }},
      {"unclosed phrase quote", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_QUERY",
       "unclosed quote",
       [](auto& t) {
         v1::SearchDocumentsRequest r;
         r.set_query("\"fake currency");
         return t.Call(&S::SearchDocuments, r);
       }},
      // Page sizes and tokens.
      {"negative page_size", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_PAGE_SIZE",
       "use 0 for the default",
       [](auto& t) {
         v1::ListEventsRequest r;
         r.set_page_size(-1);
         return t.Call(&S::ListEvents, r);
       }},
      {"forged page_token", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_PAGE_TOKEN",
       "pass next_page_token from the previous response unchanged",
       [](auto& t) {
         v1::ListEventsRequest r;
         r.set_page_token("Zm9yZ2VkLXRva2Vu");
         return t.Call(&S::ListEvents, r);
       }},
      {"truncated page_token", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_PAGE_TOKEN",
       "malformed",
       [events_token](auto& t) {
         v1::ListEventsRequest r;
         r.mutable_filter()->add_topics("cyber");
         const std::string token = events_token(t, "cyber");
         r.set_page_token(token.substr(0, token.size() / 2));
         return t.Call(&S::ListEvents, r);
       }},
      {"page_token from another RPC", grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_MISMATCH",
       "issued for a different request",
       [events_token](auto& t) {
         v1::ListParticipationsRequest r;
         r.mutable_filter()->add_topics("cyber");
         r.set_page_token(events_token(t, "cyber"));
         return t.Call(&S::ListParticipations, r);
       }},
      {"page_token with other filters", grpc::StatusCode::INVALID_ARGUMENT, "PAGE_TOKEN_MISMATCH",
       "repeat the request's other fields",
       [events_token](auto& t) {
         v1::ListEventsRequest r;
         r.mutable_filter()->add_topics("security");
         r.set_page_token(events_token(t, "cyber"));
         return t.Call(&S::ListEvents, r);
       }},
      // Enums and ids.
      {"unknown enum value", grpc::StatusCode::INVALID_ARGUMENT, "UNKNOWN_ENUM_VALUE",
       "use one of the values defined in parley.v1",
       [](auto& t) {
         v1::ListEventsRequest r;
         r.mutable_filter()->add_kinds(static_cast<v1::EventKind>(99));
         return t.Call(&S::ListEvents, r);
       }},
      {"unknown order", grpc::StatusCode::INVALID_ARGUMENT, "UNKNOWN_ENUM_VALUE",
       "EVENT_ORDER_DATE_ASCENDING",
       [](auto& t) {
         v1::ListEventsRequest r;
         r.set_order(static_cast<v1::EventOrder>(7));
         return t.Call(&S::ListEvents, r);
       }},
      {"unknown id", grpc::StatusCode::NOT_FOUND, "ENTITY_NOT_FOUND",
       "find ids by name with SearchEntities",
       [](auto& t) {
         v1::GetEntityRequest r;
         r.set_id("no-such-person");
         return t.Call(&S::GetEntity, r);
       }},
      {"malformed id", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ID",
       "ids use only letters, digits",
       [](auto& t) {
         v1::GetEventRequest r;
         r.set_id("../../etc/passwd");
         return t.Call(&S::GetEvent, r);
       }},
      {"over-long id", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_ID", "at most 200",
       [](auto& t) {
         v1::GetDocumentRequest r;
         r.set_id(std::string(1000, 'a'));
         return t.Call(&S::GetDocument, r);
       }},
      {"over-limit batch", grpc::StatusCode::INVALID_ARGUMENT, "BATCH_TOO_LARGE",
       "batches of at most 100",
       [](auto& t) {
         v1::BatchGetEntitiesRequest r;
         for (int i = 0; i < 101; ++i) r.add_ids("india");
         return t.Call(&S::BatchGetEntities, r);
       }},
      {"batch with an unknown id", grpc::StatusCode::NOT_FOUND, "ENTITY_NOT_FOUND",
       "all or nothing",
       [](auto& t) {
         v1::BatchGetEntitiesRequest r;
         r.add_ids("india");
         r.add_ids("atlantis");
         return t.Call(&S::BatchGetEntities, r);
       }},
      // Dates.
      {"month 13", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_DATE", "month 13 is not 1-12",
       [](auto& t) {
         v1::ListEventsRequest r;
         r.mutable_filter()->set_from_date("2011-13");
         return t.Call(&S::ListEvents, r);
       }},
      {"31 February", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_DATE", "2011-02 has 28 days",
       [](auto& t) {
         v1::ListParticipationsRequest r;
         r.mutable_filter()->set_to_date("2011-02-31");
         return t.Call(&S::ListParticipations, r);
       }},
      {"range ending before it starts", grpc::StatusCode::INVALID_ARGUMENT, "INVALID_DATE",
       "swap them",
       [](auto& t) {
         v1::SearchDocumentsRequest r;
         r.set_query("cyber");
         r.mutable_filter()->set_from_date("2016");
         r.mutable_filter()->set_to_date("2011");
         return t.Call(&S::SearchDocuments, r);
       }},
      {"extracted.min_confidence out of range", grpc::StatusCode::INVALID_ARGUMENT,
       "INVALID_CONFIDENCE", "give a confidence from 0 to 1",
       [](auto& t) {
         v1::SearchEntitiesRequest r;
         r.set_query("Napolitano");
         r.mutable_extracted()->set_min_confidence(1.5);
         return t.Call(&S::SearchEntities, r);
       }},
      {"unknown topic", grpc::StatusCode::INVALID_ARGUMENT, "UNKNOWN_TOPIC", "known topics:",
       [](auto& t) {
         v1::ListEventsRequest r;
         r.mutable_filter()->add_topics("cricket");
         return t.Call(&S::ListEvents, r);
       }},
      // Size limits.
      {"request over the maximum message size", grpc::StatusCode::RESOURCE_EXHAUSTED, "",
       "larger than max",
       [](auto& t) {
         v1::LinkMentionsRequest r;
         r.set_text(std::string(3 << 20, 'a'));  // the test server allows 2 MiB
         return t.Call(&S::LinkMentions, r);
       }},
      {"text over the LinkMentions limit", grpc::StatusCode::INVALID_ARGUMENT, "TEXT_TOO_LARGE",
       "split it into parts",
       [](auto& t) {
         v1::LinkMentionsRequest r;
         r.set_text(std::string((1 << 20) + 1, 'a'));
         return t.Call(&S::LinkMentions, r);
       }},
      {"over-limit BatchLinkMentions (101 texts)", grpc::StatusCode::INVALID_ARGUMENT,
       "INVALID_BATCH_SIZE", "send 1 to 100",
       [](auto& t) {
         v1::BatchLinkMentionsRequest r;
         for (int i = 0; i < 101; ++i) r.add_requests()->set_text("x");
         return t.Call(&S::BatchLinkMentions, r);
       }},
  };
  return rows;
}

TEST_F(ReliabilityTest, EveryBadInputGetsItsStatusAReasonAndAFixAndTheServerKeepsServing) {
  for (const BadInputRow& row : BadInputTable()) {
    SCOPED_TRACE(row.name);
    const grpc::Status status = row.call(*this);
    EXPECT_EQ(status.error_code(), row.code) << status.error_message();
    EXPECT_THAT(status.error_message(), HasSubstr(row.says));
    EXPECT_NE(status.error_code(), grpc::StatusCode::INTERNAL);
    EXPECT_NE(status.error_code(), grpc::StatusCode::UNKNOWN);
    if (!row.reason.empty()) {
      EXPECT_EQ(ParleyClient::ErrorReason(status), row.reason);
    }
  }
  // Still serving, and right.
  v1::GetEntityRequest request;
  request.set_id("vinay-kwatra");
  v1::Entity entity;
  ASSERT_TRUE(Call(&S::GetEntity, request, &entity).ok());
  EXPECT_EQ(entity.name(), "Vinay Kwatra");
}

TEST_F(ReliabilityTest, ErrorDetailsFollowAip193) {
  v1::GetEntityRequest request;
  request.set_id("no-such-person");
  const grpc::Status status = Call(&S::GetEntity, request);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.code(), static_cast<int>(grpc::StatusCode::NOT_FOUND));
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(details.details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "ENTITY_NOT_FOUND");
  EXPECT_EQ(info.domain(), "parley.v1");
}

TEST_F(ReliabilityTest, ZeroAndHugePageSizesAreDefaultedAndCoerced) {
  v1::ListParticipationsRequest request;
  v1::ListParticipationsResponse response;
  request.set_page_size(0);
  ASSERT_TRUE(Call(&S::ListParticipations, request, &response).ok());
  EXPECT_EQ(response.participations_size(), 21);  // all fit in the default of 50
  v1::ListEventsRequest events;
  events.set_page_size(2000000000);
  v1::ListEventsResponse all;
  ASSERT_TRUE(Call(&S::ListEvents, events, &all).ok());
  EXPECT_EQ(all.events_size(), 19);
  EXPECT_TRUE(all.next_page_token().empty());
}

TEST_F(ReliabilityTest, AOneMillisecondDeadlineGetsDeadlineExceeded) {
  v1::BatchLinkMentionsRequest request;
  for (int i = 0; i < 20; ++i) {
    request.add_requests()->set_text(std::string(50000, 'x') + " Napolitano met US officials.");
  }
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(1));
  v1::BatchLinkMentionsResponse response;
  const grpc::Status status = stub_->BatchLinkMentions(&context, request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(response.responses_size(), 0);
}

TEST_F(ReliabilityTest, ReloadSwapsInANewGenerationAndResponsesSayWhichAnswered) {
  auto generation_of = [this](v1::IndexInfo* info) {
    grpc::ClientContext context;
    EXPECT_TRUE(stub_->GetIndexInfo(&context, v1::GetIndexInfoRequest(), info).ok());
    auto it = context.GetServerInitialMetadata().find("parley-index-generation");
    return it == context.GetServerInitialMetadata().end()
               ? std::string()
               : std::string(it->second.data(), it->second.size());
  };
  v1::IndexInfo before;
  EXPECT_EQ(generation_of(&before), "1");
  EXPECT_EQ(before.generation(), 1u);
  EXPECT_EQ(before.document_count(), 5);
  // A page token of generation 1.
  v1::ListEventsRequest page_request;
  page_request.set_page_size(5);
  v1::ListEventsResponse page;
  ASSERT_TRUE(Call(&S::ListEvents, page_request, &page).ok());

  {
    std::ofstream out(dir_ + "/articles/extra.txt");
    out << "Kristie Canegallo spoke about cyber security.\n";
  }
  absl::StatusOr<v1::ReloadResponse> reloaded = Admin(kToken).Reload();
  ASSERT_TRUE(reloaded.ok()) << reloaded.status();
  EXPECT_EQ(reloaded->info().generation(), 2u);
  EXPECT_EQ(reloaded->info().document_count(), 6);
  v1::IndexInfo after;
  EXPECT_EQ(generation_of(&after), "2");
  EXPECT_EQ(after.reload_count(), 1);
  EXPECT_TRUE(after.last_reload_error().empty());
  EXPECT_NE(after.content_sha256(), before.content_sha256());

  // The old token is refused clearly.
  page_request.set_page_token(page.next_page_token());
  const grpc::Status stale = Call(&S::ListEvents, page_request);
  EXPECT_EQ(stale.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ParleyClient::ErrorReason(stale), "STALE_PAGE_TOKEN");
  EXPECT_THAT(stale.error_message(), HasSubstr("start again with an empty page_token"));
}

TEST_F(ReliabilityTest, GetEntityAnswersARepeatedRequestWithItsKeptBytesAndAfreshAfterAReload) {
  v1::GetEntityRequest request;
  request.set_id("kristie-canegallo");
  const std::string bytes = request.SerializeAsString();
  std::string first, second;
  ASSERT_TRUE(CallRaw("/parley.v1.LookupService/GetEntity", bytes, &first).ok());
  EXPECT_EQ(Metric("parley_response_cache_misses_total"), 1);
  EXPECT_EQ(Metric("parley_response_cache_hits_total"), 0);
  ASSERT_TRUE(CallRaw("/parley.v1.LookupService/GetEntity", bytes, &second).ok());
  EXPECT_EQ(Metric("parley_response_cache_hits_total"), 1);
  EXPECT_GT(Metric("parley_response_cache_bytes"), static_cast<double>(first.size()));
  EXPECT_EQ(second, first);
  // A kept answer comes with the metadata of any answer.
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
    v1::Entity entity;
    ASSERT_TRUE(stub_->GetEntity(&context, request, &entity).ok());
    EXPECT_EQ(Metric("parley_response_cache_hits_total"), 2);
    EXPECT_EQ(entity.SerializeAsString(), first);
    const auto& metadata = context.GetServerInitialMetadata();
    auto generation = metadata.find("parley-index-generation");
    ASSERT_NE(generation, metadata.end());
    EXPECT_EQ(std::string(generation->second.data(), generation->second.size()), "1");
    EXPECT_EQ(metadata.count("x-request-id"), 1u);
  }
  v1::Entity before;
  ASSERT_TRUE(before.ParseFromString(second));
  EXPECT_EQ(before.name(), "Kristie Canegallo");
  // The answer is the one the index gives.
  absl::StatusOr<std::unique_ptr<const Index>> index = Index::Load(dir_);
  ASSERT_TRUE(index.ok()) << index.status();
  v1::Entity direct;
  ASSERT_TRUE(Lookup(std::move(*index)).GetEntity(request, &direct).ok());
  EXPECT_EQ(before.SerializeAsString(), direct.SerializeAsString());
  // A read mask is another request, with its own answer.
  v1::GetEntityRequest masked = request;
  masked.mutable_read_mask()->add_paths("name");
  v1::Entity name_only;
  ASSERT_TRUE(Call(&S::GetEntity, masked, &name_only).ok());
  EXPECT_EQ(name_only.name(), "Kristie Canegallo");
  EXPECT_TRUE(name_only.id().empty());

  // A new article names her: after the reload the same request gets the new
  // index's answer, not the bytes kept from the old one.
  {
    std::ofstream out(dir_ + "/articles/extra.txt");
    out << "Kristie Canegallo spoke about cyber security.\n";
  }
  ASSERT_TRUE(Admin(kToken).Reload().ok());
  std::string third;
  ASSERT_TRUE(CallRaw("/parley.v1.LookupService/GetEntity", bytes, &third).ok());
  v1::Entity after;
  ASSERT_TRUE(after.ParseFromString(third));
  EXPECT_EQ(after.mention_count(), before.mention_count() + 1);
  EXPECT_NE(third, first);
}

TEST_F(ReliabilityTest, KeptAnswersBelongToTheirRpcWhenTwoRequestsAreTheSameBytes) {
  // GetEntityRequest{id: "india"} and SearchEntitiesRequest{query: "india"}
  // are the same bytes (field 1, a string).
  v1::GetEntityRequest get;
  get.set_id("india");
  v1::SearchEntitiesRequest search;
  search.set_query("india");
  ASSERT_EQ(get.SerializeAsString(), search.SerializeAsString());
  const std::string bytes = get.SerializeAsString();
  for (int round = 0; round < 2; ++round) {  // the second round from the kept answers
    SCOPED_TRACE(round);
    std::string entity_bytes, search_bytes;
    ASSERT_TRUE(CallRaw("/parley.v1.LookupService/GetEntity", bytes, &entity_bytes).ok());
    ASSERT_TRUE(CallRaw("/parley.v1.LookupService/SearchEntities", bytes, &search_bytes).ok());
    EXPECT_NE(entity_bytes, search_bytes);
    v1::Entity entity;
    ASSERT_TRUE(entity.ParseFromString(entity_bytes));
    EXPECT_EQ(entity.name(), "India");
    v1::SearchEntitiesResponse found;
    ASSERT_TRUE(found.ParseFromString(search_bytes));
    ASSERT_GT(found.matches_size(), 0);
    EXPECT_EQ(found.matches(0).entity().id(), "india");
    // The same answers as the index gives.
    absl::StatusOr<std::unique_ptr<const Index>> index = Index::Load(dir_);
    ASSERT_TRUE(index.ok()) << index.status();
    const Lookup lookup(std::move(*index));
    v1::SearchEntitiesResponse direct;
    ASSERT_TRUE(lookup.SearchEntities(search, &direct).ok());
    EXPECT_EQ(search_bytes, direct.SerializeAsString());
  }
  EXPECT_EQ(Metric("parley_response_cache_misses_total"), 2);
  EXPECT_EQ(Metric("parley_response_cache_hits_total"), 2);
}

TEST_F(ReliabilityTest, AFailedReloadChangesNothingAndIsVisible) {
  {
    std::ofstream out(dir_ + "/kb/events.textproto", std::ios::app);
    out << "events { id: \"half-written\" kind: EVENT_KIND_MEETING title: \"x\" date: \"2011-13\"";
  }
  absl::StatusOr<v1::ReloadResponse> reloaded = Admin(kToken).Reload();
  ASSERT_FALSE(reloaded.ok());
  EXPECT_EQ(reloaded.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(reloaded.status().message()), HasSubstr("events.textproto"));
  v1::IndexInfo info;
  ASSERT_TRUE(Call(&S::GetIndexInfo, v1::GetIndexInfoRequest(), &info).ok());
  EXPECT_EQ(info.generation(), 1u);
  EXPECT_EQ(info.event_count(), 19);
  EXPECT_EQ(info.reload_failure_count(), 1);
  EXPECT_THAT(info.last_reload_error(), HasSubstr("events.textproto"));
  EXPECT_TRUE(info.has_last_reload_time());
  ClientOptions options;
  options.target = Address();
  EXPECT_EQ(*ParleyClient(options).Health(""), grpc::health::v1::HealthCheckResponse::SERVING);
}

TEST_F(ReliabilityTest, AdminCallsNeedTheRightTokenAndAreNotOnThePublicPort) {
  absl::StatusOr<v1::ReloadResponse> missing = Admin("").Reload();
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kUnauthenticated);
  EXPECT_THAT(std::string(missing.status().message()), HasSubstr("authorization: Bearer"));
  absl::StatusOr<v1::ReloadResponse> wrong = Admin("guess").Reload();
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kPermissionDenied);
  // The public port has no AdminService at all.
  auto admin_on_public = v1::AdminService::NewStub(channel_);
  grpc::ClientContext context;
  context.AddMetadata("authorization", absl::StrCat("Bearer ", kToken));
  v1::ReloadResponse response;
  EXPECT_EQ(admin_on_public->Reload(&context, v1::ReloadRequest(), &response).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

TEST_F(ReliabilityTest, AnIngestedArticleIsWrittenAtomicallyServedAndSurvivesARestart) {
  const std::string text =
      "New Delhi: Janet Napolitano met Kapil Sibal on Friday to discuss cyber security.\n";
  v1::IngestDocumentRequest request;
  request.set_document_id("wire-2026-11-20-cyber-talks");
  request.set_text(text);
  request.set_title("Napolitano, Sibal discuss cyber security");
  request.set_publisher("Example Wire");
  request.set_published("2026-11-20");
  absl::StatusOr<v1::IngestDocumentResponse> response = Admin(kToken).IngestDocument(request);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->info().generation(), 2u);
  EXPECT_EQ(response->info().document_count(), 6);
  EXPECT_EQ(response->document().file_name(), "wire-2026-11-20-cyber-talks.txt");
  EXPECT_EQ(response->document().text(), text);
  std::vector<std::string> mentioned;
  for (const auto& m : response->document().mentioned_entities()) {
    mentioned.push_back(m.entity().id());
  }
  EXPECT_THAT(mentioned, ::testing::IsSupersetOf({"janet-napolitano", "kapil-sibal"}));

  // On disk: front matter then the exact text; no temporary file left.
  std::ifstream in(dir_ + "/articles/wire-2026-11-20-cyber-talks.txt", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  EXPECT_EQ(bytes.str(),
            "---\nid: wire-2026-11-20-cyber-talks\n"
            "title: Napolitano, Sibal discuss cyber security\n"
            "publisher: Example Wire\npublished: 2026-11-20\n---\n" +
                text);
  for (const auto& entry : fs::directory_iterator(dir_ + "/articles")) {
    EXPECT_NE(entry.path().filename().string()[0], '.') << entry.path();
  }

  // Served now, and by the next server on this directory.
  v1::GetDocumentRequest get;
  get.set_id("wire-2026-11-20-cyber-talks");
  v1::Document served;
  ASSERT_TRUE(Call(&S::GetDocument, get, &served).ok());
  EXPECT_EQ(served.publisher(), "Example Wire");
  EXPECT_EQ(served.published().day(), 20);
  auto restarted = Index::Load(dir_);
  ASSERT_TRUE(restarted.ok()) << restarted.status();
  Lookup lookup(std::shared_ptr<const Index>(std::move(*restarted)), 1);
  v1::Document reloaded;
  ASSERT_TRUE(lookup.GetDocument(get, &reloaded).ok());
  EXPECT_EQ(reloaded.text(), text);
}

TEST_F(ReliabilityTest, BadIngestionsAreRefusedAndChangeNothing) {
  v1::ListDocumentsRequest list;
  v1::ListDocumentsResponse docs;
  ASSERT_TRUE(Call(&S::ListDocuments, list, &docs).ok());
  ASSERT_GT(docs.documents_size(), 0);
  auto request = [](const std::string& id, const std::string& text) {
    v1::IngestDocumentRequest r;
    r.set_document_id(id);
    r.set_text(text);
    return r;
  };
  struct Row {
    v1::IngestDocumentRequest request;
    std::string token;
    absl::StatusCode code;
    std::string reason;
    std::string says;
  };
  v1::IngestDocumentRequest bad_date = request("new-doc", "text");
  bad_date.set_published("2026-02-30");
  v1::IngestDocumentRequest two_line_title = request("new-doc", "text");
  two_line_title.set_title("one\ntwo");
  const Row rows[] = {
      {request(docs.documents(0).id(), "text"), kToken, absl::StatusCode::kAlreadyExists,
       "DOCUMENT_EXISTS", "choose another document_id"},
      {request("", "text"), kToken, absl::StatusCode::kInvalidArgument, "INVALID_ID",
       "document_id is required"},
      {request("../../etc/passwd", "text"), kToken, absl::StatusCode::kInvalidArgument,
       "INVALID_ID", "only letters, digits"},
      {request(".hidden", "text"), kToken, absl::StatusCode::kInvalidArgument, "INVALID_ID",
       "must not start with '.'"},
      {request("new-doc", " \n\t"), kToken, absl::StatusCode::kInvalidArgument, "INVALID_TEXT",
       "text is required"},
      {request("new-doc", std::string((1 << 20) + 1, 'x')), kToken,
       absl::StatusCode::kInvalidArgument, "INVALID_TEXT", "split articles"},
      {bad_date, kToken, absl::StatusCode::kInvalidArgument, "INVALID_DATE", "2026-02 has 28 days"},
      {two_line_title, kToken, absl::StatusCode::kInvalidArgument, "INVALID_METADATA",
       "title must be one line"},
      {request("new-doc", "text"), "", absl::StatusCode::kUnauthenticated, "MISSING_ADMIN_TOKEN",
       "authorization: Bearer"},
      {request("new-doc", "text"), "guess", absl::StatusCode::kPermissionDenied,
       "WRONG_ADMIN_TOKEN", "admin token is wrong"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.request.document_id() + " / " + row.reason);
    ClientOptions options;
    options.target = absl::StrCat("127.0.0.1:", server_->admin_port());
    options.admin_token = row.token;
    grpc::ClientContext context;
    if (!row.token.empty()) context.AddMetadata("authorization", "Bearer " + row.token);
    auto admin = v1::AdminService::NewStub(
        grpc::CreateChannel(options.target, grpc::InsecureChannelCredentials()));
    v1::IngestDocumentResponse response;
    const grpc::Status status = admin->IngestDocument(&context, row.request, &response);
    EXPECT_EQ(static_cast<int>(status.error_code()), static_cast<int>(row.code));
    EXPECT_EQ(ParleyClient::ErrorReason(status), row.reason);
    EXPECT_THAT(status.error_message(), HasSubstr(row.says));
  }
  v1::IndexInfo info;
  ASSERT_TRUE(Call(&S::GetIndexInfo, v1::GetIndexInfoRequest(), &info).ok());
  EXPECT_EQ(info.generation(), 1u);
  EXPECT_EQ(info.document_count(), 5);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir_ + "/articles")) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 5u);
}

TEST(ConcurrencyLimitTest, CallsOverTheLimitAreRefusedWithResourceExhaustedAndServingGoesOn) {
  ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.admin_listen_address = "";
  options.data_dir = PARLEY_SOURCE_DIR "/data";
  options.max_concurrent_calls = 4;
  auto server = ParleyServer::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  auto index = Index::Load(options.data_dir);
  ASSERT_TRUE(index.ok());
  (*server)->SetIndex(std::move(*index));
  const std::string address = absl::StrCat("127.0.0.1:", (*server)->port());

  // Heavy calls (3 x 1 MiB of text each) from many threads at once, each on
  // its own connection; bounded: one round per thread.
  v1::BatchLinkMentionsRequest heavy;
  std::string text;
  for (int i = 0; text.size() < (1 << 20) - 100; ++i) {
    text += i % 100 == 0 ? "Janet Napolitano met Kapil Sibal. " : "cooperation on cyber security. ";
  }
  for (int i = 0; i < 3; ++i) heavy.add_requests()->set_text(text);
  constexpr int kCallers = 24;
  std::vector<grpc::StatusCode> codes(kCallers);
  std::vector<std::string> messages(kCallers);
  std::vector<std::thread> callers;
  for (int c = 0; c < kCallers; ++c) {
    callers.emplace_back([&, c] {
      grpc::ChannelArguments args;
      args.SetInt("parley-caller", c);
      auto stub = v1::LookupService::NewStub(
          grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
      // 24 connections at once on a loaded machine: a connection attempt
      // that fails is retried rather than counted as the server's answer.
      context.set_wait_for_ready(true);
      v1::BatchLinkMentionsResponse response;
      const grpc::Status status = stub->BatchLinkMentions(&context, heavy, &response);
      codes[c] = status.error_code();
      messages[c] = status.error_message();
    });
  }
  for (std::thread& t : callers) t.join();
  int ok = 0, exhausted = 0;
  for (int c = 0; c < kCallers; ++c) {
    if (codes[c] == grpc::StatusCode::OK) ++ok;
    if (codes[c] == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      ++exhausted;
      EXPECT_THAT(messages[c], HasSubstr("maximum of 4 calls at once: retry with backoff"));
    }
    EXPECT_TRUE(codes[c] == grpc::StatusCode::OK ||
                codes[c] == grpc::StatusCode::RESOURCE_EXHAUSTED)
        << codes[c] << " " << messages[c];
  }
  EXPECT_GT(ok, 0);
  EXPECT_GT(exhausted, 0) << "24 concurrent heavy calls never hit a limit of 4";
  // Still serving.
  ClientOptions client_options;
  client_options.target = address;
  v1::IndexInfo info;
  EXPECT_TRUE(ParleyClient(client_options)
                  .Call(&v1::LookupService::Stub::GetIndexInfo, v1::GetIndexInfoRequest(), &info)
                  .ok());
}

}  // namespace
}  // namespace parley
