#include "service/lookup/extracted_filter.h"

#include <cmath>
#include <limits>
#include <map>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"

namespace parley {
namespace {

using ::testing::HasSubstr;

// Confidences around the default floor, whatever it is.
constexpr double kBelow = kDefaultMinExtractedConfidence - 0.05;
constexpr double kAt = kDefaultMinExtractedConfidence;

ExtractedFilter MakeFilter(const v1::ExtractedFactsFilter& filter,
                           ExtractedFilter::EntityFinder find = nullptr) {
  absl::StatusOr<ExtractedFilter> made = ExtractedFilter::Make(filter, std::move(find));
  EXPECT_TRUE(made.ok()) << made.status();
  return *made;
}

v1::ExtractedFactsFilter MinConfidence(double floor) {
  v1::ExtractedFactsFilter filter;
  filter.set_min_confidence(floor);
  return filter;
}

v1::Evidence Quote(absl::string_view document, v1::Origin origin, double confidence = 0) {
  v1::Evidence e;
  e.set_document_id(std::string(document));
  e.set_quote("...");
  e.set_origin(origin);
  e.set_confidence(confidence);
  return e;
}

v1::Participant Participant(absl::string_view id, absl::string_view side, v1::Origin origin,
                            double confidence = 0) {
  v1::Participant p;
  p.mutable_entity()->set_id(std::string(id));
  p.mutable_side()->set_id(std::string(side));
  p.mutable_organization()->set_id(absl::StrCat(side, "-ministry"));
  p.set_origin(origin);
  p.set_confidence(confidence);
  *p.add_evidence() = Quote("doc", origin, confidence);
  return p;
}

// A curated event with a curated participant (india) and two extracted
// ones: below the default floor (united-states) and at it (japan).
v1::Event CuratedEventWithAdditions() {
  v1::Event e;
  e.set_id("curated-event");
  e.set_origin(v1::ORIGIN_CURATED);
  e.add_countries()->set_id("india");
  *e.add_participants() = Participant("curated-person", "india", v1::ORIGIN_CURATED);
  *e.add_participants() = Participant("x-below", "united-states", v1::ORIGIN_EXTRACTED, kBelow);
  *e.add_participants() = Participant("x-at", "japan", v1::ORIGIN_EXTRACTED, kAt);
  *e.add_evidence() = Quote("seed", v1::ORIGIN_CURATED);
  *e.add_evidence() = Quote("wire-below", v1::ORIGIN_EXTRACTED, kBelow);
  *e.add_evidence() = Quote("wire-at", v1::ORIGIN_EXTRACTED, kAt);
  return e;
}

std::vector<std::string> ParticipantIds(const v1::Event& e) {
  std::vector<std::string> ids;
  for (const v1::Participant& p : e.participants()) ids.push_back(p.entity().id());
  return ids;
}

std::vector<std::string> EvidenceDocuments(
    const google::protobuf::RepeatedPtrField<v1::Evidence>& evidence) {
  std::vector<std::string> ids;
  for (const v1::Evidence& e : evidence) ids.push_back(e.document_id());
  return ids;
}

TEST(ExtractedFilterTest, UnsetMinConfidenceIsTheDefaultFloor) {
  const ExtractedFilter filter = MakeFilter(v1::ExtractedFactsFilter());
  EXPECT_EQ(filter.floor(), kDefaultMinExtractedConfidence);
  EXPECT_FALSE(filter.Shows(v1::ORIGIN_EXTRACTED, kBelow));
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_EXTRACTED, kAt));
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_EXTRACTED, 1.0));
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_CURATED, 0));  // curated facts carry no confidence
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_UNSPECIFIED, 0));
}

TEST(ExtractedFilterTest, AComputedConfidencePrintedAsTheFloorMeetsIt) {
  const double computed = (kDefaultMinExtractedConfidence - 0.1) + 0.1;  // 0.7999999999999999
  EXPECT_TRUE(MakeFilter(v1::ExtractedFactsFilter()).Shows(v1::ORIGIN_EXTRACTED, computed));
}

