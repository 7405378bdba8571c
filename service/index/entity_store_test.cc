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

TEST(EntityStoreTest, AnEmptyStoreFindsNothing) {
  const EntityStore store = EntityStore::Freeze({});
  EXPECT_EQ(store.size(), 0);
  EXPECT_EQ(store.Find(""), -1);
  EXPECT_FALSE(store.begin() != store.end());
}

}  // namespace
}  // namespace parley
