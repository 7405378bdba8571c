#include "lookup.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace parley {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class LookupTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto index = Index::Load(PARLEY_SOURCE_DIR "/data");
    ASSERT_TRUE(index.ok()) << index.status();
    lookup_ = new Lookup(std::shared_ptr<const Index>(std::move(*index)));
  }
  static void TearDownTestSuite() { delete lookup_; }
  static const Lookup* lookup_;
};
const Lookup* LookupTest::lookup_ = nullptr;

void ExpectError(const absl::Status& status, absl::StatusCode code, absl::string_view says) {
  EXPECT_EQ(status.code(), code) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr(std::string(says)));
}

TEST_F(LookupTest, GetEntityReturnsTheResourceOrNotFound) {
  v1::GetEntityRequest request;
  request.set_id("kristie-canegallo");
  v1::Entity entity;
  ASSERT_TRUE(lookup_->GetEntity(request, &entity).ok());
  EXPECT_EQ(entity.name(), "Kristie Canegallo");
  request.set_id("no-such-person");
  ExpectError(lookup_->GetEntity(request, &entity), absl::StatusCode::kNotFound,
              "no entity with id \"no-such-person\"");
  request.set_id("  ");
  ExpectError(lookup_->GetEntity(request, &entity), absl::StatusCode::kInvalidArgument,
              "id is required");
}

TEST_F(LookupTest, BatchGetKeepsRequestOrderAndIsAllOrNothing) {
  v1::BatchGetEntitiesRequest request;
  request.add_ids("vinay-kwatra");
  request.add_ids("india");
  request.add_ids("us-dhs");
  v1::BatchGetEntitiesResponse response;
  ASSERT_TRUE(lookup_->BatchGetEntities(request, &response).ok());
  ASSERT_EQ(response.entities_size(), 3);
  EXPECT_EQ(response.entities(0).id(), "vinay-kwatra");
  EXPECT_EQ(response.entities(2).id(), "us-dhs");
  request.add_ids("nobody");
  response.Clear();
  ExpectError(lookup_->BatchGetEntities(request, &response), absl::StatusCode::kNotFound,
              "ids[3]: no entity with id \"nobody\"");
  EXPECT_EQ(response.entities_size(), 0);
  ExpectError(lookup_->BatchGetEntities(v1::BatchGetEntitiesRequest(), &response),
              absl::StatusCode::kInvalidArgument, "ids is empty");
  v1::BatchGetEntitiesRequest huge;
  for (int i = 0; i <= kMaxBatchIds; ++i) huge.add_ids("india");
  ExpectError(lookup_->BatchGetEntities(huge, &response), absl::StatusCode::kInvalidArgument,
              "batches of at most 100");
}

TEST_F(LookupTest, SearchFindsByNameAliasAndPrefixAndSaysHow) {
  struct Case {
    const char* query;
    const char* id;
    v1::MatchKind kind;
  } cases[] = {
      {"P Chidambaram", "p-chidambaram", v1::MATCH_KIND_EXACT_NAME},
      {"SM Krishna", "sm-krishna", v1::MATCH_KIND_EXACT_NAME},
      {"America", "united-states", v1::MATCH_KIND_ALIAS},
      {"US", "united-states", v1::MATCH_KIND_ALIAS},
      {"Napolitano", "janet-napolitano", v1::MATCH_KIND_WORD},
      {"Indian Computer Emergency Response Team", "cert-in", v1::MATCH_KIND_EXACT_NAME},
      {"us-cert", "us-cert", v1::MATCH_KIND_ALIAS},
      {"Canega", "kristie-canegallo", v1::MATCH_KIND_PREFIX},
  };
  for (const Case& c : cases) {
    v1::SearchEntitiesRequest request;
    request.set_query(c.query);
    v1::SearchEntitiesResponse response;
    ASSERT_TRUE(lookup_->SearchEntities(request, &response).ok()) << c.query;
    ASSERT_GT(response.matches_size(), 0) << c.query;
    EXPECT_EQ(response.matches(0).entity().id(), c.id) << c.query;
    EXPECT_EQ(response.matches(0).match_kind(), c.kind) << c.query;
    EXPECT_FALSE(response.matches(0).score_explanation().empty());
  }
}

