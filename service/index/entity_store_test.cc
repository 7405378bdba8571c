#include "service/index/entity_store.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace parley {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;

v1::Entity Parse(const std::string& text) {
  v1::Entity e;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &e)) << text;
  return e;
}

// Three entities that refer to each other, one of them by a reference that
// is not exactly the other's (an older name), one with an empty country.
std::vector<v1::Entity> Entities() {
  return {
      Parse(R"pb(id: "india" kind: ENTITY_KIND_COUNTRY name: "India" demonyms: "Indian")pb"),
      Parse(R"pb(id: "mha"
                 kind: ENTITY_KIND_ORGANIZATION
                 name: "Ministry of Home Affairs"
                 aliases: "MHA"
                 aliases: "Home Ministry"
                 country { id: "india" name: "India" kind: ENTITY_KIND_COUNTRY }
                 parent_organization { id: "goi" name: "Government of India" }
                 description: "the interior ministry")pb"),
      Parse(R"pb(id: "p-chidambaram"
                 kind: ENTITY_KIND_PERSON
                 name: "P Chidambaram"
                 country { id: "india" name: "India" kind: ENTITY_KIND_COUNTRY }
                 positions {
                   title: "Home Minister"
                   organization {
                     id: "mha"
                     name: "Ministry of Home Affairs"
                     kind: ENTITY_KIND_ORGANIZATION
                   }
                   evidence {
                     document_id: "mint"
                     quote: "Home Minister P Chidambaram"
                     start_offset: 10
                     end_offset: 37
                   }
                   held_on { display: "2011-05-27" }
                   origin: ORIGIN_EXTRACTED
                   confidence: 0.85
                 }
                 positions {
                   title: "Finance Minister"
                   organization { id: "mof" name: "Ministry of Finance" }
                   country { id: "india" name: "India" kind: ENTITY_KIND_COUNTRY }
                 }
                 positions { title: "Member of Parliament" }
                 evidence { external_source: "seed-facts.md" }
                 event_count: 2
                 origin: ORIGIN_CURATED
                 review { reviewer: "ana" note: "checked" })pb"),
      Parse(R"pb(id: "x-someone"
                 kind: ENTITY_KIND_PERSON
                 name: "Someone"
                 country {}
                 origin: ORIGIN_EXTRACTED
                 confidence: 0.5)pb"),
  };
}

TEST(EntityStoreTest, EveryMessageComesBackAsItWent) {
  const std::vector<v1::Entity> entities = Entities();
  const EntityStore store = EntityStore::Freeze(Entities());
  ASSERT_EQ(store.size(), 4);
  for (int32_t e = 0; e < store.size(); ++e) {
    const v1::Entity back = store[e].ToProto();
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(back, entities[e]))
        << back.DebugString() << "\nexpected\n"
        << entities[e].DebugString();
    EXPECT_EQ(back.SerializeAsString(), entities[e].SerializeAsString());
  }
}

TEST(EntityStoreTest, AnOrderGivesEachMessageItsNumber) {
  const std::vector<v1::Entity> entities = Entities();
  const std::vector<int32_t> order = {2, 0, 3, 1};  // number r is entities[order[r]]
  const EntityStore store = EntityStore::Freeze(Entities(), order);
  ASSERT_EQ(store.size(), 4);
  for (int32_t r = 0; r < store.size(); ++r) {
    EXPECT_EQ(store[r].ToProto().SerializeAsString(), entities[order[r]].SerializeAsString()) << r;
    EXPECT_EQ(store.Find(entities[order[r]].id()), r);
  }
  // References are numbers of the new order: mha is in india, chidambaram
  // was Home Minister at mha.
  EXPECT_EQ(store[3].country_id(), "india");
  EXPECT_EQ(store[0].ToProto().positions(0).organization().id(), "mha");
  EXPECT_THAT(store[3].aliases(), ElementsAre("MHA", "Home Ministry"));
  EXPECT_THAT(store[1].demonyms(), ElementsAre("Indian"));
}

