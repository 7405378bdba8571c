#include "service/corpus/text_format_hints.h"

#include "gtest/gtest.h"

namespace parley {
namespace {

TEST(TextFormatHintsTest, NamesTheFieldMeant) {
  EXPECT_EQ(
      WithTextFormatHint("Message type \"parley.v1.EventRecord\" has no field named \"titel\"."),
      "Message type \"parley.v1.EventRecord\" has no field named \"titel\". Did you mean "
      "\"title\"?");
  EXPECT_EQ(
      WithTextFormatHint("Message type \"parley.v1.QuoteRecord\" has no field named \"docume\"."),
      "Message type \"parley.v1.QuoteRecord\" has no field named \"docume\". Did you mean "
      "\"document\"?");
}

TEST(TextFormatHintsTest, NamesTheEnumValueMeant) {
  EXPECT_EQ(
      WithTextFormatHint("Unknown enumeration value of \"EVENT_KIND_DIALOG\" for field \"kind\"."),
      "Unknown enumeration value of \"EVENT_KIND_DIALOG\" for field \"kind\". Did you mean "
      "\"EVENT_KIND_DIALOGUE\"?");
  // The value without its enum's prefix.
  EXPECT_EQ(WithTextFormatHint("Unknown enumeration value of \"PERSON\" for field \"kind\"."),
            "Unknown enumeration value of \"PERSON\" for field \"kind\". Did you mean "
            "\"ENTITY_KIND_PERSON\"?");
}

// "topics" is also an event's field: a topic record after an event left
// open is a scalar field followed by "{" to protobuf.
TEST(TextFormatHintsTest, NamesATopLevelRecordWrittenInsideAnOpenOne) {
  const std::string text = "events {\n  id: \"e\"\ntopics { id: \"t\" }\n";
  const std::string error = "Expected \":\", found \"{\".";
  EXPECT_EQ(WithTextFormatHint(error, text, {2, 7}),
            "Expected \":\", found \"{\". \"topics\" belongs at the top level of the file: is "
            "a closing \"}\" missing before it? The \"events\" opened at 1:1 is not closed.");
  // A record's own scalar field followed by "{" is another mistake.
  EXPECT_EQ(WithTextFormatHint(error, "events {\n  title { }\n", {1, 8}), error);
}

// protobuf reports an unknown enum value at the token after it.
TEST(TextFormatHintsTest, PlacesAnUnknownEnumValueWhereItIs) {
  const std::string text =
      "entities {\n  id: \"ENTITY_KIND_PERSN_X\"\n\tkind: ENTITY_KIND_PERSN\n  name: \"A\"\n}\n";
  const std::string error =
      "Unknown enumeration value of \"ENTITY_KIND_PERSN\" for field \"kind\".";
  // Reported at "name" (line 3, column 2); the value is on line 2, after a
  // tab (column 8) and "kind: " (column 14). The id that starts with the
  // same letters is not the word.
  const TextPosition at = TextFormatErrorPosition(text, error, {3, 2});
  EXPECT_EQ(at.line, 2);
  EXPECT_EQ(at.column, 14);
  // At the end of the file too.
  const std::string last = "topics { id: \"t\" }\nentities { kind: 7";
  const TextPosition end = TextFormatErrorPosition(
      last, "Unknown enumeration value of \"7\" for field \"kind\".", {1, 19});
  EXPECT_EQ(end.line, 1);
  EXPECT_EQ(end.column, 17);
  // Other errors, and a value not found before, keep protobuf's place.
  const TextPosition other = TextFormatErrorPosition(text, "Expected \":\", found \"{\".", {3, 2});
  EXPECT_EQ(other.line, 3);
  EXPECT_EQ(other.column, 2);
  const TextPosition unseen = TextFormatErrorPosition(
      text, "Unknown enumeration value of \"NAME\" for field \"kind\".", {3, 2});
  EXPECT_EQ(unseen.line, 3);
  EXPECT_EQ(unseen.column, 2);
}

TEST(TextFormatHintsTest, PointsAtARecordLeftOpen) {
  EXPECT_EQ(
      WithTextFormatHint("Message type \"parley.v1.EntityRecord\" has no field named \"events\"."),
      "Message type \"parley.v1.EntityRecord\" has no field named \"events\". \"events\" belongs "
      "at the top level of the file: is a closing \"}\" missing before it?");
  EXPECT_EQ(WithTextFormatHint("Expected identifier, got: "),
            "Expected identifier, got the end of the file: is a closing \"}\" missing?");
  // A field of the record's own that is close comes first ("document" in
  // evidence, "entity" in a participant).
  EXPECT_EQ(WithTextFormatHint(
                "Message type \"parley.v1.QuoteRecord\" has no field named \"documents\"."),
            "Message type \"parley.v1.QuoteRecord\" has no field named \"documents\". Did you "
            "mean \"document\"?");
  EXPECT_EQ(WithTextFormatHint(
                "Message type \"parley.v1.ParticipantRecord\" has no field named \"entities\"."),
            "Message type \"parley.v1.ParticipantRecord\" has no field named \"entities\". Did "
            "you mean \"entity\"?");
  // A token that was got is no end of input.
  EXPECT_EQ(WithTextFormatHint("Expected identifier, got: 12"), "Expected identifier, got: 12");
}

// An enum value close to none: the values to write, by enum when the
// field's name has several ("kind": an entity's or an event's).
TEST(TextFormatHintsTest, ListsTheEnumValuesWhenNoneIsClose) {
  EXPECT_EQ(WithTextFormatHint("Unknown enumeration value of \"BANANA\" for field \"decision\"."),
            "Unknown enumeration value of \"BANANA\" for field \"decision\". Write one of "
            "ACCEPT, REJECT, CORRECT.");
  const std::string kind =
      WithTextFormatHint("Unknown enumeration value of \"BANANA\" for field \"kind\".");
  EXPECT_NE(kind.find("Write one of ENTITY_KIND_PERSON, ENTITY_KIND_ORGANIZATION, "
                      "ENTITY_KIND_COUNTRY (EntityKind); or EVENT_KIND_MEETING"),
            std::string::npos)
      << kind;
  EXPECT_EQ(kind.find("UNSPECIFIED"), std::string::npos) << kind;
}

// An editor's smart quotes: protobuf says "Interpreting non ascii
// codepoint 226." and then prints a lone byte.
TEST(TextFormatHintsTest, NamesACharacterOutsideAscii) {
  const std::string text = "topics { id: \xE2\x80\x9Ct\xE2\x80\x9D }\n";
  EXPECT_EQ(NonAsciiCharacterAt(text, {0, 13}), "\xE2\x80\x9C");
  EXPECT_EQ(NonAsciiCharacterAt(text, {0, 12}), "");
  EXPECT_EQ(WithTextFormatHint("Interpreting non ascii codepoint 226.", text, {0, 13}),
            "unexpected character \xE2\x80\x9C (U+201C): strings go between straight quotes "
            "(\"\xE2\x80\xA6\"), not typographic ones (an editor's smart quotes)");
  EXPECT_EQ(WithTextFormatHint("Expected string, got: \xE2", "id: \xC3\xA9\n", {0, 4}),
            "unexpected character \xC3\xA9 (U+00E9): outside strings and comments the format is "
            "ASCII");
  // A field given twice is placed at its second name, not the colon after.
  const TextPosition twice =
      TextFormatErrorPosition("topics { id: \"a\" id: \"b\" }",
                              "Non-repeated field \"id\" is specified multiple times.", {0, 19});
  EXPECT_EQ(twice.column, 17);
}

// The record still open where a "}" is missing, by matching braces.
TEST(TextFormatHintsTest, NamesTheRecordLeftOpen) {
  // Not indented: the innermost record open at the error.
  const std::string flat = "events { id: \"e\" participants { entity: \"a\" }\nevents {";
  EXPECT_EQ(OpenRecordNote(flat, flat.rfind("events")),
            "The \"events\" opened at 1:1 is not closed.");
  // A participant's "}" left out: the event's "}" closed the participant,
  // at a smaller indentation than the participant's line.
  const std::string nested =
      "events {\n"
      "  id: \"e\"\n"
      "  participants {\n"
      "    entity: \"a\"\n"
      "    evidence { quote: \"x {\" }  # a } in a comment\n"
      "  evidence { quote: \"z\" }\n"
      "}\n"
      "events {";
  EXPECT_EQ(OpenRecordNote(nested, nested.rfind("events")),
            "The \"participants\" opened at 3:3 is probably the one not closed: the \"}\" at 7:1 "
            "closed it, indented as the end of the record around it.");
  // Columns count characters.
  const std::string wide = "topics { name: \"\xC3\xBC\" } events\t{ \xC3\xBC: 1";
  EXPECT_EQ(OpenRecordNote(wide, wide.size()), "The \"events\" opened at 1:22 is not closed.");
  // The name is the last word outside comments; a record in a list takes
  // the list's name; "<" opens as "{" does.
  const std::string commented = "topics # the first topic\n{ id: \"a\"\ntopics";
  EXPECT_EQ(OpenRecordNote(commented, commented.rfind("topics")),
            "The \"topics\" opened at 1:1 is not closed.");
  const std::string listed = "events { participants: [{ entity: \"a\" }, { entity: \"b\" ";
  EXPECT_EQ(OpenRecordNote(listed, listed.size()),
            "The \"participants\" opened at 1:10 is not closed.");
  EXPECT_EQ(OpenRecordNote("topics < id: \"a\" ", 18),
            "The \"topics\" opened at 1:1 is not closed.");
  // Nothing open.
  EXPECT_EQ(OpenRecordNote("topics { id: \"t\" }\n", 18), "");
  // A string never closed: no note, and no "}" hint (protobuf has said
  // what is wrong).
  EXPECT_EQ(OpenRecordNote("topics { id: \"cyber", 19), "");
  EXPECT_EQ(WithTextFormatHint("Expected identifier, got: ", "topics { id: \"cyber", {0, 19}),
            "Expected identifier, got: ");
  // The note follows the hint of a missing "}", and only it.
  EXPECT_EQ(WithTextFormatHint("Expected identifier, got: ", "reviews {\n  fact: \"e\"\n", {2, 0}),
            "Expected identifier, got the end of the file: is a closing \"}\" missing? The "
            "\"reviews\" opened at 1:1 is not closed.");
  EXPECT_EQ(WithTextFormatHint("Expected \":\", found \"}\".", "reviews { fact }", {0, 15}),
            "Expected \":\", found \"}\".");
}

// Two mistakes protobuf reports as a token it did not expect.
TEST(TextFormatHintsTest, SaysWhatToWriteForAnUnexpectedToken) {
  EXPECT_EQ(WithTextFormatHint("Expected integer or identifier, got: \"ACCEPT\"",
                               "reviews { decision: \"ACCEPT\" }", {0, 20}),
            "Expected integer or identifier, got: \"ACCEPT\" Values of this field are written "
            "without quotes.");
  EXPECT_EQ(WithTextFormatHint("Expected string, got: me", "reviews { reviewer: me\" }", {0, 20}),
            "Expected string, got: me Strings go between double quotes (\"\xE2\x80\xA6\").");
  EXPECT_EQ(WithTextFormatHint("Expected string, got: ]", "events { topics: [\"a\", ] }", {0, 23}),
            "Expected string, got: ] A list has no comma after its last value: remove the \",\".");
  // A "]" after no comma is another mistake.
  EXPECT_EQ(WithTextFormatHint("Expected string, got: ]", "events { topics: [ ] }", {0, 19}),
            "Expected string, got: ]");
}

// TextLines gives CharacterColumn's columns, on every line.
TEST(TextFormatHintsTest, TextLinesGivesEachPlacesCharacterColumn) {
  const std::string text = "a\n\tb: \"M\xC3\xBCller\" c\n\n  d\xE2\x80\x9C\te";
  const TextLines lines(text);
  for (const TextPosition at :
       {TextPosition{0, 0}, TextPosition{1, 8}, TextPosition{1, 21}, TextPosition{2, 0},
        TextPosition{3, 2}, TextPosition{3, 8}, TextPosition{3, 9}}) {
    EXPECT_EQ(lines.CharacterColumn(at), CharacterColumn(text, at)) << at.line << ":" << at.column;
  }
  EXPECT_EQ(lines.CharacterColumn({1, 21}), 14);  // the "c": a tab, 12 characters, then it
  EXPECT_EQ(lines.CharacterColumn({3, 8}), 6);    // the "e": two spaces, d, a quote, a tab
}

TEST(TextFormatHintsTest, SaysNothingWithoutOneCloseName) {
  for (const char* error : {
           // Nothing close.
           "Message type \"parley.v1.EventRecord\" has no field named \"zzzzzzzz\".",
           // A type the schema does not have, other errors.
           "Message type \"parley.v1.Nothing\" has no field named \"titel\".",
           "Expected \":\", found \"}\".",
           "",
       }) {
    EXPECT_EQ(WithTextFormatHint(error), error);
  }
}

}  // namespace
}  // namespace parley
