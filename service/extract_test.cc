// The officials extractor on sentences written for these tests (not taken
// from the seed articles), with a small lexicon.
#include "extract.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace parley {
namespace {

ExtractionLexicon TestLexicon() {
  return ExtractionLexicon::FromLists(
      {"minister", "secretary", "ambassador", "spokesperson", "adviser", "counterpart", "director"},
      {"acting", "deputy", "foreign", "national", "prime", "home"},
      {"security", "affairs", "homeland", "defence", "cyber", "issues", "ministry", "department",
       "energy", "information", "technology"},
      {{"India", "india"}, {"Indian", "india"}, {"United States", "united-states"},
       {"US", "united-states"}, {"American", "united-states"}, {"Japan", "japan"},
       {"Japanese", "japan"}, {"France", "france"}, {"French", "france"}});
}

TEST(ExtractOfficialsTest, TitleBeforeNameWithACountryModifier) {
  const std::string text = "TOKYO: Japanese Foreign Minister Yoko Kamikawa met reporters on Monday.";
  const auto found = ExtractOfficials(text, TestLexicon());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Yoko Kamikawa");
  EXPECT_EQ(found[0].title, "Foreign Minister");
  EXPECT_EQ(found[0].country_id, "japan");
  EXPECT_EQ(text.substr(found[0].name_start, found[0].name_end - found[0].name_start),
            "Yoko Kamikawa");
  EXPECT_EQ(text.substr(found[0].quote_start, found[0].quote_end - found[0].quote_start),
            "Japanese Foreign Minister Yoko Kamikawa");
  EXPECT_EQ(found[0].rule, "title before name");
  EXPECT_GT(found[0].confidence, 0.8);
}

TEST(ExtractOfficialsTest, TitleWithASubjectAndAPossessiveCountry) {
  const auto found = ExtractOfficials(
      "France's Secretary of Defence Affairs Marc Dubois and the US Deputy Secretary of Energy "
      "Laura Chen signed it.",
      TestLexicon());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "Marc Dubois");
  EXPECT_EQ(found[0].title, "Secretary of Defence Affairs");
  EXPECT_EQ(found[0].country_id, "france");
  EXPECT_EQ(found[1].name, "Laura Chen");
  EXPECT_EQ(found[1].title, "Deputy Secretary of Energy");
  EXPECT_EQ(found[1].country_id, "united-states");
}

TEST(ExtractOfficialsTest, AppositionAndLowercaseTitles) {
  const auto found = ExtractOfficials(
      "The deal was announced by Arjun Mehta, India's Ambassador to Japan, and by national "
      "security adviser Ravi Iyer.",
      TestLexicon());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].name, "Arjun Mehta");
  EXPECT_EQ(found[0].rule, "apposition");
  EXPECT_EQ(found[0].country_id, "india");  // "to Japan" is where, not whom he represents
  EXPECT_EQ(found[1].name, "Ravi Iyer");
  EXPECT_EQ(found[1].country_id, "");
  EXPECT_LT(found[1].confidence, found[0].confidence + 0.2);
}

TEST(ExtractOfficialsTest, ShortReferencesAndCountriesFromOtherMentions) {
  const auto found = ExtractOfficials(
      "Home Minister Sunil Rao spoke first. Later his American counterpart Sunil Rao's guest, "
      "no: his Indian counterpart... Rao said the talks went well. Director Ann Lee agreed; "
      "her Japanese counterpart Ann Lee nodded.",
      TestLexicon());
  std::vector<std::string> rules;
  for (const auto& o : found) rules.push_back(o.name + " / " + o.rule + " / " + o.country_id);
  EXPECT_THAT(rules, ::testing::Contains(::testing::HasSubstr("Sunil Rao / short reference")));
  EXPECT_THAT(rules, ::testing::Contains("Ann Lee / title before name, country from another "
                                         "mention / japan"));
}

TEST(ExtractOfficialsTest, UnnamedOfficialsAndInitialsAloneAreNotPeople) {
  EXPECT_TRUE(ExtractOfficials("A top American official said so on Tuesday.", TestLexicon())
                  .empty());
  EXPECT_TRUE(ExtractOfficials("It was signed by the Information Technology Secretary R", TestLexicon())
                  .empty());
  const auto initials = ExtractOfficials("Home Minister P. K. Menon arrived.", TestLexicon());
  ASSERT_EQ(initials.size(), 1u);
  EXPECT_EQ(initials[0].name, "P. K. Menon");
}

}  // namespace
}  // namespace parley