// An index build gives references as positions in the messages (Links),
// not as EntityRef messages: the store gives them back as the whole
// references, name included, in any order. A reference the links leave
// out stays as the message has it.
TEST(EntityStoreTest, LinksComeBackAsWholeReferences) {
  std::vector<v1::Entity> linked = Entities();
  std::vector<EntityStore::Links> links(linked.size());
  linked[1].clear_country();  // mha in india
  links[1].country = 0;
  linked[2].clear_country();  // chidambaram: india; Home Minister at mha; Finance Minister in india
  links[2].country = 0;
  linked[2].mutable_positions(0)->clear_organization();
  linked[2].mutable_positions(1)->clear_country();
  links[2].positions = {{1, -1}, {-1, 0}, {-1, -1}};
  const std::vector<int32_t> order = {2, 0, 3, 1};  // number r is entities[order[r]]
  const EntityStore store = EntityStore::Freeze(std::move(linked), order, links);
  const std::vector<v1::Entity> whole = Entities();
  ASSERT_EQ(store.size(), 4);
  for (int32_t r = 0; r < store.size(); ++r) {
    EXPECT_EQ(store[r].ToProto().SerializeAsString(), whole[order[r]].SerializeAsString())
        << store[r].ToProto().DebugString();
  }
  const v1::Entity chidambaram = store[0].ToProto();
  EXPECT_EQ(chidambaram.country().name(), "India");
  EXPECT_EQ(chidambaram.positions(0).organization().name(), "Ministry of Home Affairs");
  EXPECT_EQ(chidambaram.positions(1).organization().id(), "mof");  // not an entity: as given
  EXPECT_EQ(chidambaram.positions(1).country().kind(), v1::ENTITY_KIND_COUNTRY);
  EXPECT_EQ(store[3].country_id(), "india");
}

TEST(EntityStoreTest, TheRowAnswersWithoutAMessage) {
  const EntityStore store = EntityStore::Freeze(Entities());
  EXPECT_EQ(store.Find("p-chidambaram"), 2);
  EXPECT_EQ(store.Find("nobody"), -1);
  const EntityView mha = store[store.Find("mha")];
  EXPECT_EQ(mha.name(), "Ministry of Home Affairs");
  EXPECT_EQ(mha.kind(), v1::ENTITY_KIND_ORGANIZATION);
  EXPECT_THAT(mha.aliases(), ElementsAre("MHA", "Home Ministry"));
  EXPECT_TRUE(mha.demonyms().empty());
  EXPECT_EQ(mha.country_id(), "india");
  // Not an entity of the store: kept as written.
  EXPECT_EQ(mha.parent_organization_id(), "goi");
  EXPECT_THAT(store[0].demonyms(), ElementsAre("Indian"));
  EXPECT_EQ(store[0].country_id(), "");
  const EntityView p = store[2];
  EXPECT_EQ(p.event_count(), 2);
  EXPECT_TRUE(p.has_extracted_positions());
  EXPECT_FALSE(mha.has_extracted_positions());
  EXPECT_EQ(store[3].origin(), v1::ORIGIN_EXTRACTED);
  EXPECT_DOUBLE_EQ(store[3].confidence(), 0.5);
  const v1::EntityRef ref = p.Ref();
  EXPECT_EQ(ref.id(), "p-chidambaram");
  EXPECT_EQ(ref.name(), "P Chidambaram");
  EXPECT_EQ(ref.kind(), v1::ENTITY_KIND_PERSON);
  std::vector<std::string> ids;
  for (EntityView e : store) ids.emplace_back(e.id());
  EXPECT_THAT(ids, ElementsAre("india", "mha", "p-chidambaram", "x-someone"));
}

TEST(EntityStoreTest, TheBasicViewLeavesOutPositionsEvidenceAndReview) {
  const std::vector<v1::Entity> entities = Entities();
  const EntityStore store = EntityStore::Freeze(Entities());
  for (int32_t e = 0; e < store.size(); ++e) {
    v1::Entity basic;
    basic.add_mentions()->set_document_id("left over from an earlier use");
    store[e].CopyBasicTo(&basic);
    v1::Entity expected = entities[e];
    expected.clear_positions();
    expected.clear_evidence();
    expected.clear_review();
    EXPECT_EQ(basic.SerializeAsString(), expected.SerializeAsString()) << basic.DebugString();
  }
}

