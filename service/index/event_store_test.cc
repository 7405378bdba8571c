#include "service/index/event_store.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace parley {
namespace {

using google::protobuf::util::MessageDifferencer;

v1::Event Parse(const std::string& text) {
  v1::Event e;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &e)) << text;
  return e;
}

// The first event of the Mint article (seed-facts.md), as an index holds it.
v1::Event Dialogue() {
  return Parse(R"pb(
    id: "2011-05-27-homeland-security-dialogue-launch"
    kind: EVENT_KIND_DIALOGUE
    title: "India-US Homeland Security Dialogue"
    date { year: 2011 month: 5 day: 27 display: "2011-05-27" }
    location {
      place: "Hyderabad House, New Delhi"
      city: "New Delhi"
      country { id: "india" name: "India" kind: ENTITY_KIND_COUNTRY }
    }
    countries { id: "india" name: "India" kind: ENTITY_KIND_COUNTRY }
    countries { id: "united-states" name: "United States" kind: ENTITY_KIND_COUNTRY }
    organizations { id: "dhs" name: "Department of Homeland Security" }
    topics: "counterterrorism"
    topics: "cybersecurity"
    participants {
      entity { id: "p-chidambaram" name: "P Chidambaram" kind: ENTITY_KIND_PERSON }
      title: "Home Minister"
      side { id: "india" name: "India" kind: ENTITY_KIND_COUNTRY }
      function: PARTICIPANT_FUNCTION_COUNTERPART
      evidence { document_id: "mint" start_offset: 10 end_offset: 40 }
      origin: ORIGIN_CURATED
    }
    participants {
      entity { id: "janet-napolitano" name: "Janet Napolitano" kind: ENTITY_KIND_PERSON }
      title: "Secretary of Homeland Security"
      side { id: "united-states" name: "United States" kind: ENTITY_KIND_COUNTRY }
      organization { id: "dhs" name: "Department of Homeland Security" }
      function: PARTICIPANT_FUNCTION_COUNTERPART
      origin: ORIGIN_EXTRACTED
      confidence: 0.75
    }
    evidence { document_id: "mint" start_offset: 0 end_offset: 80 }
    summary: "The first ministerial dialogue."
    origin: ORIGIN_CURATED)pb");
}

v1::Event Planned() {
  return Parse(R"pb(
    id: "2011-07-visit"
    kind: EVENT_KIND_VISIT
    title: "Visit"
    date { year: 2011 month: 7 display: "2011-07" }
    participants {
      entity { id: "janet-napolitano" name: "Janet Napolitano" kind: ENTITY_KIND_PERSON }
      side {}
    }
    participants {}
    location {}
    origin: ORIGIN_EXTRACTED
    confidence: 0.5
    planned: true)pb");
}

TEST(EventStoreTest, EveryEventReadsBackWhole) {
  const EventStore store = EventStore::Freeze({Dialogue(), Planned()});
  ASSERT_EQ(store.size(), 2);
  EXPECT_TRUE(MessageDifferencer::Equals(store[0].ToProto(), Dialogue()))
      << store[0].ToProto().DebugString();
  EXPECT_TRUE(MessageDifferencer::Equals(store[1].ToProto(), Planned()))
      << store[1].ToProto().DebugString();
}

// A reference is kept as written: the same id under another name or kind
// is another reference, and one written the same way is shared.
TEST(EventStoreTest, ReferencesWithOneIdAndAnotherNameOrKindStayApart) {
  const v1::Event renamed = Parse(R"pb(
    id: "renamed"
    countries { id: "india" name: "Bharat" kind: ENTITY_KIND_COUNTRY }
    countries { id: "india" name: "India" kind: ENTITY_KIND_ORGANIZATION }
    countries { id: "india" name: "India" kind: ENTITY_KIND_COUNTRY }
    organizations { id: "dhs" name: "India" }
    participants { entity { id: "India" name: "india" kind: ENTITY_KIND_PERSON } })pb");
  const EventStore store = EventStore::Freeze({Dialogue(), renamed, Dialogue()});
  ASSERT_EQ(store.size(), 3);
  for (int32_t e : {0, 2}) {
    EXPECT_TRUE(MessageDifferencer::Equals(store[e].ToProto(), Dialogue())) << e;
  }
  EXPECT_TRUE(MessageDifferencer::Equals(store[1].ToProto(), renamed))
      << store[1].ToProto().DebugString();
}

