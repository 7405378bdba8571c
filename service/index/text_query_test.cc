#include "service/index/text_query.h"

#include <gtest/gtest.h>

namespace parley {
namespace {

std::vector<std::vector<std::string>> WordsOf(const QueryClause& clause) {
  std::vector<std::vector<std::string>> out;
  for (const QueryTerm& t : clause.terms) out.push_back(t.words);
  return out;
}

TEST(ParseTextQueryTest, WordsAndPhrases) {
  auto clauses = ParseTextQuery("ransomware \"fake currency notes\" “digital forensics”");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 3u);
  using Words = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WordsOf((*clauses)[0]), (Words{{"ransomware"}}));
  EXPECT_EQ(WordsOf((*clauses)[1]), (Words{{"fake", "currency", "notes"}}));
  EXPECT_EQ(WordsOf((*clauses)[2]), (Words{{"digital", "forensics"}}));
  EXPECT_EQ((*clauses)[1].terms[0].text, "fake currency notes");
  for (const QueryClause& c : *clauses) EXPECT_FALSE(c.excluded);
}

TEST(ParseTextQueryTest, OrJoinsAlternativesIntoOneClause) {
  auto clauses = ParseTextQuery("cyber malware OR Ransomware OR \"fake currency\" talks");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 3u);
  using Words = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WordsOf((*clauses)[0]), (Words{{"cyber"}}));
  EXPECT_EQ(WordsOf((*clauses)[1]), (Words{{"malware"}, {"ransomware"}, {"fake", "currency"}}));
  EXPECT_EQ((*clauses)[1].terms[1].text, "Ransomware");
  EXPECT_EQ(WordsOf((*clauses)[2]), (Words{{"talks"}}));
}

TEST(ParseTextQueryTest, NearJoinsTermsThatMustBeCloseIntoOneClause) {
  auto clauses =
      ParseTextQuery("talks Napolitano NEAR Chidambaram NEAR \"homeland security\" near");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 3u);
  using Words = std::vector<std::vector<std::string>>;
  EXPECT_FALSE((*clauses)[0].near);
  EXPECT_TRUE((*clauses)[1].near);
  EXPECT_EQ(WordsOf((*clauses)[1]),
            (Words{{"napolitano"}, {"chidambaram"}, {"homeland", "security"}}));
  EXPECT_EQ(WordsOf((*clauses)[2]), (Words{{"near"}}));  // lower case: the word
  EXPECT_FALSE((*clauses)[2].near);
}

TEST(ParseTextQueryTest, MinusAndNotExclude) {
  auto clauses =
      ParseTextQuery("cyber -Pakistan NOT China -\"fake currency\" (-Nepal\u00a0-Bhutan");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 6u);
  const std::vector<bool> excluded = {false, true, true, true, true, true};
  for (size_t i = 0; i < excluded.size(); ++i) {
    EXPECT_EQ((*clauses)[i].excluded, excluded[i]) << i << " " << (*clauses)[i].terms[0].text;
  }
  EXPECT_EQ((*clauses)[1].terms[0].words, (std::vector<std::string>{"pakistan"}));
  EXPECT_EQ((*clauses)[3].terms[0].words, (std::vector<std::string>{"fake", "currency"}));
  EXPECT_EQ((*clauses)[5].terms[0].words, (std::vector<std::string>{"bhutan"}));
}

TEST(ParseTextQueryTest, AMinusRightAfterAPhraseExcludes) {
  // Any quote closes a phrase, the typographic opening one too.
  auto clauses = ParseTextQuery(
      "\"fake currency\"-Pakistan \u201ccyber security\u201d-China \u201cx y\u201c-Nepal");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 6u);
  const std::vector<bool> excluded = {false, true, false, true, false, true};
  for (size_t i = 0; i < excluded.size(); ++i) {
    EXPECT_EQ((*clauses)[i].excluded, excluded[i]) << i << " " << (*clauses)[i].terms[0].text;
  }
  EXPECT_EQ((*clauses)[1].terms[0].words, (std::vector<std::string>{"pakistan"}));
  EXPECT_EQ((*clauses)[3].terms[0].words, (std::vector<std::string>{"china"}));
}

TEST(ParseTextQueryTest, WordsWithoutASpaceBetweenThemAreOnePhrase) {
  auto clauses = ParseTextQuery("cyber-security -CERT-In malware OR U.S.-India NOT x-y");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 4u);
  using Words = std::vector<std::vector<std::string>>;
  // Joined by hyphens alone: the joined spelling is an alternative.
  EXPECT_EQ(WordsOf((*clauses)[0]), (Words{{"cyber", "security"}, {"cybersecurity"}}));
  EXPECT_FALSE((*clauses)[0].excluded);
  EXPECT_EQ((*clauses)[0].terms[0].text, "cyber-security");
  EXPECT_EQ((*clauses)[0].terms[1].text, "cybersecurity");
  EXPECT_TRUE((*clauses)[0].terms[1].word_spans.empty());  // not written so
  // The hyphen of -CERT-In excludes nothing: both spellings are excluded.
  EXPECT_EQ(WordsOf((*clauses)[1]), (Words{{"cert", "in"}, {"certin"}}));
  EXPECT_TRUE((*clauses)[1].excluded);
  // "U.S.-India" has more than hyphens between its words: no joined word.
  EXPECT_EQ(WordsOf((*clauses)[2]), (Words{{"malware"}, {"u", "s", "india"}}));
  EXPECT_EQ(WordsOf((*clauses)[3]), (Words{{"x", "y"}, {"xy"}}));
  EXPECT_TRUE((*clauses)[3].excluded);
}