TEST_F(LookupTest, SearchKindFilterRestrictsWithoutReordering) {
  v1::SearchEntitiesRequest request;
  request.set_query("US");
  v1::SearchEntitiesResponse all;
  ASSERT_TRUE(lookup_->SearchEntities(request, &all).ok());
  request.add_kinds(v1::ENTITY_KIND_ORGANIZATION);
  v1::SearchEntitiesResponse orgs;
  ASSERT_TRUE(lookup_->SearchEntities(request, &orgs).ok());
  std::vector<std::string> expected;
  for (const auto& m : all.matches()) {
    if (m.entity().kind() == v1::ENTITY_KIND_ORGANIZATION) expected.push_back(m.entity().id());
  }
  std::vector<std::string> got;
  for (const auto& m : orgs.matches()) got.push_back(m.entity().id());
  EXPECT_EQ(got, expected);
  EXPECT_FALSE(got.empty());
}

TEST_F(LookupTest, SearchRefusesEmptyAndOverlongQueries) {
  v1::SearchEntitiesResponse response;
  v1::SearchEntitiesRequest request;
  request.set_query("   ");
  ExpectError(lookup_->SearchEntities(request, &response), absl::StatusCode::kInvalidArgument,
              "query is empty");
  request.set_query(std::string(201, 'a'));
  ExpectError(lookup_->SearchEntities(request, &response), absl::StatusCode::kInvalidArgument,
              "at most 200");
  request.set_query("...");
  ExpectError(lookup_->SearchEntities(request, &response), absl::StatusCode::kInvalidArgument,
              "no letters or digits");
  request.set_query("India");
  request.add_kinds(static_cast<v1::EntityKind>(42));
  ExpectError(lookup_->SearchEntities(request, &response), absl::StatusCode::kInvalidArgument,
              "kinds has an unknown");
}

TEST_F(LookupTest, ListEventsPagesThroughEverythingInDateOrder) {
  v1::ListEventsRequest request;
  request.set_page_size(4);
  std::vector<std::string> ids;
  for (int guard = 0; guard < 20; ++guard) {
    v1::ListEventsResponse page;
    ASSERT_TRUE(lookup_->ListEvents(request, &page).ok());
    EXPECT_EQ(page.total_size(), 19);
    for (const auto& e : page.events()) ids.push_back(e.id());
    if (page.next_page_token().empty()) break;
    request.set_page_token(page.next_page_token());
  }
  ASSERT_EQ(ids.size(), 19u);
  EXPECT_EQ(ids.front(), "2009-07-20-strategic-dialogue-launch");
  EXPECT_EQ(ids.back(), "2025-01-18-mea-announcement");
}

TEST_F(LookupTest, APageTokenOnlyWorksWithItsOwnRequest) {
  v1::ListEventsRequest request;
  request.set_page_size(2);
  request.mutable_filter()->add_topics("cyber");
  v1::ListEventsResponse page;
  ASSERT_TRUE(lookup_->ListEvents(request, &page).ok());
  ASSERT_FALSE(page.next_page_token().empty());
  request.set_page_token(page.next_page_token());
  request.mutable_filter()->set_from_date("2015");
  ExpectError(lookup_->ListEvents(request, &page), absl::StatusCode::kInvalidArgument,
              "issued for a different request");
  v1::ListParticipationsRequest other;
  other.set_page_token(request.page_token());
  v1::ListParticipationsResponse rows;
  ExpectError(lookup_->ListParticipations(other, &rows), absl::StatusCode::kInvalidArgument,
              "different request");
}

TEST_F(LookupTest, DateRangesUseOverlapSemantics) {
  v1::ListEventsRequest request;
  request.mutable_filter()->set_from_date("2011-05-26");
  request.mutable_filter()->set_to_date("2011-05-26");
  v1::ListEventsResponse response;
  ASSERT_TRUE(lookup_->ListEvents(request, &response).ok());
  std::vector<std::string> ids;
  for (const auto& e : response.events()) ids.push_back(e.id());
  EXPECT_THAT(ids, ElementsAre("2011-05-napolitano-visit"));  // the 25-27 May span
  request.mutable_filter()->set_from_date("2015-06");
  request.mutable_filter()->set_to_date("2015-06");
  ASSERT_TRUE(lookup_->ListEvents(request, &response).ok());
  ASSERT_EQ(response.events_size(), 1);  // known only to the year
  EXPECT_EQ(response.events(0).id(), "2015-painter-meetings");
}

