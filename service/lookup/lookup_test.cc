#include "service/lookup/lookup.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/ascii.h"
#include "service/lookup/corpus_lookup_test.h"

namespace parley {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

using LookupTest = CorpusLookupTest<kSeedCorpus>;

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

TEST_F(LookupTest, AMissingIdIsExplainedWithAnIdOfTheKindAskedFor) {
  v1::GetEntityRequest entity_request;
  v1::Entity entity;
  ExpectError(lookup_->GetEntity(entity_request, &entity), absl::StatusCode::kInvalidArgument,
              "id is required: pass an id such as \"janet-napolitano\"");
  // An event's or a document's example is an event's or a document's id,
  // one of the bundled corpus.
  v1::GetEventRequest event_request;
  v1::Event event;
  ExpectError(lookup_->GetEvent(event_request, &event), absl::StatusCode::kInvalidArgument,
              "pass an id such as \"2011-05-27-homeland-security-dialogue-launch\"");
  event_request.set_id("Second India-US Strategic Dialogue");
  ExpectError(lookup_->GetEvent(event_request, &event), absl::StatusCode::kInvalidArgument,
              "e.g. \"2011-05-27-homeland-security-dialogue-launch\"");
  event_request.set_id("2011-05-27-homeland-security-dialogue-launch");
  EXPECT_TRUE(lookup_->GetEvent(event_request, &event).ok());
  v1::GetDocumentRequest document_request;
  v1::Document document;
  ExpectError(lookup_->GetDocument(document_request, &document), absl::StatusCode::kInvalidArgument,
              "pass an id such as \"jagran-2011-07-19\"");
  document_request.set_id("jagran-2011-07-19");
  EXPECT_TRUE(lookup_->GetDocument(document_request, &document).ok());
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

TEST_F(LookupTest, SearchPagesAgreeWithOnePageOfEverything) {
  v1::SearchEntitiesRequest request;
  request.set_query("Ja");
  request.set_page_size(100);
  v1::SearchEntitiesResponse everything;
  ASSERT_TRUE(lookup_->SearchEntities(request, &everything).ok());
  ASSERT_GE(everything.matches_size(), 4);
  EXPECT_TRUE(everything.next_page_token().empty());
  EXPECT_EQ(everything.total_size(), everything.matches_size());
  std::vector<std::string> all, paged;
  for (const auto& m : everything.matches()) all.push_back(m.entity().id());
  request.set_page_size(2);
  for (int page = 0; page < 50; ++page) {  // bounded
    v1::SearchEntitiesResponse response;
    ASSERT_TRUE(lookup_->SearchEntities(request, &response).ok());
    for (const auto& m : response.matches()) paged.push_back(m.entity().id());
    if (response.next_page_token().empty()) break;
    // A page that stops early counts what it found: at least one more.
    EXPECT_FALSE(response.total_size_is_exact());
    EXPECT_GT(response.total_size(), static_cast<int32_t>(paged.size()));
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(paged, all);
}

TEST_F(LookupTest, SearchViewsChooseHowMuchOfAnEntityComesBack) {
  v1::SearchEntitiesRequest request;
  request.set_query("Janet Napolitano");
  v1::SearchEntitiesResponse basic;
  ASSERT_TRUE(lookup_->SearchEntities(request, &basic).ok());
  ASSERT_GT(basic.matches_size(), 0);
  const v1::Entity& b = basic.matches(0).entity();
  EXPECT_EQ(b.name(), "Janet Napolitano");
  EXPECT_EQ(b.country().id(), "united-states");
  EXPECT_FALSE(b.description().empty());
  EXPECT_GT(b.event_count(), 0);
  EXPECT_TRUE(b.positions().empty());
  EXPECT_TRUE(b.mentions().empty());
  request.set_view(v1::ENTITY_VIEW_FULL);
  v1::SearchEntitiesResponse full;
  ASSERT_TRUE(lookup_->SearchEntities(request, &full).ok());
  EXPECT_FALSE(full.matches(0).entity().positions().empty());
  request.set_view(static_cast<v1::EntityView>(9));
  ExpectError(lookup_->SearchEntities(request, &full), absl::StatusCode::kInvalidArgument,
              "view has an unknown value 9");
}

// SearchEntities applies its read mask itself (kAppliesReadMask): each
// entity keeps what the mask names, in either view; the matches, their
// order and scores are those of the whole response.
TEST_F(LookupTest, SearchCopiesOnlyTheFieldsTheReadMaskStartsWith) {
  v1::SearchEntitiesRequest request;
  request.set_query("Janet Napolitano");
  v1::SearchEntitiesResponse whole;
  ASSERT_TRUE(lookup_->SearchEntities(request, &whole).ok());
  ASSERT_GT(whole.matches_size(), 0);
  request.mutable_read_mask()->add_paths("name");
  v1::SearchEntitiesResponse names;
  ASSERT_TRUE(lookup_->SearchEntities(request, &names).ok());
  ASSERT_EQ(names.matches_size(), whole.matches_size());
  for (int i = 0; i < names.matches_size(); ++i) {
    v1::EntityMatch expected = whole.matches(i);
    const std::string name = expected.entity().name();
    expected.mutable_entity()->Clear();
    expected.mutable_entity()->set_name(name);
    EXPECT_EQ(names.matches(i).SerializeAsString(), expected.SerializeAsString()) << i;
  }
  EXPECT_EQ(names.matches(0).entity().name(), "Janet Napolitano");
  EXPECT_EQ(names.next_page_token().empty(), whole.next_page_token().empty());

  request.mutable_read_mask()->set_paths(0, "country.name");
  request.mutable_read_mask()->add_paths("event_count");
  v1::SearchEntitiesResponse country;
  ASSERT_TRUE(lookup_->SearchEntities(request, &country).ok());
  const v1::Entity& c = country.matches(0).entity();
  EXPECT_EQ(c.country().name(), "United States");
  EXPECT_TRUE(c.country().id().empty());
  EXPECT_EQ(c.event_count(), whole.matches(0).entity().event_count());
  EXPECT_TRUE(c.name().empty());
  EXPECT_TRUE(c.id().empty());
  EXPECT_TRUE(c.description().empty());

  request.set_view(v1::ENTITY_VIEW_FULL);
  request.mutable_read_mask()->set_paths(0, "name");
  request.mutable_read_mask()->mutable_paths()->RemoveLast();
  v1::SearchEntitiesResponse full_names;
  ASSERT_TRUE(lookup_->SearchEntities(request, &full_names).ok());
  EXPECT_EQ(full_names.matches(0).entity().SerializeAsString(),
            names.matches(0).entity().SerializeAsString());

  request.mutable_read_mask()->add_paths("country.nickname");
  ExpectError(lookup_->SearchEntities(request, &country), absl::StatusCode::kInvalidArgument,
              "read_mask.paths[1]: \"country.nickname\": \"nickname\" is not a field of "
              "parley.v1.EntityRef");
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
              "filter.from_date 2016 is after filter.to_date 2011");
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
  for (const char* expected :
       {"janet-napolitano", "p-chidambaram", "jane-holl-lute", "r-chandrashekhar", "kapil-sibal",
        "christopher-painter", "vinay-kwatra", "kristie-canegallo"}) {
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

TEST_F(LookupTest, EveryDoneWhenNameFindsTheRightEntityAtTheTop) {
  struct Case {
    const char* query;
    const char* id;
    v1::MatchKind kind;
  } cases[] = {
      {"Napolitano", "janet-napolitano", v1::MATCH_KIND_WORD},
      {"janet napolitano", "janet-napolitano", v1::MATCH_KIND_EXACT_NAME},
      {"P Chidambaram", "p-chidambaram", v1::MATCH_KIND_EXACT_NAME},
      {"Chidambram", "p-chidambaram", v1::MATCH_KIND_FUZZY},
      {"Hillary", "hillary-clinton", v1::MATCH_KIND_PREFIX},
      {"Kristi Canegalo", "kristie-canegallo", v1::MATCH_KIND_FUZZY},
      {"SM Krishna", "sm-krishna", v1::MATCH_KIND_EXACT_NAME},
      {"America", "united-states", v1::MATCH_KIND_ALIAS},
      {"Indian Computer Emergency Response Team", "cert-in", v1::MATCH_KIND_EXACT_NAME},
      {"Indian", "india", v1::MATCH_KIND_ALIAS},        // demonym
      {"India’s", "india", v1::MATCH_KIND_EXACT_NAME},  // curly possessive
      {"Shri P. Chidambaram", "p-chidambaram", v1::MATCH_KIND_EXACT_NAME},
      // Other scripts, honorific suffixes, titles before a surname, spellings.
      {"चिदंबरम", "p-chidambaram", v1::MATCH_KIND_WORD},
      {"Chidambaram ji", "p-chidambaram", v1::MATCH_KIND_WORD},
      {"Modi ji", "narendra-modi", v1::MATCH_KIND_WORD},
      {"PM Modi", "narendra-modi", v1::MATCH_KIND_WORD},
      {"Shri Kapil Sibal", "kapil-sibal", v1::MATCH_KIND_EXACT_NAME},
      {"Secretary Clinton", "hillary-clinton", v1::MATCH_KIND_WORD},
      {"Bharat", "india", v1::MATCH_KIND_ALIAS},
      {"भारत", "india", v1::MATCH_KIND_ALIAS},
      {"Chandrasekhar", "r-chandrashekhar", v1::MATCH_KIND_PHONETIC},
      {"Rentala Chandrasekhar", "r-chandrashekhar", v1::MATCH_KIND_PHONETIC},
      {"Röntgen Chidambaram", "", v1::MATCH_KIND_UNSPECIFIED},
  };
  for (const Case& c : cases) {
    v1::SearchEntitiesRequest request;
    request.set_query(c.query);
    v1::SearchEntitiesResponse response;
    ASSERT_TRUE(lookup_->SearchEntities(request, &response).ok()) << c.query;
    if (c.id[0] == '\0') {
      EXPECT_EQ(response.matches_size(), 0) << c.query;
      continue;
    }
    ASSERT_GT(response.matches_size(), 0) << c.query;
    EXPECT_EQ(response.matches(0).entity().id(), c.id) << c.query;
    EXPECT_EQ(response.matches(0).match_kind(), c.kind) << c.query;
    EXPECT_FALSE(response.matches(0).matched_name().empty()) << c.query;
    EXPECT_FALSE(response.matches(0).score_explanation().empty()) << c.query;
  }
  v1::SearchEntitiesRequest typo;
  typo.set_query("Chidambram");
  v1::SearchEntitiesResponse response;
  ASSERT_TRUE(lookup_->SearchEntities(typo, &response).ok());
  EXPECT_EQ(response.matches(0).edit_distance(), 1);
  EXPECT_DOUBLE_EQ(response.matches(0).score_parts().edit_penalty(), 0.5);
}

TEST_F(LookupTest, KriListsKristieCanegalloAmongItsPrefixMatches) {
  v1::SearchEntitiesRequest request;
  request.set_query("Kri");
  v1::SearchEntitiesResponse response;
  ASSERT_TRUE(lookup_->SearchEntities(request, &response).ok());
  bool found = false;
  for (const auto& m : response.matches()) {
    EXPECT_EQ(m.match_kind(), v1::MATCH_KIND_PREFIX);
    found |= m.entity().id() == "kristie-canegallo";
  }
  EXPECT_TRUE(found);
}

TEST_F(LookupTest, CountryFilterRestricts) {
  v1::SearchEntitiesRequest request;
  request.set_query("Ministry");
  request.add_country_ids("india");
  v1::SearchEntitiesResponse response;
  ASSERT_TRUE(lookup_->SearchEntities(request, &response).ok());
  ASSERT_GT(response.matches_size(), 0);
  for (const auto& m : response.matches()) EXPECT_EQ(m.entity().country().id(), "india");
  request.set_country_ids(0, "us-dhs");
  ExpectError(lookup_->SearchEntities(request, &response), absl::StatusCode::kInvalidArgument,
              "is not the id of a country");
}

// Each highlight covers the query's words in the document's text.
void ExpectHighlights(const Lookup& lookup, const std::string& query, const std::string& doc_id,
                      const std::string& words) {
  v1::SearchDocumentsRequest request;
  request.set_query(query);
  v1::SearchDocumentsResponse response;
  ASSERT_TRUE(lookup.SearchDocuments(request, &response).ok()) << query;
  ASSERT_EQ(response.hits_size(), 1) << query;
  EXPECT_EQ(response.hits(0).document().id(), doc_id) << query;
  v1::GetDocumentRequest get;
  get.set_id(doc_id);
  v1::Document doc;
  ASSERT_TRUE(lookup.GetDocument(get, &doc).ok());
  ASSERT_EQ(response.hits(0).snippets_size(), 1);
  const v1::Snippet& snippet = response.hits(0).snippets(0);
  EXPECT_EQ(
      doc.text().substr(snippet.start_offset(), snippet.end_offset() - snippet.start_offset()),
      snippet.text());
  ASSERT_GT(snippet.highlights_size(), 0) << query;
  for (const auto& h : snippet.highlights()) {
    EXPECT_EQ(absl::AsciiStrToLower(
                  doc.text().substr(h.start_offset(), h.end_offset() - h.start_offset())),
              words)
        << query;
  }
}

TEST_F(LookupTest, SearchDocumentsFindsWordsAndPhrasesWithExactHighlightOffsets) {
  ExpectHighlights(*lookup_, "ransomware", "channeltimes-2016-06-08", "ransomware");
  ExpectHighlights(*lookup_, "\"fake currency notes\"", "mint-2012-04-20", "fake currency notes");
  ExpectHighlights(*lookup_, "\"digital forensics\"", "tribune-2025-01-18", "digital forensics");
}

// The documents a query finds (ids, as a set).
std::set<std::string> DocumentsFound(const Lookup& lookup, const std::string& query) {
  v1::SearchDocumentsRequest request;
  request.set_query(query);
  request.set_page_size(100);
  v1::SearchDocumentsResponse response;
  const absl::Status status = lookup.SearchDocuments(request, &response);
  EXPECT_TRUE(status.ok()) << query << ": " << status;
  EXPECT_EQ(response.total_size(), response.hits_size()) << query;
  std::set<std::string> ids;
  for (const auto& h : response.hits()) ids.insert(h.document().id());
  return ids;
}

TEST_F(LookupTest, SearchDocumentsTakesOrAndExclusions) {
  EXPECT_EQ(DocumentsFound(*lookup_, "ransomware OR \"fake currency notes\""),
            (std::set<std::string>{"channeltimes-2016-06-08", "mint-2012-04-20"}));
  ExpectHighlights(*lookup_, "ransomware OR \"no such phrase\"", "channeltimes-2016-06-08",
                   "ransomware");
  const std::set<std::string> cyber_security = DocumentsFound(*lookup_, "cyber security");
  ASSERT_EQ(cyber_security.count("channeltimes-2016-06-08"), 1u);
  std::set<std::string> without = cyber_security;
  without.erase("channeltimes-2016-06-08");
  ASSERT_FALSE(without.empty());
  EXPECT_EQ(DocumentsFound(*lookup_, "cyber security -ransomware"), without);
  EXPECT_EQ(DocumentsFound(*lookup_, "cyber security NOT ransomware"), without);
  // NEAR: fewer than both words anywhere, more than the phrase.
  const std::set<std::string> anywhere = DocumentsFound(*lookup_, "homeland security");
  const std::set<std::string> near = DocumentsFound(*lookup_, "homeland NEAR security");
  const std::set<std::string> phrase = DocumentsFound(*lookup_, "\"homeland security\"");
  ASSERT_FALSE(phrase.empty());
  for (const std::string& id : phrase) EXPECT_EQ(near.count(id), 1u) << id;
  for (const std::string& id : near) EXPECT_EQ(anywhere.count(id), 1u) << id;
  // A hyphenated word is the phrase of its parts or the parts joined: the
  // Tribune writes "cybersecurity" (and no "cyber security").
  const std::set<std::string> spaced = DocumentsFound(*lookup_, "\"cyber security\"");
  std::set<std::string> either = DocumentsFound(*lookup_, "cybersecurity");
  EXPECT_EQ(spaced.count("tribune-2025-01-18"), 0u);
  EXPECT_EQ(either.count("tribune-2025-01-18"), 1u);
  either.insert(spaced.begin(), spaced.end());
  EXPECT_EQ(DocumentsFound(*lookup_, "cyber-security"), either);
  v1::SearchDocumentsRequest request;
  v1::SearchDocumentsResponse response;
  request.set_query("cyber OR");
  ExpectError(lookup_->SearchDocuments(request, &response), absl::StatusCode::kInvalidArgument,
              "OR needs a word");
  request.set_query("-ransomware");
  ExpectError(lookup_->SearchDocuments(request, &response), absl::StatusCode::kInvalidArgument,
              "only excludes");
}

TEST_F(LookupTest, SearchDocumentsWithStemFindsOtherFormsOfAWord) {
  const std::set<std::string> talk = DocumentsFound(*lookup_, "talk");
  const std::set<std::string> talks = DocumentsFound(*lookup_, "talks");
  ASSERT_FALSE(talks.empty());
  v1::SearchDocumentsRequest request;
  request.set_query("talk");
  request.set_stem(true);
  request.set_page_size(100);
  v1::SearchDocumentsResponse response;
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  std::set<std::string> stemmed;
  for (const auto& h : response.hits()) {
    stemmed.insert(h.document().id());
    // Each hit says which form it has.
    EXPECT_THAT(h.score_explanation(), testing::ContainsRegex("talk[a-z]* [0-9]"))
        << h.document().id();
  }
  for (const std::set<std::string>* plain : {&talk, &talks}) {
    for (const std::string& id : *plain) EXPECT_EQ(stemmed.count(id), 1u) << id;
  }
  EXPECT_GT(stemmed.size(), talk.size());
}

TEST_F(LookupTest, SearchDocumentsSuggestsAQueryWhenNothingMatched) {
  v1::SearchDocumentsRequest request;
  request.set_query("ransomwre \"cyber securty\"");
  v1::SearchDocumentsResponse response;
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  EXPECT_EQ(response.total_size(), 0);
  EXPECT_EQ(response.suggested_query(), "ransomware \"cyber security\"");
  request.set_query(response.suggested_query());
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  EXPECT_GE(response.total_size(), 1);
  EXPECT_EQ(response.suggested_query(), "");
  request.set_query("ransomware");
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  EXPECT_EQ(response.total_size(), 1);
  EXPECT_EQ(response.suggested_query(), "");
  // A suggestion that would find nothing either is not made.
  request.set_query("ransomwre");
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  EXPECT_EQ(response.suggested_query(), "ransomware");
  request.set_query("ransomwre -ransomware");
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  EXPECT_EQ(response.suggested_query(), "");
  request.set_query("ransomwre");
  request.mutable_filter()->set_publisher("tribune");
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  EXPECT_EQ(response.suggested_query(), "");
}

// Pages of one, token after token, give the documents of one large page in
// the same order (each page searches for the best up to its end).
TEST_F(LookupTest, SearchDocumentsPagesAgreeWithOnePageOfEverything) {
  v1::SearchDocumentsRequest request;
  request.set_query("security");
  request.set_page_size(100);
  v1::SearchDocumentsResponse everything;
  ASSERT_TRUE(lookup_->SearchDocuments(request, &everything).ok());
  ASSERT_GE(everything.hits_size(), 3);
  EXPECT_EQ(everything.total_size(), everything.hits_size());
  std::vector<std::string> all, paged;
  for (const auto& h : everything.hits()) all.push_back(h.document().id());
  request.set_page_size(1);
  for (int page = 0; page < 50; ++page) {  // bounded
    v1::SearchDocumentsResponse response;
    ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
    EXPECT_EQ(response.total_size(), everything.total_size());
    for (const auto& h : response.hits()) paged.push_back(h.document().id());
    if (response.next_page_token().empty()) break;
    request.set_page_token(response.next_page_token());
  }
  EXPECT_EQ(paged, all);
}

TEST_F(LookupTest, SearchDocumentsFilters) {
  v1::SearchDocumentsRequest request;
  request.set_query("cyber security");
  v1::SearchDocumentsResponse response;
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  EXPECT_EQ(response.total_size(), 5);
  request.mutable_filter()->set_from_date("2016");
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  EXPECT_EQ(response.total_size(), 2);  // 2016 and 2025
  request.mutable_filter()->set_publisher("tribune");
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  ASSERT_EQ(response.total_size(), 1);
  EXPECT_EQ(response.hits(0).document().id(), "tribune-2025-01-18");
  request.Clear();
  request.set_query("cyber");
  request.mutable_filter()->add_mentioned_entity_ids("christopher-painter");
  ASSERT_TRUE(lookup_->SearchDocuments(request, &response).ok());
  ASSERT_EQ(response.total_size(), 1);
  EXPECT_EQ(response.hits(0).document().id(), "wire-2015-painter");
  request.set_query("\"unclosed");
  ExpectError(lookup_->SearchDocuments(request, &response), absl::StatusCode::kInvalidArgument,
              "unclosed quote");
}

TEST_F(LookupTest, MentionsLinkEveryKnownNameInTheSeeds) {
  v1::ListMentionsRequest request;
  request.set_entity_id("christopher-painter");
  v1::ListMentionsResponse response;
  ASSERT_TRUE(lookup_->ListMentions(request, &response).ok());
  ASSERT_EQ(response.total_size(), 3);  // the full name once, "Painter" twice
  EXPECT_EQ(response.mentions(0).surface(), "Christopher Painter");
  EXPECT_EQ(response.mentions(0).start_offset(), 256);
  EXPECT_EQ(response.mentions(1).kind(), v1::MENTION_KIND_SURNAME);
  // Case matters for capitals-only aliases: "US" is linked, no lower-case "us" is.
  request.set_entity_id("united-states");
  request.set_page_size(500);
  ASSERT_TRUE(lookup_->ListMentions(request, &response).ok());
  for (const auto& m : response.mentions()) EXPECT_NE(m.surface(), "us");
  // GetEntity carries the count and the first mentions.
  v1::GetEntityRequest get;
  get.set_id("cert-in");
  v1::Entity entity;
  ASSERT_TRUE(lookup_->GetEntity(get, &entity).ok());
  EXPECT_EQ(entity.mention_count(),
            3);  // "Indian Computer Emergency Response Team (CERT-In)", "CERT-In is"
  EXPECT_EQ(entity.mentions_size(), 3);
}

TEST_F(LookupTest, ListDocumentsFiltersByMentionedEntity) {
  v1::ListDocumentsRequest request;
  request.set_mentioned_entity_id("janet-napolitano");
  v1::ListDocumentsResponse response;
  ASSERT_TRUE(lookup_->ListDocuments(request, &response).ok());
  std::vector<std::string> ids;
  for (const auto& d : response.documents()) ids.push_back(d.id());
  EXPECT_THAT(ids, ElementsAre("jagran-2011-07-19", "mint-2012-04-20"));
}

TEST_F(LookupTest, LinkMentionsMarksCandidatesAndUnlinkedNames) {
  v1::LinkMentionsRequest request;
  request.set_text(
      "Let us see: Napolitano met US and Indian officials of the Cyber Policy Institute.");
  v1::LinkMentionsResponse response;
  ASSERT_TRUE(lookup_->LinkMentions(request, &response).ok());
  std::vector<std::string> spans;
  for (const auto& s : response.spans()) {
    spans.push_back(s.surface() + (s.linked() ? "=" + s.candidates(0).entity().id() : "=?"));
    EXPECT_EQ(request.text().substr(s.start_offset(), s.end_offset() - s.start_offset()),
              s.surface());
  }
  EXPECT_THAT(spans, ElementsAre("Napolitano=janet-napolitano", "US=united-states", "Indian=india",
                                 "Cyber Policy Institute=?"));
  v1::BatchLinkMentionsRequest batch;
  batch.add_requests()->set_text("CERT-In");
  batch.add_requests()->set_text("nothing here");
  v1::BatchLinkMentionsResponse batch_response;
  ASSERT_TRUE(lookup_->BatchLinkMentions(batch, &batch_response).ok());
  ASSERT_EQ(batch_response.responses_size(), 2);
  EXPECT_EQ(batch_response.responses(0).spans(0).candidates(0).entity().id(), "cert-in");
  EXPECT_EQ(batch_response.responses(1).spans_size(), 0);
  request.set_text(std::string(kMaxLinkTextBytes + 1, 'a'));
  ExpectError(lookup_->LinkMentions(request, &response), absl::StatusCode::kInvalidArgument,
              "split it into parts");
}

// A run of capitalized words is one unlinked name until a clause's
// punctuation or a line break; connectors inside join it.
TEST_F(LookupTest, LinkMentionsEndsUnlinkedNamesAtPunctuation) {
  v1::LinkMentionsRequest request;
  request.set_text(
      "Reports from Alpha Beta, Gamma Delta; Epsilon Zeta: Eta Theta.\nIota Kappa and Lambda "
      "Mu\nNu Xi");
  v1::LinkMentionsResponse response;
  ASSERT_TRUE(lookup_->LinkMentions(request, &response).ok());
  std::vector<std::string> spans;
  for (const auto& s : response.spans()) {
    EXPECT_FALSE(s.linked()) << s.surface();
    spans.push_back(s.surface());
  }
  EXPECT_THAT(spans, ElementsAre("Alpha Beta", "Gamma Delta", "Epsilon Zeta", "Eta Theta",
                                 "Iota Kappa and Lambda Mu", "Nu Xi"));
}

// A legal text full of names links to more than any client receives by
// default (4 MiB): the answer is cut, marked, and says where to resume.
TEST_F(LookupTest, LinkMentionsAnswersOfLegalTextsStayReceivable) {
  const std::string sentence = "Napolitano met Chidambaram and US officials of CERT-In. ";
  std::string text;
  while (text.size() + sentence.size() <= kMaxLinkTextBytes) text += sentence;
  v1::LinkMentionsRequest request;
  request.set_text(text);
  v1::LinkMentionsResponse response;
  ASSERT_TRUE(lookup_->LinkMentions(request, &response).ok());
  EXPECT_LE(response.ByteSizeLong(), kMaxLinkResponseBytes + 64);
  EXPECT_TRUE(response.truncated());
  ASSERT_GT(response.spans_size(), 1000);
  const v1::LinkedSpan& last = response.spans(response.spans_size() - 1);
  EXPECT_GE(response.resume_offset(), last.end_offset());
  EXPECT_LT(response.resume_offset(), static_cast<int64_t>(text.size()));
  // The span that did not fit starts at resume_offset: linking the rest
  // starts with it.
  v1::LinkMentionsRequest rest;
  rest.set_text(text.substr(response.resume_offset()));
  v1::LinkMentionsResponse rest_response;
  ASSERT_TRUE(lookup_->LinkMentions(rest, &rest_response).ok());
  ASSERT_GT(rest_response.spans_size(), 0);
  EXPECT_EQ(rest_response.spans(0).start_offset(), 0);

  // A batch shares the room: the second text comes back empty, truncated at 0.
  v1::BatchLinkMentionsRequest batch;
  *batch.add_requests() = request;
  batch.add_requests()->set_text("CERT-In");
  v1::BatchLinkMentionsResponse batch_response;
  ASSERT_TRUE(lookup_->BatchLinkMentions(batch, &batch_response).ok());
  EXPECT_LE(batch_response.ByteSizeLong(), kMaxLinkResponseBytes + 64);
  ASSERT_EQ(batch_response.responses_size(), 2);
  EXPECT_TRUE(batch_response.responses(0).truncated());
  EXPECT_TRUE(batch_response.responses(1).truncated());
  EXPECT_EQ(batch_response.responses(1).spans_size(), 0);
  EXPECT_EQ(batch_response.responses(1).resume_offset(), 0);
}

TEST_F(LookupTest, AnExtractedFloorOutsideZeroToOneIsInvalidOnEveryReadThatTakesIt) {
  v1::ExtractedFactsFilter bad;
  bad.set_min_confidence(1.5);
  auto expect_invalid = [](const absl::Status& status) {
    ExpectError(status, absl::StatusCode::kInvalidArgument, "extracted.min_confidence is 1.5");
  };
  v1::GetEntityRequest get_entity;
  get_entity.set_id("vinay-kwatra");
  *get_entity.mutable_extracted() = bad;
  v1::Entity entity;
  expect_invalid(lookup_->GetEntity(get_entity, &entity));
  v1::BatchGetEntitiesRequest batch;
  batch.add_ids("vinay-kwatra");
  *batch.mutable_extracted() = bad;
  v1::BatchGetEntitiesResponse entities;
  expect_invalid(lookup_->BatchGetEntities(batch, &entities));
  v1::SearchEntitiesRequest search;
  search.set_query("Kwatra");
  *search.mutable_extracted() = bad;
  v1::SearchEntitiesResponse matches;
  expect_invalid(lookup_->SearchEntities(search, &matches));
  v1::GetEventRequest get_event;
  get_event.set_id("2025-01-17-cybercrime-mou");
  *get_event.mutable_extracted() = bad;
  v1::Event event;
  expect_invalid(lookup_->GetEvent(get_event, &event));
  v1::ListEventsRequest list_events;
  *list_events.mutable_extracted() = bad;
  v1::ListEventsResponse events;
  expect_invalid(lookup_->ListEvents(list_events, &events));
  v1::ListParticipationsRequest participations;
  *participations.mutable_extracted() = bad;
  v1::ListParticipationsResponse rows;
  expect_invalid(lookup_->ListParticipations(participations, &rows));
  v1::ListConnectionsRequest connections;
  connections.set_entity_id("hillary-clinton");
  *connections.mutable_extracted() = bad;
  v1::ListConnectionsResponse connected;
  expect_invalid(lookup_->ListConnections(connections, &connected));
}

}  // namespace
}  // namespace parley
