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

TEST(TextFormatHintsTest, SaysNothingWithoutOneCloseName) {
  for (const char* error : {
           // Nothing close.
           "Message type \"parley.v1.EventRecord\" has no field named \"zzzzzzzz\".",
           "Unknown enumeration value of \"BANANA\" for field \"kind\".",
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
