#include "service/corpus/packed_records.h"

#include <string>

#include <gtest/gtest.h>

#include "google/protobuf/text_format.h"
#include "parley/v1/knowledge_base.pb.h"

namespace parley {
namespace {

v1::EntityRecord Record(const std::string& text) {
  v1::EntityRecord r;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &r)) << text;
  return r;
}

TEST(PackedRecordsTest, GivesEachRecordBackInOrder) {
  const v1::EntityRecord records[] = {
      Record(R"(id: "asha-rao" kind: ENTITY_KIND_PERSON name: "Asha Rao" aliases: ["A. Rao"]
                positions { title: "Envoy" country: "india"
                            evidence { document: "d" quote: "Envoy Asha Rao" } })"),
      Record(R"(id: "india" kind: ENTITY_KIND_COUNTRY name: "India" demonyms: "Indian")"),
      Record(""),  // an empty record packs to no bytes
      Record(R"(id: "mea" kind: ENTITY_KIND_ORGANIZATION name: "Ministry of External Affairs")")};
  PackedRecords packed;
  packed.Reserve(1, 8);  // less than needed: only a hint
  for (const v1::EntityRecord& r : records) packed.Add(r);
  ASSERT_EQ(packed.size(), 4u);
  EXPECT_EQ(packed.bytes(2).size(), 0u);
  size_t bytes = 0;
  // One message for all: each parse clears what the record before left.
  v1::EntityRecord out;
  for (size_t i = 0; i < packed.size(); ++i) {
    EXPECT_EQ(packed.bytes(i), records[i].SerializeAsString()) << i;
    ASSERT_TRUE(packed.Parse(i, &out)) << i;
    EXPECT_EQ(out.SerializeAsString(), records[i].SerializeAsString()) << i;
    bytes += packed.bytes(i).size();
  }
  EXPECT_EQ(packed.byte_size(), bytes);
}

TEST(PackedRecordsTest, AddWithCachedSizeWritesWhatAddWrites) {
  const v1::EntityRecord r = Record(R"(id: "x" name: "Xavier Ortiz" aliases: ["X. Ortiz"])");
  PackedRecords a, b;
  a.Add(r);
  r.ByteSizeLong();
  b.AddWithCachedSize(r);
  EXPECT_EQ(a.bytes(0), b.bytes(0));
  EXPECT_EQ(a.bytes(0), r.SerializeAsString());
}

TEST(PackedRecordsTest, TakesAFieldsRecordsAsTheyWereWritten) {
  v1::KnowledgeBase kb;
  ASSERT_TRUE(google::protobuf::TextFormat::ParseFromString(
      R"(entities { id: "a" name: "Asha Rao" }
         topics { id: "t" }
         entities { id: "b" kind: ENTITY_KIND_COUNTRY }
         events { id: "e" })",
      &kb));
  // A record written by another program may give a field twice (the last
  // wins): its bytes are kept as written.
  const std::string twice = std::string("\x0a\x01x\x0a\x01y", 6);
  const std::string bytes = kb.SerializeAsString() + "\x1a\x06" + twice;
  PackedRecords packed;
  ASSERT_TRUE(packed.AddEachOfField(bytes, v1::KnowledgeBase::kEntitiesFieldNumber));
  ASSERT_EQ(packed.size(), 3u);
  EXPECT_EQ(packed.bytes(0), kb.entities(0).SerializeAsString());
  EXPECT_EQ(packed.bytes(1), kb.entities(1).SerializeAsString());
  EXPECT_EQ(packed.bytes(2), twice);
  v1::EntityRecord last;
  ASSERT_TRUE(packed.Parse(2, &last));
  EXPECT_EQ(last.id(), "y");
  // Cut inside a record: the records before it are added.
  PackedRecords cut;
  EXPECT_FALSE(cut.AddEachOfField(absl::string_view(bytes).substr(0, bytes.size() - 2),
                                  v1::KnowledgeBase::kEntitiesFieldNumber));
  EXPECT_EQ(cut.size(), 2u);
}

TEST(PackedRecordsTest, ARecordThatCannotParseBackSaysSo) {
  // proto3 writes a string that is not UTF-8 but refuses it when parsing:
  // the corpus never packs such a record (it refuses the file), and a
  // reader is told rather than given half a record.
  v1::EntityRecord bad;
  bad.set_id("ok");
  bad.set_name("caf\xe9");
  PackedRecords packed;
  packed.Add(bad);
  v1::EntityRecord out;
  out.set_id("left over");
  EXPECT_FALSE(packed.Parse(0, &out));
}