// Every field of the basic view alone, and two together (a reference the
// row holds, "mha"'s parent, kept in the rest): each copies that and
// nothing else.
TEST(EntityStoreTest, TheBasicViewCopiesOnlyTheFieldsAsked) {
  const std::vector<v1::Entity> entities = Entities();
  const EntityStore store = EntityStore::Freeze(Entities());
  const google::protobuf::Descriptor* type = v1::Entity::descriptor();
  for (int f = 0; f < type->field_count(); ++f) {
    const int number = type->field(f)->number();
    const int other = number == v1::Entity::kNameFieldNumber ? v1::Entity::kIdFieldNumber
                                                             : v1::Entity::kNameFieldNumber;
    EntityFields fields = EntityFields::None();
    fields.Add(number);
    fields.Add(other);
    for (int32_t e = 0; e < store.size(); ++e) {
      v1::Entity copied;
      store[e].CopyBasicTo(&copied, fields);
      v1::Entity expected = entities[e];
      expected.clear_positions();
      expected.clear_evidence();
      expected.clear_review();
      for (int g = 0; g < type->field_count(); ++g) {
        const int kept = type->field(g)->number();
        if (kept != number && kept != other) {
          expected.GetReflection()->ClearField(&expected, type->field(g));
        }
      }
      EXPECT_EQ(copied.SerializeAsString(), expected.SerializeAsString())
          << "field " << type->field(f)->name() << ": " << copied.DebugString();
    }
  }
  EntityFields none = EntityFields::None();
  v1::Entity empty;
  store[1].CopyBasicTo(&empty, none);
  EXPECT_EQ(empty.ByteSizeLong(), 0u) << empty.DebugString();
}

TEST(EntityStoreTest, MentionCountsAreSetAfterTheFreeze) {
  EntityStore store = EntityStore::Freeze(Entities());
  store.SetMentionCount(1, 7);
  EXPECT_EQ(store[1].mention_count(), 7);
  EXPECT_EQ(store[1].ToProto().mention_count(), 7);
  EXPECT_EQ(store[0].mention_count(), 0);
}

// Entities from messages, each also offered serialized (as an index build's
// table holds them: without id and name, the event count apart); notes
// which were taken as messages after all.
class SerializedSource : public EntityStore::Source {
 public:
  explicit SerializedSource(std::vector<v1::Entity> entities) : entities_(std::move(entities)) {
    for (const v1::Entity& e : entities_) {
      v1::Entity rest = e;
      rest.clear_id();
      rest.clear_name();
      rest.clear_event_count();
      serialized_.push_back(rest.SerializeAsString());
    }
    taken_.assign(entities_.size(), 0);
  }
  size_t size() const override { return entities_.size(); }
  absl::string_view id(size_t i) const override { return entities_[i].id(); }
  absl::string_view name(size_t i) const override { return entities_[i].name(); }
  v1::EntityKind kind(size_t i) const override { return entities_[i].kind(); }
  bool TakeSerialized(size_t i, absl::string_view* serialized, int32_t* event_count) override {
    *serialized = serialized_[i];
    *event_count = entities_[i].event_count();
    return true;
  }
  void Take(size_t i, v1::Entity* out) override {
    taken_[i] = 1;
    out->Swap(&entities_[i]);
  }
  bool taken(size_t i) const { return taken_[i] != 0; }

 private:
  std::vector<v1::Entity> entities_;
  std::vector<std::string> serialized_;
  std::vector<char> taken_;  // written by two threads: one entity each, a byte each
};

// Entities as an index build gives them (references as links): three the
// store reads from their bytes (one in the second half, which the other
// thread freezes), and five it takes as messages, one for each reason.
std::vector<v1::Entity> SerializableEntities() {
  return {
      Parse(R"pb(id: "india"
                 kind: ENTITY_KIND_COUNTRY
                 name: "India"
                 aliases: "Bharat"
                 demonyms: "Indian"
                 demonyms: "Bharatiya"
                 origin: ORIGIN_CURATED)pb"),
      // An extracted position.
      Parse(R"pb(id: "x-1"
                 kind: ENTITY_KIND_PERSON
                 name: "One"
                 positions { title: "Adviser" origin: ORIGIN_EXTRACTED confidence: 0.5 })pb"),
      Parse(R"pb(id: "p-chidambaram"
                 kind: ENTITY_KIND_PERSON
                 name: "P Chidambaram"
                 aliases: "Chidambaram"
                 positions {
                   title: "Home Minister"
                   evidence { document_id: "mint" quote: "Home Minister" start_offset: 10 }
                   held_on { display: "2011-05-27" }
                   origin: ORIGIN_CURATED
                 }
                 positions { title: "Member of Parliament" origin: ORIGIN_CURATED }
                 evidence { external_source: "seed-facts.md" }
                 event_count: 2
                 origin: ORIGIN_CURATED
                 confidence: 0.25)pb"),
      // Two dates on a position.
      Parse(R"pb(id: "x-2"
                 kind: ENTITY_KIND_PERSON
                 name: "Two"
                 positions {
                   title: "Envoy"
                   held_on { display: "2012" }
                   held_on { display: "2010" }
                 })pb"),
      // A position's reference as a message.
      Parse(R"pb(id: "x-3"
                 kind: ENTITY_KIND_PERSON
                 name: "Three"
                 positions {
                   title: "Envoy"
                   organization { id: "mha" name: "MHA" }
                 })pb"),
      Parse(R"pb(id: "mha"
                 kind: ENTITY_KIND_ORGANIZATION
                 name: "Ministry of Home Affairs"
                 aliases: "MHA"
                 description: "the interior ministry"
                 event_count: 3
                 mention_count: 9
                 origin: ORIGIN_CURATED)pb"),
      // The entity's own reference as a message; a review.
      Parse(R"pb(id: "x-4"
                 kind: ENTITY_KIND_PERSON
                 name: "Four"
                 country { id: "india" })pb"),
      Parse(R"pb(id: "x-5"
                 kind: ENTITY_KIND_PERSON
                 name: "Five"
                 review { reviewer: "ana" })pb"),
  };
}