TEST(ExtractedFilterTest, ExplicitZeroShowsEveryExtractedFact) {
  const ExtractedFilter filter = MakeFilter(MinConfidence(0));
  EXPECT_EQ(filter.floor(), 0);
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_EXTRACTED, 0));
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_EXTRACTED, kBelow));
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_EXTRACTED, kAt));
}

TEST(ExtractedFilterTest, AnExplicitFloorAboveTheDefaultIsKept) {
  const ExtractedFilter filter = MakeFilter(MinConfidence(0.95));
  EXPECT_FALSE(filter.Shows(v1::ORIGIN_EXTRACTED, kAt));
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_EXTRACTED, 0.95));
}

TEST(ExtractedFilterTest, ExcludeShowsCuratedFactsOnly) {
  v1::ExtractedFactsFilter request = MinConfidence(0);
  request.set_exclude(true);
  const ExtractedFilter filter = MakeFilter(request);
  EXPECT_FALSE(filter.Shows(v1::ORIGIN_EXTRACTED, 1.0));
  EXPECT_TRUE(filter.Shows(v1::ORIGIN_CURATED, 0));
}

TEST(ExtractedFilterTest, AFloorOutsideZeroToOneIsInvalidAndNamesTheField) {
  for (double bad : {1.5, -0.1, std::numeric_limits<double>::quiet_NaN(),
                     std::numeric_limits<double>::infinity()}) {
    absl::StatusOr<ExtractedFilter> made = ExtractedFilter::Make(MinConfidence(bad), nullptr);
    ASSERT_FALSE(made.ok()) << bad;
    EXPECT_EQ(made.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(made.status().message()), HasSubstr("extracted.min_confidence is "));
    EXPECT_THAT(std::string(made.status().message()), HasSubstr("give a confidence from 0 to 1"));
  }
  EXPECT_TRUE(ExtractedFilter::Make(MinConfidence(0), nullptr).ok());
  EXPECT_TRUE(ExtractedFilter::Make(MinConfidence(1), nullptr).ok());
}

TEST(ExtractedFilterTest, AnEventKeepsTheParticipantsAndEvidenceThatShow) {
  v1::Event by_default = CuratedEventWithAdditions();
  MakeFilter(v1::ExtractedFactsFilter()).RemoveHidden(&by_default);
  EXPECT_THAT(ParticipantIds(by_default), ::testing::ElementsAre("curated-person", "x-at"));
  EXPECT_THAT(EvidenceDocuments(by_default.evidence()), ::testing::ElementsAre("seed", "wire-at"));

  v1::Event everything = CuratedEventWithAdditions();
  MakeFilter(MinConfidence(0)).RemoveHidden(&everything);
  EXPECT_THAT(ParticipantIds(everything),
              ::testing::ElementsAre("curated-person", "x-below", "x-at"));
  EXPECT_EQ(everything.evidence_size(), 3);

  v1::ExtractedFactsFilter exclude;
  exclude.set_exclude(true);
  v1::Event curated = CuratedEventWithAdditions();
  MakeFilter(exclude).RemoveHidden(&curated);
  EXPECT_THAT(ParticipantIds(curated), ::testing::ElementsAre("curated-person"));
  EXPECT_THAT(EvidenceDocuments(curated.evidence()), ::testing::ElementsAre("seed"));
}

TEST(ExtractedFilterTest, AnExtractedParticipantNeedsItsPersonShown) {
  // x-at's own confidence meets the floor, but the person is an extracted
  // entity below it: both go.
  std::vector<v1::Entity> people(1);
  people[0].set_id("x-at");
  people[0].set_origin(v1::ORIGIN_EXTRACTED);
  people[0].set_confidence(kBelow);
  const EntityStore store = EntityStore::Freeze(std::move(people));
  const auto find = [&store](absl::string_view id) -> std::optional<EntityView> {
    const int32_t e = store.Find(id);
    if (e < 0) return std::nullopt;
    return store[e];
  };
  const ExtractedFilter filter = MakeFilter(v1::ExtractedFactsFilter(), find);
  const v1::Event event = CuratedEventWithAdditions();
  EXPECT_FALSE(filter.Shows(event.participants(2)));
  EXPECT_TRUE(filter.Shows(event.participants(0)));
  v1::Participation row;
  row.mutable_person()->set_id("x-at");
  row.set_origin(v1::ORIGIN_EXTRACTED);
  row.set_confidence(kAt);
  EXPECT_FALSE(filter.Shows(row));
  EXPECT_TRUE(MakeFilter(MinConfidence(0), find).Shows(row));
}

