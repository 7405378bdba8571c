// Facets, title and place filters, read masks and export, on the seeds.
#include <map>
#include <set>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "service/base/errors.h"
#include "service/base/normalize.h"
#include "service/lookup/corpus_lookup_test.h"
#include "service/lookup/lookup.h"
#include "service/lookup/read_mask.h"

namespace parley {
namespace {

using ::testing::HasSubstr;

class ListExtrasTest : public CorpusLookupTest<kSeedCorpus> {
 protected:
  static v1::ListEventsResponse Events(const v1::ListEventsRequest& request) {
    v1::ListEventsResponse response;
    const absl::Status status = lookup_->ListEvents(request, &response);
    EXPECT_TRUE(status.ok()) << status;
    return response;
  }
};

TEST_F(ListExtrasTest, EventFacetsCountWhatTheFilterWouldList) {
  v1::ListEventsRequest request;
  request.mutable_filter()->add_topics("cyber");
  request.set_page_size(1);  // facets count every result, not the page
  request.add_facets(v1::FACET_FIELD_KIND);
  request.add_facets(v1::FACET_FIELD_YEAR);
  const v1::ListEventsResponse response = Events(request);
  ASSERT_EQ(response.facets_size(), 2);
  EXPECT_EQ(response.facets(0).field(), v1::FACET_FIELD_KIND);
  int kinds_total = 0;
  for (const v1::FacetBucket& bucket : response.facets(0).buckets()) {
    kinds_total += bucket.count();
    // Each bucket is what the same filter with that kind lists.
    v1::ListEventsRequest one;
    one.mutable_filter()->add_topics("cyber");
    v1::EventKind kind;
    ASSERT_TRUE(v1::EventKind_Parse(bucket.value(), &kind)) << bucket.value();
    one.mutable_filter()->add_kinds(kind);
    EXPECT_EQ(Events(one).total_size(), bucket.count()) << bucket.value();
  }
  EXPECT_EQ(kinds_total, response.total_size());
  int years_total = 0;
  for (const v1::FacetBucket& bucket : response.facets(1).buckets()) {
    years_total += bucket.count();
    v1::ListEventsRequest one;
    one.mutable_filter()->add_topics("cyber");
    one.mutable_filter()->set_from_date(bucket.value());
    one.mutable_filter()->set_to_date(bucket.value());
    EXPECT_EQ(Events(one).total_size(), bucket.count()) << bucket.value();
  }
  EXPECT_EQ(years_total, response.total_size());
  // Largest first.
  const auto& buckets = response.facets(1).buckets();
  for (int i = 1; i < buckets.size(); ++i) EXPECT_GE(buckets[i - 1].count(), buckets[i].count());
}

TEST_F(ListExtrasTest, ParticipationFacetsCountRowsBySide) {
  v1::ListParticipationsRequest request;
  request.mutable_filter()->add_topics("cyber");
  request.add_facets(v1::FACET_FIELD_COUNTRY);
  v1::ListParticipationsResponse response;
  ASSERT_TRUE(lookup_->ListParticipations(request, &response).ok());
  std::map<std::string, int> by_side;
  for (const v1::Participation& row : response.participations()) ++by_side[row.side().id()];
  ASSERT_EQ(response.facets_size(), 1);
  ASSERT_FALSE(response.facets(0).buckets().empty());
  for (const v1::FacetBucket& bucket : response.facets(0).buckets()) {
    EXPECT_EQ(bucket.count(), by_side[bucket.value()]) << bucket.value();
    EXPECT_FALSE(bucket.label().empty());
  }
  request.add_facets(v1::FACET_FIELD_COUNTRY);
  EXPECT_EQ(ReasonOf(lookup_->ListParticipations(request, &response)), "DUPLICATE_FACET");
}

TEST_F(ListExtrasTest, PlacesMatchEventsThereAndWithin) {
  v1::ListEventsRequest request;
  request.mutable_filter()->set_place("new delhi");
  const v1::ListEventsResponse delhi = Events(request);
  bool hyderabad_house = false;
  for (const v1::Event& e : delhi.events()) {
    EXPECT_EQ(e.location().city(), "New Delhi") << e.id();
    hyderabad_house |= e.location().place() == "Hyderabad House, New Delhi";
  }
  EXPECT_TRUE(hyderabad_house);
  request.mutable_filter()->set_place("Washington");
  const v1::ListEventsResponse washington = Events(request);
  ASSERT_GT(washington.total_size(), 0);
  for (const v1::Event& e : washington.events()) EXPECT_EQ(e.location().city(), "Washington");
  // A country's alias: every event located in it.
  request.mutable_filter()->set_place("USA");
  EXPECT_EQ(Events(request).total_size(), washington.total_size());
  // A place of events, or a country, with no event in the dates asked:
  // none, no error.
  request.mutable_filter()->set_place("Washington");
  request.mutable_filter()->set_to_date("2000");
  EXPECT_EQ(Events(request).total_size(), 0);
  request.mutable_filter()->set_place("India");
  EXPECT_EQ(Events(request).total_size(), 0);
  // A place no event is held at: the places there are, most events first.
  request.mutable_filter()->set_place("Timbuktu");
  v1::ListEventsResponse none;
  const absl::Status status = lookup_->ListEvents(request, &none);
  EXPECT_EQ(ReasonOf(status), "UNKNOWN_PLACE");
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("filter.place \"Timbuktu\": no event was held there; events were held at "
                        "New Delhi (" +
                        std::to_string(delhi.total_size()) + ")"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("Washington ("));
  v1::ListParticipationsRequest who;
  who.mutable_filter()->set_place("Timbuktu");
  v1::ListParticipationsResponse nobody;
  EXPECT_EQ(ReasonOf(lookup_->ListParticipations(who, &nobody)), "UNKNOWN_PLACE");
}

TEST_F(ListExtrasTest, TitleWordsMustAllOccur) {
  v1::ListEventsRequest request;
  request.mutable_filter()->set_title_words("Strategic dialogue");
  const v1::ListEventsResponse response = Events(request);
  ASSERT_GE(response.total_size(), 2);
  for (const v1::Event& e : response.events()) {
    const std::vector<std::string> words = NormalizedWords(e.title());
    EXPECT_NE(std::find(words.begin(), words.end(), "strategic"), words.end()) << e.title();
    EXPECT_NE(std::find(words.begin(), words.end(), "dialogue"), words.end()) << e.title();
  }
  request.mutable_filter()->set_title_words("?!");
  v1::ListEventsResponse refused;
  const absl::Status status = lookup_->ListEvents(request, &refused);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("filter.title_words"));
}

TEST_F(ListExtrasTest, ReadMasksKeepOnlyTheFieldsAsked) {
  v1::GetEntityRequest request;
  request.set_id("janet-napolitano");
  request.mutable_read_mask()->add_paths("name");
  request.mutable_read_mask()->add_paths("positions.title");
  v1::Entity entity;
  ASSERT_TRUE(lookup_->GetEntity(request, &entity).ok());
  ASSERT_TRUE(ApplyReadMask(request, &entity).ok());
  EXPECT_EQ(entity.name(), "Janet Napolitano");
  EXPECT_TRUE(entity.id().empty());
  EXPECT_TRUE(entity.mentions().empty());
  ASSERT_GT(entity.positions_size(), 0);
  EXPECT_FALSE(entity.positions(0).title().empty());
  EXPECT_TRUE(entity.positions(0).evidence().empty());
  // Lists mask each resource; searches the entity of each hit.
  v1::SearchEntitiesRequest search;
  search.set_query("Napolitano");
  search.mutable_read_mask()->add_paths("id");
  v1::SearchEntitiesResponse hits;
  ASSERT_TRUE(lookup_->SearchEntities(search, &hits).ok());
  ASSERT_TRUE(ApplyReadMask(search, &hits).ok());
  ASSERT_GT(hits.matches_size(), 0);
  EXPECT_EQ(hits.matches(0).entity().id(), "janet-napolitano");
  EXPECT_TRUE(hits.matches(0).entity().name().empty());
  EXPECT_GT(hits.matches(0).score(), 0);  // the hit itself is not masked
  request.mutable_read_mask()->add_paths("positions.titel");
  const absl::Status status = ApplyReadMask(request, &entity);
  EXPECT_EQ(ReasonOf(status), "INVALID_READ_MASK");
  EXPECT_THAT(std::string(status.message()), HasSubstr("read_mask.paths[2]"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("parley.v1.Position"));
}

TEST_F(ListExtrasTest, ExportStreamsEverythingTheReadsShow) {
  v1::ExportRequest request;
  request.mutable_extracted()->set_min_confidence(0);
  absl::StatusOr<ExportCursor> cursor = lookup_->StartExport(request);
  ASSERT_TRUE(cursor.ok()) << cursor.status();
  std::map<v1::ExportItem::ItemCase, size_t> counts;
  std::set<std::string> event_ids;
  v1::ExportItem item;
  v1::ExportItem::ItemCase last = v1::ExportItem::ITEM_NOT_SET;
  while (cursor->Next(&item)) {
    EXPECT_GE(item.item_case(), last);  // entities, events, participations, documents
    last = item.item_case();
    ++counts[item.item_case()];
    if (!item.has_event()) continue;
    event_ids.insert(item.event().id());
    // As GetEvent gives it: the same message, quotes and all.
    v1::GetEventRequest get;
    get.set_id(item.event().id());
    *get.mutable_extracted() = request.extracted();
    v1::Event got;
    ASSERT_TRUE(lookup_->GetEvent(get, &got).ok()) << get.id();
    EXPECT_EQ(item.event().SerializeAsString(), got.SerializeAsString()) << get.id();
  }
  const Index& index = lookup_->index();
  EXPECT_EQ(counts[v1::ExportItem::kEntity], index.entities().size());
  EXPECT_EQ(counts[v1::ExportItem::kEvent], index.events().size());
  EXPECT_EQ(counts[v1::ExportItem::kParticipation], index.participation_count());
  EXPECT_EQ(counts[v1::ExportItem::kDocument], index.documents().size());
  EXPECT_EQ(event_ids.size(), index.events().size());
  // Kinds asked for only; curated only leaves the extracted out.
  request.add_kinds(v1::EXPORT_KIND_EVENTS);
  request.mutable_extracted()->set_exclude(true);
  cursor = lookup_->StartExport(request);
  ASSERT_TRUE(cursor.ok());
  size_t curated = 0;
  while (cursor->Next(&item)) {
    ASSERT_TRUE(item.has_event());
    EXPECT_EQ(item.event().origin(), v1::ORIGIN_CURATED);
    ++curated;
  }
  EXPECT_GT(curated, 0u);
  request.add_kinds(static_cast<v1::ExportKind>(42));
  EXPECT_EQ(lookup_->StartExport(request).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace parley