TEST(ParseTextQueryTest, TheJoinedSpellingIsNotAddedToPhrasesNearsOrTwice) {
  using Words = std::vector<std::vector<std::string>>;
  auto quoted = ParseTextQuery("\"cyber-security\"");  // a phrase is as written
  ASSERT_TRUE(quoted.ok()) << quoted.status();
  EXPECT_EQ(WordsOf((*quoted)[0]), (Words{{"cyber", "security"}}));
  auto near = ParseTextQuery("cyber-security NEAR dialogue");  // every term required
  ASSERT_TRUE(near.ok()) << near.status();
  EXPECT_EQ(WordsOf((*near)[0]), (Words{{"cyber", "security"}, {"dialogue"}}));
  auto both = ParseTextQuery("cyber-security OR cybersecurity");
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(WordsOf((*both)[0]), (Words{{"cyber", "security"}, {"cybersecurity"}}));
  // Numbers are not one word joined (9-11 is not 911); Unicode's hyphen
  // (U+2010) and non-breaking hyphen (U+2011) join as '-' does.
  auto numbers = ParseTextQuery("9-11 G-20 co\u2010operation anti\u2011piracy");
  ASSERT_TRUE(numbers.ok()) << numbers.status();
  ASSERT_EQ(numbers->size(), 4u);
  EXPECT_EQ(WordsOf((*numbers)[0]), (Words{{"9", "11"}}));
  EXPECT_EQ(WordsOf((*numbers)[1]), (Words{{"g", "20"}}));
  EXPECT_EQ(WordsOf((*numbers)[2]), (Words{{"co", "operation"}, {"cooperation"}}));
  EXPECT_EQ(WordsOf((*numbers)[3]), (Words{{"anti", "piracy"}, {"antipiracy"}}));
}

TEST(ParseTextQueryTest, EachWordKnowsWhereItIsWritten) {
  const std::string query = "cyber “fake curency” -Pak's";
  auto clauses = ParseTextQuery(query);
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  std::vector<std::string> written;
  for (const QueryClause& c : *clauses) {
    for (const QueryTerm& t : c.terms) {
      ASSERT_EQ(t.word_spans.size(), t.words.size());
      for (const auto& [start, end] : t.word_spans)
        written.push_back(query.substr(start, end - start));
    }
  }
  EXPECT_EQ(written, (std::vector<std::string>{"cyber", "fake", "curency", "Pak"}));
}

TEST(ParseTextQueryTest, TheSameTermTwiceInAnOrCountsOnce) {
  auto clauses = ParseTextQuery("cyber OR Cyber OR \"cyber\" OR malware");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 1u);
  using Words = std::vector<std::vector<std::string>>;
  EXPECT_EQ(WordsOf((*clauses)[0]), (Words{{"cyber"}, {"malware"}}));
}

TEST(ParseTextQueryTest, LowerCaseOperatorsAndQuotedOnesAreWords) {
  auto clauses = ParseTextQuery("war or peace \"NOT OR\" not -OR");
  ASSERT_TRUE(clauses.ok()) << clauses.status();
  ASSERT_EQ(clauses->size(), 6u);
  EXPECT_EQ((*clauses)[1].terms[0].words, (std::vector<std::string>{"or"}));
  EXPECT_EQ((*clauses)[3].terms[0].words, (std::vector<std::string>{"not", "or"}));
  for (size_t i = 0; i < 5; ++i) EXPECT_FALSE((*clauses)[i].excluded);
  EXPECT_EQ((*clauses)[5].terms[0].words, (std::vector<std::string>{"or"}));  // -OR: the word
  EXPECT_TRUE((*clauses)[5].excluded);
}

TEST(ParseTextQueryTest, RefusesWhatItCannotReadWithAReasonAndAnExample) {
  struct Case {
    const char* query;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{
           {"\"fake currency", "unclosed quote"},
           {"  ...  ", "no words"},
           {"OR malware", "OR needs a word"},
           {"malware OR", "OR needs a word"},
           {"malware OR OR virus", "OR needs a word"},
           {"cyber -malware OR virus", "none of them can be excluded"},
           {"cyber malware OR -virus", "none of them can be excluded"},
           {"cyber malware OR NOT virus", "none of them can be excluded"},
           {"cyber \"\" malware", "a phrase without words"},
           {"cyber NOT \"...\" malware", "a phrase without words"},
           {"OR", "OR needs a word"},
           {"NEAR cyber", "NEAR needs a word"},
           {"cyber NEAR", "NEAR needs a word"},
           {"cyber NEAR -malware", "none of them can be excluded"},
           {"cyber OR malware NEAR virus", "OR and NEAR cannot join the same words"},
           {"cyber NEAR malware OR virus", "OR and NEAR cannot join the same words"},
           {"NOT", "NOT needs a word"},
           {"cyber NOT", "NOT needs a word"},
           {"cyber NOT NOT virus", "NOT needs a word"},
           {"-malware NOT virus", "only excludes"},
           {"a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p q "
            "r s t u v w x y z a b c d e f g h i j k l m",
            "use at most 64"},
       }) {
    const auto parsed = ParseTextQuery(c.query);
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument) << c.query;
    EXPECT_NE(parsed.status().message().find(c.says), absl::string_view::npos)
        << c.query << ": " << parsed.status();
  }
}

}  // namespace
}  // namespace parley