TEST(EventStoreTest, RowsHoldWhatFiltersAndFacetsRead) {
  const EventStore store = EventStore::Freeze({Dialogue(), Planned()});
  const EventView e = store[0];
  EXPECT_EQ(e.number(), 0);
  EXPECT_EQ(e.id(), "2011-05-27-homeland-security-dialogue-launch");
  EXPECT_EQ(e.title(), "India-US Homeland Security Dialogue");
  EXPECT_EQ(e.kind(), v1::EVENT_KIND_DIALOGUE);
  EXPECT_EQ(e.date().display(), "2011-05-27");
  EXPECT_EQ(e.place(), "Hyderabad House, New Delhi");
  EXPECT_EQ(e.city(), "New Delhi");
  EXPECT_EQ(e.location_country().id(), "india");
  std::vector<std::string> countries;
  for (const EventRefView c : e.countries()) {
    countries.push_back(absl::StrCat(c.id(), "=", c.name()));
  }
  EXPECT_EQ(countries, (std::vector<std::string>{"india=India", "united-states=United States"}));
  ASSERT_EQ(e.organizations().size(), 1u);
  EXPECT_EQ((*e.organizations().begin()).name(), "Department of Homeland Security");
  ASSERT_EQ(e.topics().size(), 2u);
  EXPECT_EQ(e.topics()[1], "cybersecurity");
  EXPECT_EQ(e.origin(), v1::ORIGIN_CURATED);
  EXPECT_FALSE(e.planned());

  ASSERT_EQ(e.participant_count(), 2);
  const EventParticipantView chidambaram = e.participant(0), napolitano = e.participant(1);
  EXPECT_EQ(chidambaram.entity().id(), "p-chidambaram");
  EXPECT_EQ(chidambaram.title(), "Home Minister");
  EXPECT_TRUE(chidambaram.has_side());
  EXPECT_EQ(chidambaram.side().name(), "India");
  EXPECT_FALSE(chidambaram.has_organization());
  EXPECT_EQ(chidambaram.organization().id(), "");
  EXPECT_EQ(chidambaram.function(), v1::PARTICIPANT_FUNCTION_COUNTERPART);
  EXPECT_EQ(napolitano.organization().id(), "dhs");
  EXPECT_EQ(napolitano.origin(), v1::ORIGIN_EXTRACTED);
  EXPECT_DOUBLE_EQ(napolitano.confidence(), 0.75);

  const EventView planned = store[1];
  EXPECT_TRUE(planned.planned());
  EXPECT_EQ(planned.origin(), v1::ORIGIN_EXTRACTED);
  EXPECT_DOUBLE_EQ(planned.confidence(), 0.5);
  EXPECT_EQ(planned.place(), "");
  EXPECT_EQ(planned.location_country().id(), "");
  EXPECT_TRUE(planned.countries().empty());
  // A side set but empty is set: the message says so; so is an empty
  // participant.
  EXPECT_EQ(planned.participant_count(), 2);
  EXPECT_EQ(planned.participant(1).entity().id(), "");
  EXPECT_TRUE(planned.participant(0).has_side());
  EXPECT_EQ(planned.participant(0).side().id(), "");
  // The same person in both events is one reference.
  EXPECT_EQ(planned.participant(0).entity().id().data(), napolitano.entity().id().data());
}

TEST(EventStoreTest, BuilderMakesTheStoreFreezeMakes) {
  EventStore::Builder builder;
  v1::Event dialogue = Dialogue(), planned = Planned();
  builder.Add(&dialogue);
  builder.Add(&planned);
  const EventStore built = std::move(builder).Finish();
  const EventStore frozen = EventStore::Freeze({Dialogue(), Planned()});
  ASSERT_EQ(built.size(), frozen.size());
  for (int32_t e = 0; e < built.size(); ++e) {
    EXPECT_EQ(built.Serialized(e), frozen.Serialized(e));
    EXPECT_EQ(built[e].id(), frozen[e].id());
    EXPECT_EQ(built[e].participant_count(), frozen[e].participant_count());
  }
  int count = 0;
  for (const EventView e : built) count += e.number() == count;
  EXPECT_EQ(count, 2);
}

TEST(EventStoreTest, AnEmptyStoreHasNoEvents) {
  const EventStore store = EventStore::Freeze({});
  EXPECT_EQ(store.size(), 0);
  EXPECT_TRUE(store.empty());
  EXPECT_FALSE(store.begin() != store.end());
}

}  // namespace
}  // namespace parley