TEST(ReadStringAndVarintFieldsTest, ReadsTwoFieldsAndSkipsTheRest) {
  const v1::EntityRecord r = Record(R"(
      id: "ben-cole" kind: ENTITY_KIND_PERSON name: "Ben Cole" aliases: ["B. Cole"]
      positions { title: "Envoy" evidence { document: "d" quote: "q" } })");
  std::string id;
  uint64_t kind = 0;
  ASSERT_TRUE(ReadStringAndVarintFields(r.SerializeAsString(), v1::EntityRecord::kIdFieldNumber,
                                        &id, v1::EntityRecord::kKindFieldNumber, &kind));
  EXPECT_EQ(id, "ben-cole");
  EXPECT_EQ(kind, static_cast<uint64_t>(v1::ENTITY_KIND_PERSON));
  // Another pair of fields of the same bytes: the name, and no varint 99.
  std::string name;
  uint64_t absent = 7;
  ASSERT_TRUE(ReadStringAndVarintFields(r.SerializeAsString(), v1::EntityRecord::kNameFieldNumber,
                                        &name, 99, &absent));
  EXPECT_EQ(name, "Ben Cole");
  EXPECT_EQ(absent, 7u);
}

TEST(ReadStringAndVarintFieldsTest, ANegativeEnumValueComesBackAsItsInt32) {
  // proto3 enums are open: a value outside the enum, negative ones too, is
  // written as its int32 sign-extended to ten bytes.
  v1::EntityRecord r;
  r.set_id("x");
  r.set_kind(static_cast<v1::EntityKind>(-3));
  std::string id;
  uint64_t kind = 0;
  ASSERT_TRUE(ReadStringAndVarintFields(r.SerializeAsString(), 1, &id, 2, &kind));
  EXPECT_EQ(static_cast<int32_t>(kind), -3);
}

TEST(ReadStringAndVarintFieldsTest, TheLastOfARepeatedFieldWinsAsInAParse) {
  // Two records one after the other are one record to protobuf: their
  // singular fields' last values win.
  const std::string bytes = Record(R"(id: "first" kind: ENTITY_KIND_COUNTRY)").SerializeAsString() +
                            Record(R"(id: "second" kind: ENTITY_KIND_PERSON)").SerializeAsString();
  std::string id;
  uint64_t kind = 0;
  ASSERT_TRUE(ReadStringAndVarintFields(bytes, 1, &id, 2, &kind));
  v1::EntityRecord parsed;
  ASSERT_TRUE(parsed.ParseFromString(bytes));
  EXPECT_EQ(id, parsed.id());
  EXPECT_EQ(kind, static_cast<uint64_t>(parsed.kind()));
  EXPECT_EQ(id, "second");
}

TEST(ReadStringAndVarintFieldsTest, SkipsFixedWidthFieldsAndRefusesWhatIsNotAMessage) {
  std::string id;
  uint64_t kind = 0;
  // Field 3 fixed32, field 4 fixed64, then field 1 "ab" and field 2 = 5.
  const std::string fixed = std::string("\x1d\x01\x02\x03\x04", 5) +
                            std::string("\x21\x01\x02\x03\x04\x05\x06\x07\x08", 9) +
                            std::string(
                                "\x0a\x02"
                                "ab"
                                "\x10\x05",
                                6);
  ASSERT_TRUE(ReadStringAndVarintFields(fixed, 1, &id, 2, &kind));
  EXPECT_EQ(id, "ab");
  EXPECT_EQ(kind, 5u);
  // A string cut short, a length past the end, a group, a tag of 0, a
  // varint that never ends.
  for (const std::string& bad : {std::string("\x0a\x05"
                                             "ab",
                                             4),
                                 std::string("\x22\x7f", 2), std::string("\x0b", 1),
                                 std::string("\x00\x01", 2), std::string("\x10\xff\xff", 3)}) {
    EXPECT_FALSE(ReadStringAndVarintFields(bad, 1, &id, 2, &kind)) << testing::PrintToString(bad);
  }
  std::string empty_id = "kept";
  EXPECT_TRUE(ReadStringAndVarintFields("", 1, &empty_id, 2, &kind));
  EXPECT_EQ(empty_id, "kept");
}

}  // namespace
}  // namespace parley
