// The real server in-process on 127.0.0.1:0, driven through the generated
// stub and the client library: answers from the seeds, status codes on the
// wire, health transitions.
#include "service/grpc/server.h"

#include <set>
#include <thread>

#include <gmock/gmock.h>
#include <grpcpp/create_channel.h>
#include <gtest/gtest.h>

#include "client/parley_client.h"

namespace parley {
namespace {

using ::testing::HasSubstr;
using HealthStatus = grpc::health::v1::HealthCheckResponse;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ServerOptions server_options;
    server_options.listen_address = "127.0.0.1:0";
    server_options.data_dir = PARLEY_SOURCE_DIR "/data";
    auto server = ParleyServer::Start(server_options);
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = std::move(*server);
    auto index = Index::Load(PARLEY_SOURCE_DIR "/data");
    ASSERT_TRUE(index.ok()) << index.status();
    index_ = std::move(*index);
    ClientOptions options;
    options.target = "127.0.0.1:" + std::to_string(server_->port());
    client_ = std::make_unique<ParleyClient>(options);
  }

  std::unique_ptr<ParleyServer> server_;
  std::shared_ptr<const Index> index_;
  std::unique_ptr<ParleyClient> client_;
};

TEST_F(ServerTest, HealthIsNotServingUntilTheIndexIsInstalled) {
  auto before = client_->Health("");
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(*before, HealthStatus::NOT_SERVING);
  v1::Entity entity;
  v1::GetEntityRequest request;
  request.set_id("india");
  EXPECT_EQ(client_->Call(&v1::LookupService::Stub::GetEntity, request, &entity).code(),
            absl::StatusCode::kUnavailable);

  server_->SetIndex(index_);
  EXPECT_EQ(*client_->Health(""), HealthStatus::SERVING);
  EXPECT_EQ(*client_->Health("parley.v1.LookupService"), HealthStatus::SERVING);
  EXPECT_TRUE(client_->Call(&v1::LookupService::Stub::GetEntity, request, &entity).ok());
  EXPECT_EQ(client_->Health("no.such.Service").status().code(), absl::StatusCode::kNotFound);
}

TEST_F(ServerTest, WhoSignedTheJanuary2025CybercrimeMouAndWhere) {
  server_->SetIndex(index_);
  v1::ListParticipationsRequest request;
  request.mutable_filter()->add_topics("cybercrime");
  request.mutable_filter()->add_kinds(v1::EVENT_KIND_AGREEMENT_SIGNING);
  request.mutable_filter()->set_from_date("2025-01");
  request.mutable_filter()->set_to_date("2025-01");
  v1::ListParticipationsResponse response;
  ASSERT_TRUE(client_->Call(&v1::LookupService::Stub::ListParticipations, request, &response).ok());
  ASSERT_EQ(response.participations_size(), 2);
  for (const v1::Participation& p : response.participations()) {
    EXPECT_EQ(p.function(), v1::PARTICIPANT_FUNCTION_SIGNATORY);
    EXPECT_EQ(p.event_location().place(), "Washington, DC");
    EXPECT_EQ(p.event_date().display(), "2025-01-17");
  }
  EXPECT_EQ(response.participations(0).person().name(), "Vinay Kwatra");
  EXPECT_EQ(response.participations(0).evidence(0).document_id(), "tribune-2025-01-18");
  EXPECT_EQ(response.participations(1).person().name(), "Kristie Canegallo");
  EXPECT_EQ(response.participations(1).title(), "Acting Deputy Secretary of Homeland Security");
}