// The same store whether an entity is read from its bytes or taken as a
// message: every field of every entity, and the references given as links.
TEST(EntityStoreTest, EntitiesGivenSerializedFreezeAsMessagesDo) {
  std::vector<EntityStore::Links> links(8);
  links[5].country = 0;  // mha in india
  links[2].country = 0;  // chidambaram: india, Home Minister at mha in india
  links[2].positions = {{5, 0}, {}};
  links[4].positions = {{-1, 0}};  // and the message's organization
  const std::vector<int32_t> order = {4, 2, 7, 0, 3, 5, 6, 1};
  SerializedSource serialized(SerializableEntities());
  const EntityStore read = EntityStore::Freeze(serialized, order, links);
  const EntityStore taken = EntityStore::Freeze(SerializableEntities(), order, links);
  ASSERT_EQ(read.size(), 8);
  ASSERT_EQ(taken.size(), 8);
  for (int32_t r = 0; r < read.size(); ++r) {
    const EntityView a = read[r], b = taken[r];
    EXPECT_EQ(a.ToProto().SerializeAsString(), b.ToProto().SerializeAsString())
        << a.ToProto().DebugString() << "\nagainst\n"
        << b.ToProto().DebugString();
    EXPECT_EQ(a.has_extracted_positions(), b.has_extracted_positions()) << r;
    EXPECT_THAT(a.aliases(), ElementsAreArray(b.aliases())) << r;
    EXPECT_THAT(a.demonyms(), ElementsAreArray(b.demonyms())) << r;
  }
  // Read from their bytes: india, chidambaram, mha; the others taken.
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(serialized.taken(i), i != 0 && i != 2 && i != 5) << i;
  const v1::Entity chidambaram = read[1].ToProto();
  EXPECT_EQ(chidambaram.country().name(), "India");
  EXPECT_EQ(chidambaram.positions(0).organization().name(), "Ministry of Home Affairs");
  EXPECT_EQ(chidambaram.positions(0).country().id(), "india");
  EXPECT_FALSE(chidambaram.positions(1).has_organization());
  EXPECT_EQ(chidambaram.positions(0).held_on(0).display(), "2011-05-27");
  EXPECT_EQ(chidambaram.event_count(), 2);
  EXPECT_DOUBLE_EQ(chidambaram.confidence(), 0.25);
  EXPECT_THAT(read[3].demonyms(), ElementsAre("Indian", "Bharatiya"));
  EXPECT_THAT(read[3].aliases(), ElementsAre("Bharat"));
  const EntityView mha = read[5];
  EXPECT_EQ(mha.id(), "mha");
  EXPECT_EQ(mha.country_id(), "india");
  EXPECT_EQ(mha.mention_count(), 9);
  EXPECT_EQ(mha.event_count(), 3);
  EXPECT_EQ(mha.description(), "the interior ministry");
  EXPECT_THAT(mha.aliases(), ElementsAre("MHA"));
  EXPECT_TRUE(read[7].has_extracted_positions());
}

TEST(EntityStoreTest, AnEmptyStoreFindsNothing) {
  const EntityStore store = EntityStore::Freeze({});
  EXPECT_EQ(store.size(), 0);
  EXPECT_EQ(store.Find(""), -1);
  EXPECT_FALSE(store.begin() != store.end());
}

}  // namespace
}  // namespace parley
