#include "service/index/entity_table.h"

#include <string>
#include <thread>
#include <vector>

#include "google/protobuf/text_format.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"

namespace parley {
namespace {

using google::protobuf::util::MessageDifferencer;

v1::Entity Parse(const std::string& text) {
  v1::Entity e;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &e)) << text;
  return e;
}

v1::Entity Person() {
  return Parse(R"pb(id: "p-chidambaram"
                    kind: ENTITY_KIND_PERSON
                    name: "P Chidambaram, Minister of Home Affairs of India"
                    aliases: "Chidambaram"
                    description: "Home Minister of India, 2008-2012"
                    positions {
                      title: "Home Minister"
                      evidence { document_id: "mint" quote: "Home Minister P Chidambaram" }
                      held_on { display: "2011-05-27" }
                      held_on { display: "2011-07" }
                      origin: ORIGIN_CURATED
                    }
                    origin: ORIGIN_CURATED)pb");
}

v1::Entity Country() {
  return Parse(R"pb(id: "india"
                    kind: ENTITY_KIND_COUNTRY
                    name: "India"
                    demonyms: "Indian"
                    origin: ORIGIN_CURATED)pb");
}

// A table of Person() and Country(), packed by two workers.
EntityTable PersonAndCountry() {
  EntityTable table;
  table.AppendKinds({v1::ENTITY_KIND_PERSON, v1::ENTITY_KIND_COUNTRY});
  v1::Entity person = Person(), country = Country();
  table.Pack(0, &person, 0);
  table.Pack(1, &country, 1);
  return table;
}

TEST(EntityTableTest, PackedEntitiesReadBackWhole) {
  EntityTable table;
  table.AppendKinds({v1::ENTITY_KIND_PERSON, v1::ENTITY_KIND_COUNTRY});
  // Kinds are readable before the entities are packed (a fill resolves
  // references forward by them).
  EXPECT_EQ(table.kind(1), v1::ENTITY_KIND_COUNTRY);
  v1::Entity person = Person(), country = Country();
  table.Pack(0, &person, 0);
  table.Pack(1, &country, 1);
  EXPECT_TRUE(person.id().empty());  // Pack() clears what the head holds
  ASSERT_EQ(table.size(), 2);
  EXPECT_EQ(table.id(0), "p-chidambaram");
  EXPECT_EQ(table.name(0), "P Chidambaram, Minister of Home Affairs of India");
  EXPECT_EQ(table.kind(0), v1::ENTITY_KIND_PERSON);
  EXPECT_EQ(table.origin(0), v1::ORIGIN_CURATED);
  EXPECT_EQ(table.id(1), "india");
  v1::Entity scratch;
  EXPECT_TRUE(MessageDifferencer::Equals(table.Read(0, &scratch), Person()));
  EXPECT_TRUE(MessageDifferencer::Equals(table.Read(1, &scratch), Country()));
  const v1::EntityRef ref = table.Ref(1);
  EXPECT_EQ(ref.id(), "india");
  EXPECT_EQ(ref.name(), "India");
  EXPECT_EQ(ref.kind(), v1::ENTITY_KIND_COUNTRY);
}

TEST(EntityTableTest, AChangedEntityIsHeldWithItsChanges) {
  EntityTable table;
  table.AppendKinds({v1::ENTITY_KIND_PERSON});
  v1::Entity person = Person();
  table.Pack(0, &person, 0);
  v1::Entity& held = table.Mutable(0);
  held.set_origin(v1::ORIGIN_EXTRACTED);
  held.set_confidence(0.7);
  held.set_name("P. Chidambaram");
  EXPECT_EQ(&table.Mutable(0), &held);  // parsed once, then held
  // Every read sees the change, including the row's cheap ones.
  EXPECT_EQ(table.origin(0), v1::ORIGIN_EXTRACTED);
  EXPECT_EQ(table.name(0), "P. Chidambaram");
  v1::Entity scratch;
  EXPECT_EQ(&table.Read(0, &scratch), &held);
  EXPECT_DOUBLE_EQ(table.Read(0, &scratch).confidence(), 0.7);
  // An added entity is held from the start.
  v1::Entity& added = table.AddMessage();
  added.set_id("x-jane-lute");
  added.set_kind(v1::ENTITY_KIND_PERSON);
  added.set_origin(v1::ORIGIN_EXTRACTED);
  ASSERT_EQ(table.size(), 2);
  EXPECT_EQ(table.id(1), "x-jane-lute");
  EXPECT_EQ(table.kind(1), v1::ENTITY_KIND_PERSON);
  EXPECT_EQ(table.origin(1), v1::ORIGIN_EXTRACTED);
}

TEST(EntityTableTest, TakeMovesTheWholeEntityOut) {
  EntityTable table = PersonAndCountry();
  table.Mutable(1).add_aliases("Bharat");
  v1::Entity out;
  table.Take(0, &out);
  EXPECT_TRUE(MessageDifferencer::Equals(out, Person()));
  v1::Entity expected = Country();
  expected.add_aliases("Bharat");
  v1::Entity held_out;
  table.Take(1, &held_out);
  EXPECT_TRUE(MessageDifferencer::Equals(held_out, expected));
  EXPECT_EQ(table.id(1), "");  // taken: empty
}

TEST(EntityTableTest, RenumberKeepsTheKeptInOrder) {
  EntityTable table = PersonAndCountry();
  table.AddMessage().set_id("x-dropped");
  table.AddMessage().set_id("x-kept");
  table.Renumber({-1, 0, -1, 1});
  ASSERT_EQ(table.size(), 2);
  EXPECT_EQ(table.id(0), "india");
  EXPECT_EQ(table.id(1), "x-kept");
  v1::Entity scratch;
  EXPECT_TRUE(MessageDifferencer::Equals(table.Read(0, &scratch), Country()));
}

TEST(EntityTableTest, TwoThreadsPackDistinctEntities) {
  constexpr int kCount = 2000;
  EntityTable table;
  table.AppendKinds(std::vector<v1::EntityKind>(kCount, v1::ENTITY_KIND_PERSON));
  auto pack = [&table](int worker) {
    for (int i = worker; i < kCount; i += 2) {
      v1::Entity e = Person();
      e.set_id("p-" + std::to_string(i));
      table.Pack(i, &e, worker);
    }
  };
  std::thread other(pack, 1);
  pack(0);
  other.join();
  v1::Entity scratch;
  for (int i = 0; i < kCount; ++i) {
    ASSERT_EQ(table.id(i), "p-" + std::to_string(i));
    ASSERT_EQ(table.Read(i, &scratch).positions(0).title(), "Home Minister");
  }
}

}  // namespace
}  // namespace parley