TEST_F(ServerTest, StatusCodesAndMessagesCrossTheWire) {
  server_->SetIndex(index_);
  auto stub = v1::LookupService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(server_->port()), grpc::InsecureChannelCredentials()));
  {
    grpc::ClientContext context;
    v1::GetEventRequest request;
    request.set_id("2099-no-such-event");
    v1::Event event;
    grpc::Status status = stub->GetEvent(&context, request, &event);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
    EXPECT_THAT(status.error_message(), HasSubstr("find event ids with ListEvents"));
  }
  {
    grpc::ClientContext context;
    v1::ListEventsRequest request;
    request.set_page_size(-5);
    v1::ListEventsResponse response;
    grpc::Status status = stub->ListEvents(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_size must not be negative"));
  }
  {
    grpc::ClientContext context;
    v1::SearchEntitiesRequest request;  // the all-default request
    v1::SearchEntitiesResponse response;
    EXPECT_EQ(stub->SearchEntities(&context, request, &response).error_code(),
              grpc::StatusCode::INVALID_ARGUMENT);
  }
  {
    grpc::ClientContext context;
    v1::ListEventsRequest request;
    request.set_page_token("forged-token");
    v1::ListEventsResponse response;
    grpc::Status status = stub->ListEvents(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status.error_message(), HasSubstr("page_token is malformed"));
  }
}

TEST_F(ServerTest, NamesResolveTheWayPeopleTypeThem) {
  server_->SetIndex(index_);
  auto exact = client_->ResolveName("janet napolitano");
  ASSERT_TRUE(exact.ok());
  ASSERT_NE(exact->entity, nullptr);
  EXPECT_EQ(exact->entity->id(), "janet-napolitano");
  EXPECT_EQ(exact->how, "exact name");
  auto alias = client_->ResolveName("America");
  ASSERT_NE(alias->entity, nullptr);
  EXPECT_EQ(alias->entity->id(), "united-states");
  auto ambiguous = client_->ResolveName("Kri", v1::ENTITY_KIND_PERSON);
  ASSERT_TRUE(ambiguous.ok());
  EXPECT_EQ(ambiguous->entity, nullptr);
  EXPECT_EQ(ambiguous->candidates.size(), 2u);
  auto none = client_->ResolveName("Zbigniew");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->entity, nullptr);
  EXPECT_TRUE(none->candidates.empty());
}

TEST_F(ServerTest, ShutdownFlipsHealthAndRefusesNewCalls) {
  server_->SetIndex(index_);
  ASSERT_EQ(*client_->Health(""), HealthStatus::SERVING);
  server_->Shutdown(absl::Seconds(1));
  ClientOptions options;
  options.target = "127.0.0.1:" + std::to_string(server_->port());
  options.deadline = absl::Milliseconds(500);
  ParleyClient late(options);
  v1::IndexInfo info;
  const absl::Status status =
      late.Call(&v1::LookupService::Stub::GetIndexInfo, v1::GetIndexInfoRequest(), &info);
  EXPECT_TRUE(status.code() == absl::StatusCode::kUnavailable ||
              status.code() == absl::StatusCode::kDeadlineExceeded)
      << status;
}

