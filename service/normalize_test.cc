#include "normalize.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

TEST(NormalizeNameTest, TableOfTrickyNames) {
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {"P. Chidambaram", "p chidambaram"},
      {"P Chidambaram", "p chidambaram"},
      {"  Janet   NAPOLITANO ", "janet napolitano"},
      {"Röntgen", "rontgen"},
      {"Jayanthi Natarâjan", "jayanthi natarajan"},
      {"India’s", "india"},          // curly apostrophe, possessive
      {"India's Ambassador", "india ambassador"},
      {"DHS’ National", "dhs national"},
      {"O'Brien", "obrien"},
      {"CERT-In", "cert in"},
      {"US-CERT", "us cert"},
      {"ＵＳ", "us"},                // full-width letters (NFKC)
      {"Straße", "strasse"},         // case folding
      {"Kristie\u00a0Canegallo", "kristie canegallo"},  // no-break space
      {"Jane Holl–Lute", "jane holl lute"},              // en dash
      {"!!!", ""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeName(c.in), c.out) << c.in;
}

TEST(NormalizeNameTest, InvalidUtf8IsAWordBreakNotACrash) {
  EXPECT_EQ(NormalizeName("abc\xff" "def"), "abc def");
  EXPECT_EQ(NormalizeName("\xc3"), "");
}

TEST(CompactKeyTest, SpacingAndInitialsDoNotMatter) {
  EXPECT_EQ(CompactKey("S. M. Krishna"), CompactKey("SM Krishna"));
  EXPECT_EQ(CompactKey("S.M. Krishna"), "smkrishna");
  EXPECT_EQ(CompactKey("U.S."), CompactKey("US"));
  EXPECT_NE(CompactKey("Janet Napolitano"), CompactKey("Napolitano"));
}

TEST(NormalizedWordsTest, SplitsOnWordBreaks) {
  EXPECT_EQ(NormalizedWords("Jane Holl Lute"),
            (std::vector<std::string>{"jane", "holl", "lute"}));
  EXPECT_TRUE(NormalizedWords("...").empty());
}

TEST(NameKeyTest, HonorificsAreIgnored) {
  EXPECT_EQ(NameKey("Shri P. Chidambaram"), NameKey("P Chidambaram"));
  EXPECT_EQ(NameKey("Dr. Manmohan Singh"), "manmohansingh");
  EXPECT_EQ(NameKey("Ms. Kristie Canegallo"), "kristiecanegallo");
  EXPECT_EQ(NameKey("Mr"), "mr");  // a lone honorific stays
}

}  // namespace
}  // namespace parley