TEST_F(LookupTest, BadFiltersSayWhatToFix) {
  v1::ListEventsResponse response;
  v1::ListEventsRequest request;
  request.mutable_filter()->set_from_date("2011-13");
  ExpectError(lookup_->ListEvents(request, &response), absl::StatusCode::kInvalidArgument,
              "filter.from_date: date \"2011-13\": month 13 is not 1-12");
  request.mutable_filter()->set_from_date("2016");
  request.mutable_filter()->set_to_date("2011");
  ExpectError(lookup_->ListEvents(request, &response), absl::StatusCode::kInvalidArgument,
              "is after to_date");
  request.Clear();
  request.mutable_filter()->add_topics("cricket");
  ExpectError(lookup_->ListEvents(request, &response), absl::StatusCode::kInvalidArgument,
              "unknown topic \"cricket\"; known topics: cyber");
  request.Clear();
  request.set_page_size(-1);
  ExpectError(lookup_->ListEvents(request, &response), absl::StatusCode::kInvalidArgument,
              "page_size must not be negative");
}

TEST_F(LookupTest, WhoTookPartInCyberEvents) {
  v1::ListParticipationsRequest request;
  request.mutable_filter()->add_topics("cyber");
  request.set_page_size(500);
  v1::ListParticipationsResponse response;
  ASSERT_TRUE(lookup_->ListParticipations(request, &response).ok());
  std::set<std::string> people;
  for (const auto& p : response.participations()) {
    people.insert(p.person().id());
    EXPECT_FALSE(p.evidence().empty());
  }
  for (const char* expected : {"janet-napolitano", "p-chidambaram", "jane-holl-lute",
                               "r-chandrashekhar", "kapil-sibal", "christopher-painter",
                               "vinay-kwatra", "kristie-canegallo"}) {
    EXPECT_EQ(people.count(expected), 1u) << expected;
  }
  for (const char* absent : {"david-headley", "tahawwur-rana", "hafiz-saeed", "sahil-makkar",
                             "todd-stern", "jayanthi-natarajan"}) {
    EXPECT_EQ(people.count(absent), 0u) << absent;
  }
}

TEST_F(LookupTest, ParticipationsFilterByPersonAndFunction) {
  v1::ListParticipationsRequest request;
  request.add_functions(v1::PARTICIPANT_FUNCTION_SIGNATORY);
  request.mutable_filter()->set_from_date("2025");
  v1::ListParticipationsResponse response;
  ASSERT_TRUE(lookup_->ListParticipations(request, &response).ok());
  ASSERT_EQ(response.participations_size(), 2);
  EXPECT_EQ(response.participations(0).person().id(), "vinay-kwatra");
  EXPECT_EQ(response.participations(0).event_location().place(), "Washington, DC");
  request.add_person_ids("india");
  ExpectError(lookup_->ListParticipations(request, &response), absl::StatusCode::kInvalidArgument,
              "is not the id of a person");
}

TEST_F(LookupTest, ConnectionsListPeopleAtTheSameEvents) {
  v1::ListConnectionsRequest request;
  request.set_entity_id("hillary-clinton");
  v1::ListConnectionsResponse response;
  ASSERT_TRUE(lookup_->ListConnections(request, &response).ok());
  ASSERT_EQ(response.connections_size(), 1);
  EXPECT_EQ(response.connections(0).entity().id(), "sm-krishna");
  EXPECT_EQ(response.connections(0).shared_events_size(), 2);  // dialogue + press conference
}

TEST_F(LookupTest, DocumentsComeWithTextOnlyWhenAskedFor) {
  v1::GetDocumentRequest get;
  get.set_id("tribune-2025-01-18");
  v1::Document doc;
  ASSERT_TRUE(lookup_->GetDocument(get, &doc).ok());
  EXPECT_EQ(doc.size_bytes(), 2159);
  EXPECT_EQ(doc.text().size(), 2159u);
  EXPECT_EQ(doc.published().display(), "2025-01-18");
  v1::ListDocumentsRequest list;
  v1::ListDocumentsResponse docs;
  ASSERT_TRUE(lookup_->ListDocuments(list, &docs).ok());
  ASSERT_EQ(docs.documents_size(), 5);
  EXPECT_EQ(docs.documents(0).id(), "jagran-2011-07-19");  // oldest first
  EXPECT_TRUE(docs.documents(0).text().empty());
}

}  // namespace
}  // namespace parley