TEST_F(ServerTest, SearchDocumentsAndLinkMentionsThroughTheStub) {
  server_->SetIndex(index_);
  v1::SearchDocumentsRequest search;
  search.set_query("\"digital forensics\"");
  v1::SearchDocumentsResponse hits;
  ASSERT_TRUE(client_->Call(&v1::LookupService::Stub::SearchDocuments, search, &hits).ok());
  ASSERT_EQ(hits.hits_size(), 1);
  EXPECT_EQ(hits.hits(0).document().id(), "tribune-2025-01-18");
  EXPECT_TRUE(hits.hits(0).document().text().empty());  // BASIC view
  ASSERT_EQ(hits.hits(0).snippets(0).highlights_size(), 1);
  const v1::Highlight& h = hits.hits(0).snippets(0).highlights(0);
  const v1::Document* doc = index_->FindDocument("tribune-2025-01-18");
  EXPECT_EQ(doc->text().substr(h.start_offset(), h.end_offset() - h.start_offset()),
            "digital forensics");
  EXPECT_EQ(h.start_offset(), static_cast<int64_t>(doc->text().find("digital forensics")));

  v1::LinkMentionsRequest link;
  link.set_text("Kwatra and Canegallo signed for India and the US.");
  v1::LinkMentionsResponse spans;
  ASSERT_TRUE(client_->Call(&v1::LookupService::Stub::LinkMentions, link, &spans).ok());
  std::vector<std::string> ids;
  for (const auto& s : spans.spans()) ids.push_back(s.candidates(0).entity().id());
  EXPECT_EQ(ids, (std::vector<std::string>{"vinay-kwatra", "kristie-canegallo", "india",
                                           "united-states"}));
  search.set_query("");
  EXPECT_EQ(client_->Call(&v1::LookupService::Stub::SearchDocuments, search, &hits).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST_F(ServerTest, FacetsMasksMatchAndExportThroughTheStub) {
  server_->SetIndex(index_);
  // Facets and a read mask on one call.
  v1::ListEventsRequest events;
  events.mutable_filter()->set_place("Washington");
  events.add_facets(v1::FACET_FIELD_YEAR);
  events.mutable_read_mask()->add_paths("id");
  events.mutable_read_mask()->add_paths("location.city");
  v1::ListEventsResponse listed;
  ASSERT_TRUE(client_->Call(&v1::LookupService::Stub::ListEvents, events, &listed).ok());
  ASSERT_GT(listed.events_size(), 0);
  int counted = 0;
  for (const v1::FacetBucket& b : listed.facets(0).buckets()) counted += b.count();
  EXPECT_EQ(counted, listed.total_size());
  for (const v1::Event& e : listed.events()) {
    EXPECT_FALSE(e.id().empty());
    EXPECT_EQ(e.location().city(), "Washington");
    EXPECT_TRUE(e.title().empty());
    EXPECT_TRUE(e.location().place().empty());
  }
  events.mutable_read_mask()->add_paths("no_such_field");
  const absl::Status bad = client_->Call(&v1::LookupService::Stub::ListEvents, events, &listed);
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.message()), ::testing::HasSubstr("read_mask.paths[2]"));

  // SearchEntities applies its mask itself (the handler does not trim it
  // again): the same entities as a mask the handler would apply, in both
  // views.
  for (v1::EntityView view : {v1::ENTITY_VIEW_BASIC, v1::ENTITY_VIEW_FULL}) {
    v1::SearchEntitiesRequest search;
    search.set_query("Napolitano");
    search.set_view(view);
    search.mutable_read_mask()->add_paths("name");
    search.mutable_read_mask()->add_paths("country.name");
    v1::SearchEntitiesResponse found;
    ASSERT_TRUE(client_->Call(&v1::LookupService::Stub::SearchEntities, search, &found).ok());
    ASSERT_GT(found.matches_size(), 0);
    EXPECT_EQ(found.matches(0).entity().name(), "Janet Napolitano");
    for (const v1::EntityMatch& m : found.matches()) {
      v1::Entity expected;
      expected.set_name(m.entity().name());
      if (m.entity().has_country())
        expected.mutable_country()->set_name(m.entity().country().name());
      EXPECT_EQ(m.entity().SerializeAsString(), expected.SerializeAsString()) << view;
      EXPECT_FALSE(m.score_explanation().empty());
    }
    EXPECT_EQ(found.matches(0).entity().country().name(), "United States");
  }

  // MatchEntities across the wire.
  v1::MatchEntitiesRequest match;
  v1::EntityExample* example = match.add_examples();
  example->set_name("Secretary Napolitano");
  example->set_country("USA");
  v1::MatchEntitiesResponse matched;
  ASSERT_TRUE(client_->Call(&v1::LookupService::Stub::MatchEntities, match, &matched).ok());
  ASSERT_TRUE(matched.results(0).matched());
  EXPECT_EQ(matched.results(0).candidates(0).entity().id(), "janet-napolitano");

  // Export streams every event the index holds, once.
  v1::ExportRequest request;
  request.add_kinds(v1::EXPORT_KIND_EVENTS);
  request.mutable_extracted()->set_min_confidence(0);
  std::set<std::string> ids;
  ASSERT_TRUE(client_
                  ->Export(request,
                           [&ids](const v1::ExportItem& item) {
                             EXPECT_TRUE(item.has_event());
                             EXPECT_TRUE(ids.insert(item.event().id()).second);
                             return absl::OkStatus();
                           })
                  .ok());
  EXPECT_EQ(ids.size(), index_->events().size());
  request.add_kinds(static_cast<v1::ExportKind>(9));
  EXPECT_EQ(client_->Export(request, [](const v1::ExportItem&) { return absl::OkStatus(); }).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace parley