TEST(ExtractedFilterTest, AnEventDoesNotMatchThroughParticipantsThatDoNotShow) {
  const EventStore events = EventStore::Freeze({CuratedEventWithAdditions()});
  const EventView event = events[0];
  const ExtractedFilter by_default = MakeFilter(v1::ExtractedFactsFilter());
  const ExtractedFilter everything = MakeFilter(MinConfidence(0));
  auto filter_on = [](void (*set)(v1::EventFilter&)) {
    v1::EventFilter f;
    set(f);
    return f;
  };
  // x-below, its side and its organization are the hidden participant's only.
  for (const v1::EventFilter& f : {
           filter_on([](v1::EventFilter& f) { f.add_participant_ids("x-below"); }),
           filter_on([](v1::EventFilter& f) { f.add_country_ids("united-states"); }),
           filter_on([](v1::EventFilter& f) { f.add_organization_ids("united-states-ministry"); }),
       }) {
    EXPECT_FALSE(by_default.StillMatches(event, f)) << f.ShortDebugString();
    EXPECT_TRUE(everything.StillMatches(event, f)) << f.ShortDebugString();
  }
  // Shown participants, and the event's own countries, still match.
  for (const v1::EventFilter& f : {
           filter_on([](v1::EventFilter& f) { f.add_participant_ids("x-at"); }),
           filter_on([](v1::EventFilter& f) { f.add_participant_ids("curated-person"); }),
           filter_on([](v1::EventFilter& f) { f.add_country_ids("india"); }),
           filter_on([](v1::EventFilter& f) {
             f.add_participant_ids("x-below");
             f.add_participant_ids("x-at");
           }),
           filter_on([](v1::EventFilter& f) { f.add_topics("cyber"); }),
       }) {
    EXPECT_TRUE(by_default.StillMatches(event, f)) << f.ShortDebugString();
  }
}

TEST(ExtractedFilterTest, AnEntityKeepsThePositionsAndEvidenceThatShow) {
  v1::Entity person;
  person.set_origin(v1::ORIGIN_CURATED);
  *person.add_evidence() = Quote("seed", v1::ORIGIN_CURATED);
  *person.add_evidence() = Quote("wire-below", v1::ORIGIN_EXTRACTED, kBelow);
  v1::Position* curated = person.add_positions();
  curated->set_title("Minister");
  curated->set_origin(v1::ORIGIN_CURATED);
  v1::Position* below = person.add_positions();
  below->set_title("Envoy");
  below->set_origin(v1::ORIGIN_EXTRACTED);
  below->set_confidence(kBelow);
  v1::Position* at = person.add_positions();
  at->set_title("Secretary");
  at->set_origin(v1::ORIGIN_EXTRACTED);
  at->set_confidence(kAt);  // the best of its quotes
  *at->add_evidence() = Quote("wire-at", v1::ORIGIN_EXTRACTED, kAt);
  *at->add_evidence() = Quote("wire-below", v1::ORIGIN_EXTRACTED, kBelow);
  MakeFilter(v1::ExtractedFactsFilter()).RemoveHidden(&person);
  ASSERT_EQ(person.positions_size(), 2);
  EXPECT_EQ(person.positions(0).title(), "Minister");
  EXPECT_EQ(person.positions(1).title(), "Secretary");
  EXPECT_THAT(EvidenceDocuments(person.positions(1).evidence()), ::testing::ElementsAre("wire-at"));
  EXPECT_THAT(EvidenceDocuments(person.evidence()), ::testing::ElementsAre("seed"));
}

}  // namespace
}  // namespace parley
