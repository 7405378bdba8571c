#include "service/base/normalize.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"
#include "service/base/romanize.h"

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
      {"India’s", "india"},  // curly apostrophe, possessive
      {"India's Ambassador", "india ambassador"},
      {"DHS’ National", "dhs national"},
      {"O'Brien", "obrien"},
      {"CERT-In", "cert in"},
      {"US-CERT", "us cert"},
      {"ＵＳ", "us"},                                   // full-width letters (NFKC)
      {"Straße", "strasse"},                            // case folding
      {"Kristie\u00a0Canegallo", "kristie canegallo"},  // no-break space
      {"Jane Holl–Lute", "jane holl lute"},             // en dash
      {"!!!", ""},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(NormalizeName(c.in), c.out) << c.in;
}

TEST(NormalizeNameTest, InvalidUtf8IsAWordBreakNotACrash) {
  EXPECT_EQ(NormalizeName("abc\xff"
                          "def"),
            "abc def");
  EXPECT_EQ(NormalizeName("\xc3"), "");
}

TEST(CompactKeyTest, SpacingAndInitialsDoNotMatter) {
  EXPECT_EQ(CompactKey("S. M. Krishna"), CompactKey("SM Krishna"));
  EXPECT_EQ(CompactKey("S.M. Krishna"), "smkrishna");
  EXPECT_EQ(CompactKey("U.S."), CompactKey("US"));
  EXPECT_NE(CompactKey("Janet Napolitano"), CompactKey("Napolitano"));
}

TEST(NormalizedWordsTest, SplitsOnWordBreaks) {
  EXPECT_EQ(NormalizedWords("Jane Holl Lute"), (std::vector<std::string>{"jane", "holl", "lute"}));
  EXPECT_TRUE(NormalizedWords("...").empty());
}

TEST(NameKeyTest, HonorificsAreIgnored) {
  EXPECT_EQ(NameKey("Shri P. Chidambaram"), NameKey("P Chidambaram"));
  EXPECT_EQ(NameKey("Dr. Manmohan Singh"), "manmohansingh");
  EXPECT_EQ(NameKey("Ms. Kristie Canegallo"), "kristiecanegallo");
  EXPECT_EQ(NameKey("Mr"), "mr");  // a lone honorific stays
}

TEST(HasLetterOrDigitTest, AgreesWithNormalizeName) {
  for (const char* text : {"", "...", " - ", "A", "9/11", "—", "Röntgen", "“”", "é"}) {
    EXPECT_EQ(HasLetterOrDigit(text), !NormalizeName(text).empty()) << text;
  }
}

TEST(NormalizeNameTest, TheAsciiPathAgreesWithIcu) {
  uint64_t state = 42;
  auto next = [&state] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(state >> 33);
  };
  const std::string alphabet = "aAsSzZ09 .-'\t\n,\"()&/_";
  for (int trial = 0; trial < 20000; ++trial) {
    std::string text;
    for (uint32_t i = 0, n = next() % 12; i < n; ++i) {
      // Mostly the interesting characters; now and then any ASCII byte.
      text.push_back(next() % 8 == 0 ? static_cast<char>(next() % 128)
                                     : alphabet[next() % alphabet.size()]);
    }
    ASSERT_EQ(NormalizeName(text), NormalizeNameWithIcu(text)) << "\"" << text << "\"";
  }
  for (const char* text : {"India's", "O'Brien", "P. Chidambaram", "S.M. Krishna", "US-CERT",
                           "it's", "'s", "s's", "A'S b"}) {
    EXPECT_EQ(NormalizeName(text), NormalizeNameWithIcu(text)) << text;
  }
}

TEST(NameKeyTest, IndianScriptsTitlesAndHonorificSuffixes) {
  // In Latin letters as English spells Indian names.
  EXPECT_EQ(NameKey("चिदंबरम"), "chidambaram");
  EXPECT_EQ(NameKey("नरेंद्र मोदी"), NameKey("Narendra Modi"));
  EXPECT_EQ(NameKey("भारत"), NameKey("Bharat"));
  EXPECT_EQ(RomanizeIndic("Narendra Modi"), "Narendra Modi");  // Latin text is left alone
  // "ji" and "sahib" after a name go; the last word stays.
  EXPECT_EQ(NameKey("Modi ji"), "modi");
  EXPECT_EQ(NameKey("Chidambaram Sahib"), "chidambaram");
  EXPECT_EQ(NameKey("Ji"), "ji");
  // Titles before a name go only for a query's second search.
  EXPECT_EQ(NameKey("PM Modi"), "pmmodi");
  EXPECT_EQ(TitleFreeNameKey("PM Modi"), "modi");
  EXPECT_EQ(TitleFreeNameKey("Secretary of State Clinton"), "clinton");
  EXPECT_EQ(TitleFreeNameKey("External Affairs Minister Dr. S. Jaishankar"), "sjaishankar");
  EXPECT_EQ(TitleFreeNameKey("Secretary"), "secretary");
}

TEST(PhoneticKeyTest, SpellingsOfOneIndianNameSoundAlike) {
  EXPECT_EQ(PhoneticKey("chandrasekhar"), PhoneticKey("chandrashekhar"));
  EXPECT_EQ(PhoneticKey("jaishankar"), PhoneticKey("jayshankar"));
  EXPECT_EQ(PhoneticKey("mukherjee"), PhoneticKey("mukerji"));
  EXPECT_EQ(PhoneticKey("s jaishankar"), PhoneticKey("s jayshankar"));
  EXPECT_EQ(PhoneticKey("dwivedi"), PhoneticKey("dvivedi"));
  EXPECT_EQ(PhoneticKey("yadav"), "yadav");  // a word's first y stays
  EXPECT_NE(PhoneticKey("kumar"), PhoneticKey("kumari"));
  EXPECT_NE(PhoneticKey("singh"), PhoneticKey("sinha"));
}

TEST(EscapeControlCharactersTest, EscapesControlsAndBadBytesOnly) {
  EXPECT_EQ(EscapeControlCharacters("Anna\x07 M\xC3\xBCller"), "Anna\\x07 M\xC3\xBCller");
  EXPECT_EQ(EscapeControlCharacters("Se\xC3\xB1or\nP\xC3\xA9rez\t"),
            "Se\xC3\xB1or\\nP\xC3\xA9rez\\t");
  EXPECT_EQ(EscapeControlCharacters(std::string("a\0b", 3)), "a\\x00b");
  EXPECT_EQ(EscapeControlCharacters("x\xC2\x85y\xE2\x80\xA8z"), "x\\u{85}y\\u{2028}z");
  EXPECT_EQ(EscapeControlCharacters("bad \xFF\xC3"), "bad \\xFF\\xC3");
  EXPECT_EQ(EscapeControlCharacters("plain"), "plain");
}

TEST(FirstControlCharacterTest, FindsC0C1AndSeparatorsButNotPlainText) {
  EXPECT_EQ(FirstControlCharacter("Jane Holl Lute"), -1);
  EXPECT_EQ(FirstControlCharacter("नरेंद्र मोदी, Hyderabad House"), -1);
  EXPECT_EQ(FirstControlCharacter(""), -1);
  EXPECT_EQ(FirstControlCharacter(std::string("Some\0one", 8)), 0);
  EXPECT_EQ(FirstControlCharacter("Some\aone"), 0x07);
  EXPECT_EQ(FirstControlCharacter("two\nlines"), 0x0A);
  EXPECT_EQ(FirstControlCharacter("tab\there"), 0x09);
  EXPECT_EQ(FirstControlCharacter("del\x7F"), 0x7F);
  EXPECT_EQ(FirstControlCharacter("c1\xC2\x85next line"), 0x85);
  EXPECT_EQ(FirstControlCharacter("line\xE2\x80\xA8separator"), 0x2028);
  // The first of two; and none past an invalid byte (the reader refuses it).
  EXPECT_EQ(FirstControlCharacter("a\tb\nc"), 0x09);
  EXPECT_EQ(FirstControlCharacter("bad\xFF\n"), -1);
}

// Every place of a bad sequence in and after ASCII runs (the runs are read
// eight bytes at a time), and sequences that look like UTF-8 but are not.
TEST(NormalizeTest, FirstInvalidUtf8FindsTheFirstBadByte) {
  EXPECT_EQ(FirstInvalidUtf8(""), absl::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8(std::string(1000, 'a')), absl::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("M\xC3\xBCller \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80 ok"),
            absl::string_view::npos);
  for (size_t at = 0; at < 20; ++at) {
    for (const char* bad :
         {"\xFF", "\x80", "\xC3", "\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x80"}) {
      const std::string text = std::string(at, 'x') + bad + std::string(at % 9, 'y');
      EXPECT_EQ(FirstInvalidUtf8(text), at) << at << " " << absl::CEscape(bad);
      // After a valid character outside ASCII too.
      const std::string after = "\xC3\xA9" + text;
      EXPECT_EQ(FirstInvalidUtf8(after), at + 2) << at << " " << absl::CEscape(bad);
    }
  }
}

}  // namespace
}  // namespace parley
